import type { WebSocket } from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Bus, ConversationUpdate } from '../bus/bus.ts';
import { agentMayAccess } from '../domain/commands.ts';
import type { ConversationState } from '../domain/conversation-state.ts';
import { DomainError } from '../domain/errors.ts';
import type { StoredEvent } from '../domain/events.ts';
import type { ConversationService } from '../engine/conversation-service.ts';
import type { Store } from '../store/store.ts';
import type { Authenticator, Principal } from './auth.ts';
import { parseInput } from './validation.ts';
import { eventView, stateView, type Audience } from './views.ts';

const StreamQuery = z.object({
  token: z.string().min(1),
  /** A conversation's seq for one conversation; a global position for an agent's all-conversations stream. */
  after: z.coerce.number().int().min(0).default(0),
  conversationId: z.string().min(1).max(100).optional(),
});

const REPLAY_PAGE = 500;

/** One conversation (by seq), or every conversation an agent may see (by global position). */
type Scope =
  | { kind: 'conversation'; conversationId: string; audience: Audience }
  | { kind: 'all'; principal: Extract<Principal, { kind: 'agent' }> };

declare module 'fastify' {
  interface FastifyRequest {
    streamScope?: Scope;
    streamAfter?: number;
  }
}

/**
 * `GET /api/v1/stream?token=…&after=N`: subscribes to the bus first, then replays from the store, then sends live
 * updates, skipping any it already replayed. A client that reconnects with the last seq it saw misses nothing and
 * sees nothing twice.
 */
export function streamRoute(app: FastifyInstance, deps: { bus: Bus; store: Store; auth: Authenticator; service: ConversationService }) {
  const { bus, store, auth, service } = deps;

  app.get(
    '/api/v1/stream',
    {
      websocket: true,
      // Authenticate before the upgrade, so a bad token gets a plain 4xx JSON answer.
      preValidation: async (request: FastifyRequest) => {
        const query = parseInput(StreamQuery, request.query, 'query');
        const principal = await auth.principal(query.token);
        request.streamAfter = query.after;
        if (principal.kind === 'customer') {
          if (query.conversationId && query.conversationId !== principal.conversationId) {
            throw new DomainError(403, 'forbidden', 'this token is for another conversation');
          }
          request.streamScope = { kind: 'conversation', conversationId: principal.conversationId, audience: 'customer' };
        } else if (query.conversationId) {
          await service.requireAccess(query.conversationId, principal.agent);
          request.streamScope = { kind: 'conversation', conversationId: query.conversationId, audience: 'agent' };
        } else {
          request.streamScope = { kind: 'all', principal };
        }
      },
    },
    (socket: WebSocket, request: FastifyRequest) => {
      void serve(socket, request.streamScope!, request.streamAfter ?? 0);
    },
  );

  async function serve(socket: WebSocket, scope: Scope, after: number) {
    const audience: Audience = scope.kind === 'all' ? 'agent' : scope.audience;
    const cursorOf = (e: StoredEvent) => (scope.kind === 'conversation' ? e.seq : e.position);
    /** Replay moves this forward; live updates are compared with where replay ended, since they may arrive out of order. */
    let cursor = after;
    let replaying = true;
    const buffered: ConversationUpdate[] = [];

    const visible = (state: ConversationState) =>
      scope.kind === 'conversation' ? state.id === scope.conversationId : agentMayAccess(scope.principal.agent, state);

    const send = (event: StoredEvent, state?: ConversationState) => {
      const view = eventView(event, audience);
      if (view && socket.readyState === socket.OPEN) {
        socket.send(JSON.stringify({ type: 'event', event: view, ...(state ? { state: stateView(state, audience) } : {}) }));
      }
    };

    const replay = (event: StoredEvent) => {
      if (cursorOf(event) <= cursor) return;
      cursor = cursorOf(event);
      send(event);
    };

    const deliver = (update: ConversationUpdate) => {
      if (!visible(update.state)) return;
      for (const event of update.events) if (cursorOf(event) > cursor) send(event, update.state);
    };

    const unsubscribe = bus.subscribe((update) => {
      if (replaying) buffered.push(update);
      else deliver(update);
    });
    socket.on('close', unsubscribe);

    try {
      if (scope.kind === 'conversation') {
        for (;;) {
          const page = await store.readEvents(scope.conversationId, cursor, REPLAY_PAGE);
          for (const event of page) replay(event);
          if (page.length < REPLAY_PAGE) break;
        }
        const state = await store.getState(scope.conversationId);
        if (state && socket.readyState === socket.OPEN) {
          socket.send(JSON.stringify({ type: 'state', conversationId: state.id, state: stateView(state, audience) }));
        }
      } else {
        const states = new Map<string, ConversationState | undefined>();
        for (;;) {
          const page = await store.readEventsAfterPosition(cursor, REPLAY_PAGE);
          for (const event of page) {
            if (!states.has(event.conversationId)) states.set(event.conversationId, await store.getState(event.conversationId));
            const state = states.get(event.conversationId);
            if (state && visible(state)) replay(event);
            else cursor = Math.max(cursor, event.position);
          }
          if (page.length < REPLAY_PAGE) break;
        }
      }
      for (const update of buffered.splice(0)) deliver(update);
      replaying = false;
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: 'ready', after: cursor }));
    } catch (error) {
      unsubscribe();
      socket.close(1011, 'replay failed');
      throw error;
    }
  }
}
