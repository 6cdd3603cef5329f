import type { Clock } from '../clock.ts';
import type { Job, JobStore } from '../store/store.ts';

/** Runs one job. Throwing retries it later; the job stays stored until a run returns. */
export type JobHandler = (job: Job) => Promise<void>;

export interface JobRunnerOptions {
  store: JobStore;
  /** What "now" is when claiming and retrying (a fake one in tests). */
  clock: Clock;
  /** How often to look for due jobs when none is known to be due sooner; default 1000. */
  pollMs?: number;
  /** How long a claimed job is held before another runner may take it; default 30000. Longer than any handler runs. */
  leaseMs?: number;
  /** Jobs claimed (and run side by side) per round; default 20. */
  batch?: number;
  /** The wait before retrying, in ms, given the failures before this one (0 on the first); default 1 s doubling to 5 min. */
  backoff?: (attempts: number) => number;
  /** Told of every failed run (the job is retried); default: logged to stderr. */
  onError?: (error: unknown, job: Job) => void;
  /** Told when the store failed a claim, or the recording of a job's outcome (polling goes on); default: logged to stderr. */
  onStoreError?: (error: unknown) => void;
}

const MAX_BACKOFF_MS = 5 * 60_000;
/** Kept short: lastError is for people reading the job, not for whole stack traces. */
const MAX_ERROR_LENGTH = 2000;

export const defaultBackoff = (attempts: number): number => Math.min(1000 * 2 ** attempts, MAX_BACKOFF_MS);

/** Calls a reporting callback; one that throws must not stop the runner. */
function report<A extends unknown[]>(callback: (...args: A) => void, ...args: A): void {
  try {
    callback(...args);
  } catch {
    // Nothing better to do with it.
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);

/**
 * Runs the store's durable jobs by kind: claims due jobs in rounds, runs them, and completes or retries each. Any
 * number of runners (one per node) may share a store; each job runs on one of them at a time, at least once.
 */
export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly store: JobStore;
  private readonly clock: Clock;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly batch: number;
  private readonly backoff: (attempts: number) => number;
  private readonly onError: (error: unknown, job: Job) => void;
  private readonly onStoreError: (error: unknown) => void;

  /** Rounds run one after another on this chain, so they never overlap. */
  private rounds: Promise<unknown> = Promise.resolve();
  private running = false;
  private polling = false;
  private kicked = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(options: JobRunnerOptions) {
    this.store = options.store;
    this.clock = options.clock;
    this.pollMs = options.pollMs ?? 1000;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.batch = options.batch ?? 20;
    this.backoff = options.backoff ?? defaultBackoff;
    this.onError =
      options.onError ?? ((error, job) => console.error(`baton: job ${job.kind} ${job.id} failed (attempt ${job.attempts + 1}): ${messageOf(error)}`));
    this.onStoreError = options.onStoreError ?? ((error) => console.error(`baton: the job store failed: ${messageOf(error)}`));
  }

  /** Runs jobs of `kind` with `handler` (one handler a kind; a later one replaces it). */
  handle(kind: string, handler: JobHandler): this {
    this.handlers.set(kind, handler);
    return this;
  }

  /** Starts polling: a round at once, then whenever a job is due or pollMs has passed. Does not keep the process alive. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.pollIn(0);
  }

  /** Runs a round soon rather than at the next poll, e.g. right after scheduling a job due now. Calls coalesce; no-op unless started. */
  kick(): void {
    if (!this.running) return;
    if (this.polling) this.kicked = true;
    else this.pollIn(0);
  }

  /** One round: claims the jobs due now (up to `batch`) and runs them. Resolves, with how many ran, once all have finished. */
  runDue(): Promise<number> {
    const round = this.rounds.then(() => this.round());
    this.rounds = round.catch(() => {});
    return round;
  }

  /** Stops polling and waits for the handlers running now. Jobs claimed and not finished run again after their lease. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.rounds;
  }

  private pollIn(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), ms);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    this.timer = undefined;
    this.polling = true;
    this.kicked = false;
    let wait: number;
    try {
      // After a round that ran something, look again at once: more may be due, and a round that finds nothing ends it.
      wait = (await this.runDue()) > 0 ? 0 : await this.idleWait();
    } catch (error) {
      report(this.onStoreError, error);
      wait = this.pollMs;
    } finally {
      this.polling = false;
    }
    if (this.running) this.pollIn(this.kicked ? 0 : wait);
  }

  /**
   * How long to sleep after a round that found nothing due: until the next job's time, at most pollMs. A job already
   * due then is one another runner holds, and its lease outlasts the ordinary poll.
   */
  private async idleWait(): Promise<number> {
    const next = await this.store.nextJobAt();
    if (next === undefined) return this.pollMs;
    const untilDue = Date.parse(next) - this.clock.now().getTime();
    return untilDue > 0 ? Math.min(untilDue, this.pollMs) : this.pollMs;
  }

  private async round(): Promise<number> {
    const jobs = await this.store.claimDueJobs(this.clock.now().toISOString(), this.batch, this.leaseMs);
    await Promise.all(jobs.map((job) => this.run(job)));
    return jobs.length;
  }

  private async run(job: Job): Promise<void> {
    try {
      const handler = this.handlers.get(job.kind);
      if (!handler) throw new Error(`no handler for kind ${job.kind}`);
      await handler(job);
    } catch (error) {
      report(this.onError, error, job);
      const retryAt = new Date(this.clock.now().getTime() + this.backoff(job.attempts)).toISOString();
      // Should recording the retry fail, the lease runs out and the job runs again all the same.
      await this.store.retryJob(job.id, job.version, retryAt, messageOf(error)).catch((e: unknown) => report(this.onStoreError, e));
      return;
    }
    // Not inside the handler's try: a job that ran is not to be retried because storing its completion failed; it
    // stays leased and runs again when the lease runs out (at least once).
    await this.store.completeJob(job.id, job.version).catch((e: unknown) => report(this.onStoreError, e));
  }
}
