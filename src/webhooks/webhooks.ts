import { v7 as timeOrderedId } from 'uuid';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { PacketSource } from '../engine/handover-packets.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { AppendResult, Store } from '../store/store.ts';
import { DELIVERY_JOB, deliveryJobId, WebhookSender, type WebhookSenderDeps } from './webhook-delivery.ts';
import { WebhookFanOut } from './webhook-fanout.ts';
import { expandEvents } from './webhook-payload.ts';
import type { DeliveryStatus, WebhookDelivery, WebhookStore, WebhookSubscription } from './webhook-store.ts';

export const FANOUT_JOB = 'webhook-fanout';

/** How often a node re-reads the subscriptions (made on other nodes) that decide whether an append asks for a fan-out. */
const REFRESH_MS = 10_000;

export interface WebhooksDeps {
  /** The events (read after a position), the conversations' states, and the jobs. */
  store: Store;
  webhooks: WebhookStore;
  jobs: JobRunner;
  clock: Clock;
  log: Logger;
  /** Handover packets go out redacted. */
  redactPackets: boolean;
  refreshMs?: number;
  /** Timeout, attempts and retry delays of the sender (tests shorten them). */
  sending?: Pick<WebhookSenderDeps, 'timeoutMs' | 'maxAttempts' | 'retryDelay'>;
}

/**
 * Outgoing webhooks with a durable outbox. Every append that a subscription may want asks for a fan-out (one
 * coalesced `webhook-fanout` job, run by one node at a time), which turns the log after its cursor into deliveries;
 * each delivery is a `webhook-delivery:<id>` job, sent, retried and recorded by WebhookSender. Nothing lives only in
 * memory: a fan-out or a delivery cut short by a crash runs again after the restart, at least once, never twice into
 * the outbox.
 */
export class Webhooks {
  private fanOut: WebhookFanOut | undefined;
  private readonly sender: WebhookSender;
  /** The event types some subscription wants, as last read: appends of other types cost nothing. */
  private watched: ReadonlySet<string> = new Set();
  private known = '';
  private requesting: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: WebhooksDeps) {
    this.sender = new WebhookSender({ webhooks: deps.webhooks, jobs: deps.store, clock: deps.clock, log: deps.log, ...deps.sending });
    deps.jobs.handle(FANOUT_JOB, () => this.runFanOut().then(() => undefined));
    deps.jobs.handle(DELIVERY_JOB, (job) => this.sender.deliver(job));
  }

  /**
   * Starts fanning out, with the handover packets to send. Until then a fan-out job does nothing (appends and jobs may
   * come first); this asks for one that catches up from the cursor.
   */
  async start(packets: PacketSource): Promise<void> {
    const { deps } = this;
    this.fanOut = new WebhookFanOut({
      webhooks: deps.webhooks,
      events: deps.store,
      packets,
      redactPackets: deps.redactPackets,
      job: { kind: DELIVERY_JOB, idOf: deliveryJobId },
      clock: deps.clock,
      log: deps.log,
    });
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch((err) => deps.log.error({ err }, 'webhook subscriptions could not be read')), deps.refreshMs ?? REFRESH_MS);
    this.timer.unref();
    await this.requestFanOut();
  }

  /** Stops re-reading subscriptions and waits for the attempts under way (after the job runner stopped: no new ones). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sender.settled();
  }

  /** Waits for the delivery attempts under way on this node: they run beside the job that starts them. */
  settled(): Promise<void> {
    return this.sender.settled();
  }

  /** Told of every append on this node (the conversation service's hook): asks for a fan-out if anyone may want it. */
  afterAppend(result: AppendResult): void {
    if (this.watched.size === 0) return;
    for (const event of result.events) {
      if (this.watched.has(event.type)) {
        void this.requestFanOut();
        return;
      }
    }
  }

  /** One fan-out run now (the job's handler); how many deliveries it wrote. */
  async runFanOut(): Promise<number> {
    if (!this.fanOut) return 0;
    const { inserted, more } = await this.fanOut.run();
    if (inserted.length > 0) this.deps.jobs.kick();
    if (more) await this.requestFanOut();
    return inserted.length;
  }

  /** Asks for a fan-out soon, on whichever node claims the job; requests made while one is being written coalesce. */
  requestFanOut(): Promise<void> {
    if (this.requesting) {
      this.again = true;
      return this.requesting;
    }
    const write = async () => {
      do {
        this.again = false;
        await this.deps.store.scheduleJob({ id: FANOUT_JOB, kind: FANOUT_JOB, runAt: this.deps.clock.now().toISOString() });
        this.deps.jobs.kick();
      } while (this.again);
    };
    this.requesting = write()
      .catch((err) => this.deps.log.error({ err }, 'webhook fan-out could not be requested'))
      .finally(() => {
        this.requesting = undefined;
        // Asked for after the last write had begun: that write may not cover it.
        if (this.again) void this.requestFanOut();
      });
    return this.requesting;
  }

  // ---- subscriptions --------------------------------------------------------------------------------------------

  async create(input: { url: string; events: string[]; secret: string; createdBy: string | null }): Promise<WebhookSubscription> {
    const subscription = await this.deps.webhooks.createSubscription({ id: timeOrderedId(), createdAt: this.deps.clock.now().toISOString(), ...input });
    await this.refresh();
    return subscription;
  }

  list(): Promise<WebhookSubscription[]> {
    return this.deps.webhooks.listSubscriptions();
  }

  get(id: string): Promise<WebhookSubscription | undefined> {
    return this.deps.webhooks.getSubscription(id);
  }

  /** Deletes a subscription; its pending deliveries stop (their jobs are cancelled). False when there was none. */
  async delete(id: string): Promise<boolean> {
    const deleted = await this.deps.webhooks.deleteSubscription(id);
    if (!deleted) return false;
    // A job missed here (or one a fan-out wrote meanwhile) finds its delivery gone and ends.
    for (const deliveryId of deleted.pending) await this.deps.store.cancelJob(deliveryJobId(deliveryId));
    await this.refresh();
    return true;
  }

  deliveries(subscriptionId: string, options: { limit: number; status?: DeliveryStatus }): Promise<WebhookDelivery[]> {
    return this.deps.webhooks.listDeliveries(subscriptionId, options);
  }

  /** Re-reads the subscriptions; a change (made here or on another node) asks for a fan-out. */
  private async refresh(): Promise<void> {
    const subscriptions = await this.deps.webhooks.listSubscriptions();
    this.watched = new Set(subscriptions.flatMap((s) => expandEvents(s.events)));
    const known = subscriptions.map((s) => `${s.id}:${s.events.join(',')}`).join('|');
    const changed = known !== this.known;
    this.known = known;
    if (changed && subscriptions.length > 0 && this.fanOut) void this.requestFanOut();
  }
}
