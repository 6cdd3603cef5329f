import { useEffect, useState } from 'react';
import type { Api } from './api.ts';
import { errorText } from './api.ts';
import { openStream, type StreamStatus } from './stream.ts';
import type { EventView, QueueView, StateView } from './types.ts';

export interface LiveConversation {
  /** Every event the agent may see, in seq order, each once. */
  events: EventView[];
  state: StateView | null;
  queue: QueueView | null;
  /** The customer is typing (for a few seconds after each signal). */
  customerTyping: boolean;
  status: StreamStatus;
  /** The replay is done. */
  ready: boolean;
  /** The conversation cannot be shown (unknown, or not this agent's to see). */
  error: string | null;
}

/** How long a typing signal shows: the customer's widget sends one every few seconds while they type. */
const TYPING_MS = 5000;

/**
 * One conversation, live: `GET /api/v1/stream?conversationId=…` replays its events by seq, then sends new ones, its
 * state, its place in line and the customer's typing. A reconnect resumes after the last seq seen.
 */
export function useConversationStream(api: Api, conversationId: string): LiveConversation {
  const [live, setLive] = useState<LiveConversation>({ events: [], state: null, queue: null, customerTyping: false, status: 'connecting', ready: false, error: null });

  useEffect(() => {
    let lastSeq = 0;
    let typingTimer: ReturnType<typeof setTimeout> | undefined;
    const seen = new Set<number>();
    let stopped = false;

    const close = openStream({
      token: api.token,
      conversationId,
      after: () => lastSeq,
      onStatus: (status) => setLive((l) => ({ ...l, status })),
      onTrouble: () => {
        // Ask plainly why the stream is refused: a 404 or 403 says it, a 401 signs out.
        api.conversation(conversationId).then(
          () => {},
          (error: unknown) => {
            if (!stopped) setLive((l) => ({ ...l, error: errorText(error) }));
          },
        );
      },
      onFrame: (frame) => {
        switch (frame.type) {
          case 'event': {
            const { event, state } = frame;
            lastSeq = Math.max(lastSeq, event.seq);
            if (seen.has(event.seq)) return;
            seen.add(event.seq);
            const customerSpoke = event.type === 'message.created' && event.message.role === 'customer';
            if (customerSpoke) clearTimeout(typingTimer);
            setLive((l) => ({
              ...l,
              events: insertInOrder(l.events, event),
              ...(state && (!l.state || state.lastSeq >= l.state.lastSeq) ? { state, queue: state.owner === 'queue' ? l.queue : null } : {}),
              ...(customerSpoke ? { customerTyping: false } : {}),
            }));
            return;
          }
          case 'state':
            setLive((l) => ({ ...l, state: frame.state, queue: frame.state.queue ?? null }));
            return;
          case 'queue':
            setLive((l) => ({ ...l, queue: frame.queue }));
            return;
          case 'typing':
            if (frame.role !== 'customer') return;
            clearTimeout(typingTimer);
            typingTimer = setTimeout(() => setLive((l) => ({ ...l, customerTyping: false })), TYPING_MS);
            setLive((l) => ({ ...l, customerTyping: true }));
            return;
          case 'ready':
            setLive((l) => ({ ...l, ready: true, error: null }));
            return;
        }
      },
    });
    return () => {
      stopped = true;
      clearTimeout(typingTimer);
      close();
    };
  }, [api, conversationId]);

  return live;
}

function insertInOrder(events: EventView[], event: EventView): EventView[] {
  const last = events.at(-1);
  if (!last || last.seq < event.seq) return [...events, event];
  const index = events.findIndex((e) => e.seq > event.seq);
  return [...events.slice(0, index), event, ...events.slice(index)];
}
