import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Job, JobStore } from '../store/store.ts';
import { webhookEventId } from './webhook-payload.ts';
import { signWebhookBody } from './webhook-signature.ts';
import type { WebhookDelivery, WebhookStore, WebhookSubscription } from './webhook-store.ts';

/** How long a subscriber has to answer an attempt. */
export const DELIVERY_TIMEOUT_MS = 5_000;
/** Attempts before a delivery is given up as failed (about 40 minutes of retries with the delays below). */
export const MAX_DELIVERY_ATTEMPTS = 12;
const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 10 * 60_000;

/** The wait before the next attempt after `failed` failed ones: 2 s, 4 s, 8 s … at most 10 minutes. */
export const retryDelayMs = (failed: number): number => Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failed - 1), MAX_RETRY_MS);

export const DELIVERY_JOB = 'webhook-delivery';
export const deliveryJobId = (deliveryId: string) => `${DELIVERY_JOB}:${deliveryId}`;

const USER_AGENT = 'Baton-Webhooks/1';
/** How long past an attempt's timeout its job waits before it counts the attempt as lost (the node died) and runs again. */
const GUARD_MARGIN_MS = 5_000;
const MAX_ERROR_LENGTH = 500;

export interface WebhookSenderDeps {
  webhooks: WebhookStore;
  jobs: Pick<JobStore, 'scheduleJob' | 'cancelJob'>;
  clock: Clock;
  log: Logger;
  timeoutMs?: number;
  maxAttempts?: number;
  retryDelay?: (failed: number) => number;
}

/** What came of one POST: a status code when the subscriber answered, an error when it did not (or not with 2xx). */
interface Attempt {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

/**
 * Sends one delivery, attempt by attempt: POSTs the body stored at fan-out, signed with the subscription's secret; a
 * 2xx answer within the timeout delivers it, anything else is recorded and retried later (the job rescheduled) until
 * the attempts run out. A delivery whose subscription was deleted is dropped. The job exists until the delivery is
 * settled, so an attempt lost with its node is made again (at least once).
 */
export class WebhookSender {
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly retryDelay: (failed: number) => number;
  /** Attempts under way on this node, by delivery. */
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly deps: WebhookSenderDeps) {
    this.timeoutMs = deps.timeoutMs ?? DELIVERY_TIMEOUT_MS;
    this.maxAttempts = deps.maxAttempts ?? MAX_DELIVERY_ATTEMPTS;
    this.retryDelay = deps.retryDelay ?? retryDelayMs;
  }

  /**
   * The `webhook-delivery` job's handler. It returns at once and the attempt goes on beside the job runner: a
   * subscriber taking its 5 s must not hold up the runner's other jobs (assignment, routing timers). The job is first
   * moved to a guard time past the attempt's timeout, so that should this node die mid-attempt it runs again then; the
   * attempt's outcome then reschedules it (a retry) or removes it (delivered, failed).
   */
  async deliver(job: Job): Promise<void> {
    const { webhooks, clock } = this.deps;
    const deliveryId = job.id.slice(DELIVERY_JOB.length + 1);
    const guard = new Date(clock.now().getTime() + this.timeoutMs + GUARD_MARGIN_MS).toISOString();
    if (this.inFlight.has(deliveryId)) {
      // Still being attempted here (its recording slow): not a second POST beside it.
      await this.deps.jobs.scheduleJob({ id: job.id, kind: job.kind, runAt: guard, payload: job.payload });
      return;
    }
    const found = await webhooks.deliveryToSend(deliveryId);
    // Gone with its subscription, or settled by an earlier run of this job: nothing to send.
    if (!found || found.delivery.status !== 'pending') return;
    if (!found.subscription) {
      await webhooks.deleteDelivery(deliveryId);
      return;
    }
    await this.deps.jobs.scheduleJob({ id: job.id, kind: job.kind, runAt: guard, payload: job.payload });
    const attempt = this.attempt(job, found.delivery, found.payload, found.subscription)
      .catch((err) => this.deps.log.error({ err, delivery: deliveryId }, 'webhook attempt could not be recorded; it runs again'))
      .finally(() => this.inFlight.delete(deliveryId));
    this.inFlight.set(deliveryId, attempt);
  }

  /** Waits for the attempts under way on this node (closing, tests). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight.values()]);
  }

  private async attempt(job: Job, delivery: WebhookDelivery, payload: string, subscription: WebhookSubscription): Promise<void> {
    const { webhooks, clock, log, jobs } = this.deps;
    const attempts = delivery.attempts + 1;
    const result = await this.post(subscription.url, payload, subscription.secret, {
      event: webhookEventId(delivery.eventPosition),
      type: delivery.eventType,
      delivery: delivery.id,
      attempt: attempts,
    });
    const at = clock.now();
    // The origin only: a path or query may hold a token of the subscriber's.
    const target = { webhook: subscription.id, delivery: delivery.id, origin: originOf(subscription.url), attempt: attempts };
    if (result.ok || attempts >= this.maxAttempts) {
      const status = result.ok ? 'delivered' : 'failed';
      await webhooks.recordAttempt(delivery.id, { at: at.toISOString(), status, statusCode: result.statusCode, error: result.error, nextAttemptAt: null });
      if (!result.ok) log.warn({ ...target, error: result.error }, 'webhook delivery failed; giving up');
      await jobs.cancelJob(job.id);
      return;
    }
    const next = new Date(at.getTime() + this.retryDelay(attempts)).toISOString();
    const recorded = await webhooks.recordAttempt(delivery.id, { at: at.toISOString(), status: 'pending', statusCode: result.statusCode, error: result.error, nextAttemptAt: next });
    log.info({ ...target, error: result.error, retryAt: next }, 'webhook delivery failed; retrying');
    if (recorded) await jobs.scheduleJob({ id: job.id, kind: job.kind, runAt: next, payload: job.payload });
    else await jobs.cancelJob(job.id);
  }

  private async post(url: string, body: string, secret: string, ids: { event: string; type: string; delivery: string; attempt: number }): Promise<Attempt> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          'x-baton-event': ids.event,
          'x-baton-event-type': ids.type,
          'x-baton-delivery': ids.delivery,
          'x-baton-attempt': String(ids.attempt),
          'x-baton-signature': signWebhookBody(secret, body),
        },
        body,
        // A redirect is not a delivery: following it would send the signed body somewhere not subscribed.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      // The answer's body is not read: only the status counts.
      await response.body?.cancel().catch(() => {});
      const ok = response.status >= 200 && response.status < 300;
      return { ok, statusCode: response.status, error: ok ? null : `the subscriber answered ${response.status}` };
    } catch (error) {
      return { ok: false, statusCode: null, error: describeFailure(error, this.timeoutMs) };
    }
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const message = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `could not connect: ${message}`.slice(0, MAX_ERROR_LENGTH);
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'invalid';
  }
}
