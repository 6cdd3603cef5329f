import type { ConversationUpdate } from './bus.ts';

export type UpdateHandler = (update: ConversationUpdate) => void;

/**
 * The subscribers of one bus. A subscriber that throws is reported and skipped: it never keeps the update from the
 * others, nor brings the process down.
 */
export class Subscribers {
  private handlers = new Set<UpdateHandler>();

  constructor(private readonly onError: (error: unknown) => void) {}

  add(handler: UpdateHandler): () => void {
    // Wrapped, so the same function subscribed twice is two subscriptions, as with an event emitter.
    const entry: UpdateHandler = (update) => handler(update);
    this.handlers.add(entry);
    return () => this.handlers.delete(entry);
  }

  deliver(update: ConversationUpdate): void {
    for (const handler of this.handlers) {
      try {
        handler(update);
      } catch (error) {
        this.onError(error);
      }
    }
  }

  clear(): void {
    this.handlers.clear();
  }
}
