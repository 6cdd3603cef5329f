import type { ConversationState } from '../domain/conversation-state.ts';
import type { StoredEvent } from '../domain/events.ts';
import type { WaitOutlook } from '../routing/wait-outlook.ts';

/** What one append changed: its events, in order, and the conversation's state after them. */
export interface ConversationUpdate {
  conversationId: string;
  events: StoredEvent[];
  state: ConversationState;
  /** A waiting customer's place and promise, recomputed (no events: nothing was appended). */
  queue?: WaitOutlook;
  /** Someone is typing (no events): shown to the other side for a few seconds. */
  typing?: { role: 'customer' | 'agent'; name?: string };
}

/**
 * Fans appended events out to every node: WebSocket streams, and later the webhook outbox and metrics. The store
 * stays the source of truth; a subscriber that missed something replays it from the store.
 */
export interface Bus {
  publish(update: ConversationUpdate): Promise<void>;
  /** Returns the function that unsubscribes. */
  subscribe(handler: (update: ConversationUpdate) => void): () => void;
  /**
   * Called after the bus lost its connection and got it back: updates published in between may never arrive, so
   * subscribers catch up from the store. Returns the function that stops listening.
   */
  onReconnect(listener: () => void): () => void;
  close(): Promise<void>;
}
