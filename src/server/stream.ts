import type { WebSocket } from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Bus, ConversationUpdate } from '../bus/bus.ts';
import { agentMayAccess } from '../domain/commands.ts';
import type { ConversationState } from '../domain/conversation-state.ts';
import { DomainError } from '../domain/errors.ts';
import type { StoredEvent } from '../domain/events.ts';
import type { ConversationService } from '../engine/conversation-service.ts';
import type { Dispatcher } from '../engine/dispatcher.ts';
import type { Store } from '../store/store.ts';
import type { Authenticator, Principal } from './auth.ts';
import { parseInput } from './validation.ts';
import { eventView, queueView, stateView, type Audience } from './views.ts';

export const StreamQuery = z.object({
  token: z.string().min(1),
  /** A conversation's seq for one conversation; a global position for an agent's all-conversations stream. */
  after: z.coerce.number().int().min(0).default(0),
  conversationId: z.string().min(1).max(100).optional(),
});

const REPLAY_PAGE = 500;
/** Live events a stream remembers having sent before it reads the store to move its mark on. */
const MAX_SENT_LIVE = 2000;

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
 * updates, skipping any it already sent. A client that reconnects with the last seq it saw misses nothing and sees
 * nothing twice; when the bus itself reconnects, the stream reads what it may have missed from the store.
 */
export function streamRoute(
  app: FastifyInstance,
  deps: { bus: Bus; store: Store; auth: Authenticator; service: ConversationService; dispatcher: Dispatcher },
) {
  const { bus, store, auth, service, dispatcher } = deps;

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
    /** Everything up to here was read from the store and sent (or is not for this audience). */
    let mark = after;
    /** Sent live, beyond the mark: live updates may come out of order, so they are told apart one by one. */
    const sentLive = new Set<number>();
    let replaying = true;
    const buffered: ConversationUpdate[] = [];

    const visible = (state: ConversationState) =>
      scope.kind === 'conversation' ? state.id === scope.conversationId : agentMayAccess(scope.principal.agent, state);

    const sendOnce = (event: StoredEvent, state?: ConversationState) => {
      const cursor = cursorOf(event);
      if (cursor <= mark || sentLive.has(cursor)) return;
      sentLive.add(cursor);
      const view = eventView(event, audience);
      if (view && socket.readyState === socket.OPEN) {
        socket.send(JSON.stringify({ type: 'event', event: view, ...(state ? { state: stateView(state, audience) } : {}) }));
      }
    };

    const deliver = (update: ConversationUpdate) => {
      if (!visible(update.state)) return;
      for (const event of update.events) sendOnce(event, update.state);
      // A fresh place and promise in the queue: not an event (nothing was appended), so not replayed either.
      if (update.queue && socket.readyState === socket.OPEN) {
        socket.send(JSON.stringify({ type: 'queue', conversationId: update.conversationId, queue: queueView(update.queue) }));
      }
      // Typing shows to the other side only: customers see agents typing, agents see customers.
      if (update.typing && (update.typing.role === 'agent') === (audience === 'customer') && socket.readyState === socket.OPEN) {
        socket.send(JSON.stringify({ type: 'typing', conversationId: update.conversationId, role: update.typing.role, ...(update.typing.name ? { name: update.typing.name } : {}) }));
      }
      // A long-lived stream keeps its memory bounded: reading the store moves the mark past what was sent.
      if (sentLive.size > MAX_SENT_LIVE) void catchUp().catch(() => {});
    };

    /** Sends from the store whatever came after the mark and was not sent yet: the replay, and repairs after it. */
    let catchingUp: Promise<void> | undefined;
    let again = false;
    const catchUp = async (): Promise<void> => {
      if (catchingUp) {
        again = true;
        return catchingUp;
      }
      catchingUp = (async () => {
        do {
          again = false;
          const states = new Map<string, ConversationState | undefined>();
          for (;;) {
            const page =
              scope.kind === 'conversation'
                ? await store.readEvents(scope.conversationId, mark, REPLAY_PAGE)
                : await store.readEventsAfterPosition(mark, REPLAY_PAGE);
            for (const event of page) {
              if (scope.kind === 'all' && !states.has(event.conversationId)) {
                states.set(event.conversationId, await store.getState(event.conversationId));
              }
              const state = scope.kind === 'all' ? states.get(event.conversationId) : undefined;
              if (scope.kind === 'conversation' || (state && visible(state))) sendOnce(event);
              mark = Math.max(mark, cursorOf(event));
            }
            if (page.length < REPLAY_PAGE) break;
          }
          for (const cursor of sentLive) if (cursor <= mark) sentLive.delete(cursor);
        } while (again);
      })().finally(() => (catchingUp = undefined));
      return catchingUp;
    };

    const unsubscribe = bus.subscribe((update) => {
      if (replaying) buffered.push(update);
      else deliver(update);
    });
    // Updates published while this node's bus connection was down never arrive: read them from the store instead,
    // now and once more when the resubscription has surely settled.
    let settleTimer: NodeJS.Timeout | undefined;
    const stopResync = bus.onReconnect(() => {
      void catchUp().catch(() => {});
      clearTimeout(settleTimer);
      settleTimer = setTimeout(() => void catchUp().catch(() => {}), 1000).unref();
    });
    // A customer watching their conversation is there: a queue does not count them as gone until the widget closes.
    const customerLeft = scope.kind === 'conversation' && scope.audience === 'customer' ? dispatcher.customerStreamOpened(scope.conversationId) : undefined;
    socket.on('close', () => {
      unsubscribe();
      stopResync();
      clearTimeout(settleTimer);
      customerLeft?.();
    });

    try {
      await catchUp();
      if (scope.kind === 'conversation') {
        const state = await store.getState(scope.conversationId);
        if (state && socket.readyState === socket.OPEN) {
          socket.send(JSON.stringify({ type: 'state', conversationId: state.id, state: stateView(state, audience, dispatcher.waitFor(state.id)) }));
        }
      }
      for (const update of buffered.splice(0)) deliver(update);
      replaying = false;
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: 'ready', after: mark }));
    } catch (error) {
      unsubscribe();
      stopResync();
      socket.close(1011, 'replay failed');
      throw error;
    }
  }
}
