import { Redis } from 'ioredis';
import type { Bus, ConversationUpdate } from './bus.ts';
import { Subscribers } from './subscribers.ts';

const CHANNEL = 'baton:conversation-updates';

export interface RedisBusOptions {
  /** Connection trouble and failing subscribers; the bus keeps running (ioredis reconnects). */
  onError?: (error: unknown, context: string) => void;
}

/**
 * Redis pub/sub, for several Baton nodes behind one load balancer. Local subscribers hear their own node's updates
 * through Redis too, so every node sees one order.
 */
export class RedisBus implements Bus {
  private readonly subscribers: Subscribers;
  private readonly reconnectListeners = new Set<() => void>();

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    onError: (error: unknown, context: string) => void,
  ) {
    this.subscribers = new Subscribers((error) => onError(error, 'bus subscriber failed'));
    // The first 'ready' came before this bus existed; every later one follows a lost connection (ioredis
    // reconnects and subscribes again by itself).
    subscriber.on('ready', () => {
      for (const listener of [...this.reconnectListeners]) {
        try {
          listener();
        } catch (error) {
          onError(error, 'bus reconnect listener failed');
        }
      }
    });
    subscriber.on('message', (channel: string, payload: string) => {
      if (channel !== CHANNEL) return;
      let update: ConversationUpdate;
      try {
        update = JSON.parse(payload) as ConversationUpdate;
      } catch (error) {
        onError(error, 'unreadable bus message');
        return;
      }
      this.subscribers.deliver(update);
    });
  }

  static async connect(url: string, options: RedisBusOptions = {}): Promise<RedisBus> {
    const onError = options.onError ?? ((error, context) => console.error(`baton: ${context}:`, error));
    let lastError: Error | undefined;
    let ready = false;
    const connection = () => {
      const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
      // Without a listener ioredis prints every connection error itself; we report them once, with context.
      redis.on('error', (error: Error) => {
        lastError = error;
        if (ready) onError(error, 'Redis connection error');
      });
      return redis;
    };
    const publisher = connection();
    const subscriber = connection();
    try {
      await Promise.all([publisher.connect(), subscriber.connect()]);
      await subscriber.subscribe(CHANNEL);
    } catch (error) {
      publisher.disconnect();
      subscriber.disconnect();
      const cause = lastError ?? (error as Error);
      throw new Error(`cannot connect to Redis at ${url}: ${cause.message}`, { cause });
    }
    ready = true;
    return new RedisBus(publisher, subscriber, onError);
  }

  async publish(update: ConversationUpdate): Promise<void> {
    await this.publisher.publish(CHANNEL, JSON.stringify(update));
  }

  subscribe(handler: (update: ConversationUpdate) => void): () => void {
    return this.subscribers.add(handler);
  }

  onReconnect(listener: () => void): () => void {
    const entry = () => listener();
    this.reconnectListeners.add(entry);
    return () => this.reconnectListeners.delete(entry);
  }

  async close(): Promise<void> {
    this.subscribers.clear();
    this.reconnectListeners.clear();
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }
}
