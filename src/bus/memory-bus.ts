import { EventEmitter } from 'node:events';
import type { Bus, ConversationUpdate } from './bus.ts';

/** The embedded default: one process, delivery in publish order. */
export class MemoryBus implements Bus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(update: ConversationUpdate): Promise<void> {
    this.emitter.emit('update', update);
  }

  subscribe(handler: (update: ConversationUpdate) => void): () => void {
    this.emitter.on('update', handler);
    return () => this.emitter.off('update', handler);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
