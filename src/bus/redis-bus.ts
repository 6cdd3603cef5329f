import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import type { Bus, ConversationUpdate } from './bus.ts';

const CHANNEL = 'baton:conversation-updates';

/**
 * Redis pub/sub, for several Baton nodes behind one load balancer. Local subscribers hear their own node's updates
 * through Redis too, so every node sees one order.
 */
export class RedisBus implements Bus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
  ) {
    subscriber.on('message', (channel: string, payload: string) => {
      if (channel === CHANNEL) this.emitter.emit('update', JSON.parse(payload) as ConversationUpdate);
    });
  }

  static async connect(url: string): Promise<RedisBus> {
    const options = { lazyConnect: true, maxRetriesPerRequest: 3 };
    const publisher = new Redis(url, options);
    const subscriber = new Redis(url, options);
    try {
      await Promise.all([publisher.connect(), subscriber.connect()]);
      await subscriber.subscribe(CHANNEL);
    } catch (error) {
      publisher.disconnect();
      subscriber.disconnect();
      throw new Error(`cannot connect to Redis at ${url}: ${(error as Error).message}`);
    }
    return new RedisBus(publisher, subscriber);
  }

  async publish(update: ConversationUpdate): Promise<void> {
    await this.publisher.publish(CHANNEL, JSON.stringify(update));
  }

  subscribe(handler: (update: ConversationUpdate) => void): () => void {
    this.emitter.on('update', handler);
    return () => this.emitter.off('update', handler);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }
}
