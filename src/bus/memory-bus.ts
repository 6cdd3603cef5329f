import type { Bus, ConversationUpdate } from './bus.ts';
import { Subscribers } from './subscribers.ts';

/** The embedded default: one process, delivery in publish order. */
export class MemoryBus implements Bus {
  private readonly subscribers: Subscribers;

  constructor(onError: (error: unknown) => void = (error) => console.error('baton: bus subscriber failed', error)) {
    this.subscribers = new Subscribers(onError);
  }

  async publish(update: ConversationUpdate): Promise<void> {
    this.subscribers.deliver(update);
  }

  subscribe(handler: (update: ConversationUpdate) => void): () => void {
    return this.subscribers.add(handler);
  }

  /** In-process delivery has no connection to lose: the listener is never called. */
  onReconnect(_listener: () => void): () => void {
    return () => {};
  }

  async close(): Promise<void> {
    this.subscribers.clear();
  }
}
