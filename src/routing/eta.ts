import type { Priority } from '../domain/events.ts';
import { DEFAULT_AGING_SECONDS, PRIORITY_CLASS } from './queue-order.ts';

/**
 * Wait-time promises for one team's queue. Pure: no I/O; the caller tells it what happened (handle times, arrivals,
 * departures from the queue) and asks for a range for a position, given the online agents' capacity.
 *
 * The model, a fluid approximation of the queue integrated in about a hundred small steps:
 * - the online agents' slots free up at μ = total capacity / mean handle time per second (the moving average of the
 *   last `window` handle times, default 100: the mean of 20 handle times of the usual spread is itself ±20% off);
 *   each freed slot takes the conversation then at the head;
 * - the waiting conversation is taken once the slots have freed up for everyone taken before it: the
 *   (position − free capacity) ahead of it now and itself, plus or minus those that aging alone moves ahead of it or
 *   behind it (TeamQueue.aheadChanges), plus arrivals of a better priority (at each class's arrival rate over the
 *   last ~15 minutes) that get ahead of it: each counts while aging leaves it ahead, and for good once it has been
 *   taken while still ahead (after the wait this model promises a newcomer of its class now, from where one would
 *   stand: TeamQueue.positionFor and aheadChangesFor);
 * - those ahead leave at the queue's recent abandonment hazard (abandonments per second waited, from departures).
 * The m = μW completions the expected wait W takes come about as a Poisson process when many slots are busy (as the
 * handle times themselves when one is), so the wait is roughly Gamma(m)-distributed: the promise's midpoint is its
 * median, W(1 − 1/(9m))³, and the range ± its coefficient of variation (the handle-time spread, the slots, m, the
 * uncertainty of the mean handle time and of the arrivals), at most ±90%. On the simulator's default scenario the
 * midpoint is off from the actual wait by a median 15–19% (`baton simulate`); at the head of a queue the wait is
 * nearly exponential, and no estimate does much better than ±60% there.
 *
 * No range without at least `minHistory` handle times, or with no agent online: `{ kind: 'unknown', reason }`.
 *
 * @example
 * const eta = new EtaEstimator({ agingSeconds: 300 });
 * eta.recordHandleTime(540); // as agents finish conversations
 * eta.recordArrival('normal', now); // as conversations join the queue
 * eta.recordDeparture(now, 95, false, 'normal'); // as they leave it: taken after 95 s
 * eta.estimate({ position: 12, freeCapacity: 0, totalCapacity: 20, priority: 'normal', now, aheadChanges: queue.aheadChanges(id, now) });
 * // { kind: 'range', lowSeconds: …, highSeconds: … }, or { kind: 'unknown', reason: 'not enough history: fewer than 5 handle times known' }
 */

export type EtaEstimate =
  | { kind: 'range'; lowSeconds: number; highSeconds: number }
  | { kind: 'unknown'; reason: string };

export interface EtaInput {
  /** 1-based position in the team's queue. */
  position: number;
  /** Conversations the online agents can still take now (sum of capacity − active). */
  freeCapacity: number;
  /** Conversations the online agents can hold at once (sum of capacity). */
  totalCapacity: number;
  /** The waiting conversation's priority: arrivals of a better one get ahead of it (none: nobody jumps it). */
  priority?: Priority;
  /** Now, in milliseconds: how recent the recorded arrivals are (default: the last one recorded). */
  now?: number;
  /** How the number ahead of it will change by aging alone (TeamQueue.aheadChanges). */
  aheadChanges?: readonly { inSeconds: number; change: number }[];
  /**
   * Where a conversation of each better priority arriving now would stand, and how aging would move others around
   * it (TeamQueue.positionFor and aheadChangesFor): how soon such arrivals are taken. Without it, the recent waits
   * of those taken from the queue stand in.
   */
  newcomers?: Partial<Record<Priority, { position: number; aheadChanges?: readonly { inSeconds: number; change: number }[] }>>;
}

export interface EtaOptions {
  /** How many recent handle times the average is over (default 100). */
  window?: number;
  /** No range below this many known handle times (default 5). */
  minHistory?: number;
  /** The queue's aging period (default 300 s, as TeamQueue's). */
  agingSeconds?: number;
  /** Arrival rates are averaged over about this many recent seconds (default 900). */
  rateSeconds?: number;
}

export const DEFAULT_ETA_WINDOW = 100;
export const DEFAULT_ETA_MIN_HISTORY = 5;
const DEFAULT_RATE_SECONDS = 900;
/** Priorities by class. */
const CLASS_PRIORITY = ['urgent', 'high', 'normal', 'low'] as const;
/** Range: ± this share of the promise at most. */
const MAX_SPREAD = 0.9;

export class EtaEstimator {
  private readonly window: number;
  private readonly minHistory: number;
  private readonly aging: number;
  private readonly rateSeconds: number;
  private readonly handleTimes: number[] = [];
  private next = 0;
  private sum = 0;
  private sumSquares = 0;
  /** Exponentially decayed arrival counts by class, as of `countedAt`. */
  private readonly arrivals = [0, 0, 0, 0];
  private countedAt: number | undefined;
  private firstArrival: number | undefined;
  /** Decayed sums over those who left the queue: seconds waited, and how many of them abandoned. */
  private exposure = 0;
  private abandonments = 0;
  /** Decayed count and total wait of those taken from the queue, by class. */
  private readonly servedCount = [0, 0, 0, 0];
  private readonly servedWait = [0, 0, 0, 0];
  private exitedAt: number | undefined;

  constructor(options?: EtaOptions) {
    this.window = options?.window ?? DEFAULT_ETA_WINDOW;
    this.minHistory = options?.minHistory ?? Math.min(DEFAULT_ETA_MIN_HISTORY, this.window);
    this.aging = options?.agingSeconds ?? DEFAULT_AGING_SECONDS;
    this.rateSeconds = options?.rateSeconds ?? DEFAULT_RATE_SECONDS;
    if (!Number.isInteger(this.window) || this.window < 1) throw new RangeError(`window must be a positive integer, not ${this.window}`);
    if (!Number.isInteger(this.minHistory) || this.minHistory < 1 || this.minHistory > this.window) {
      throw new RangeError(`minHistory must be an integer from 1 to the window (${this.window}), not ${this.minHistory}`);
    }
    if (!(this.aging > 0)) throw new RangeError(`agingSeconds must be positive, not ${this.aging}`);
    if (!(this.rateSeconds > 0)) throw new RangeError(`rateSeconds must be positive, not ${this.rateSeconds}`);
  }

  /** A conversation an agent finished: how long they spent on it. */
  recordHandleTime(seconds: number): void {
    if (!(seconds >= 0) || !Number.isFinite(seconds)) return;
    if (this.handleTimes.length < this.window) {
      this.handleTimes.push(seconds);
    } else {
      const old = this.handleTimes[this.next]!;
      this.sum -= old;
      this.sumSquares -= old * old;
      this.handleTimes[this.next] = seconds;
      this.next = (this.next + 1) % this.window;
    }
    this.sum += seconds;
    this.sumSquares += seconds * seconds;
  }

  /** A conversation joined the team's queue at `at` (milliseconds; in time order). */
  recordArrival(priority: Priority, at: number): void {
    this.decayTo(at);
    this.arrivals[PRIORITY_CLASS[priority]]! += 1;
    this.firstArrival ??= at;
  }

  /**
   * A conversation left the queue at `at` (milliseconds; in time order) after waiting `waitedSeconds`: taken by an
   * agent, or abandoned. What the promise expects of those ahead leaving is learnt from these (and, by priority, how
   * soon better-priority arrivals are taken when no `newcomers` are given).
   */
  recordDeparture(at: number, waitedSeconds: number, abandoned: boolean, priority?: Priority): void {
    if (!(waitedSeconds >= 0) || !Number.isFinite(waitedSeconds)) return;
    if (this.exitedAt !== undefined && at > this.exitedAt) {
      const factor = Math.exp(-(at - this.exitedAt) / 1000 / this.rateSeconds);
      this.exposure *= factor;
      this.abandonments *= factor;
      for (let c = 0; c < this.servedCount.length; c++) {
        this.servedCount[c]! *= factor;
        this.servedWait[c]! *= factor;
      }
    }
    if (this.exitedAt === undefined || at > this.exitedAt) this.exitedAt = at;
    this.exposure += waitedSeconds;
    if (abandoned) this.abandonments += 1;
    else if (priority !== undefined) {
      this.servedCount[PRIORITY_CLASS[priority]]! += 1;
      this.servedWait[PRIORITY_CLASS[priority]]! += waitedSeconds;
    }
  }

  /** The handle times known: how many (up to the window), their mean and standard deviation in seconds. */
  history(): { count: number; meanSeconds: number; sdSeconds: number } {
    const count = this.handleTimes.length;
    if (count === 0) return { count, meanSeconds: 0, sdSeconds: 0 };
    const mean = this.sum / count;
    const variance = count > 1 ? Math.max(0, (this.sumSquares - count * mean * mean) / (count - 1)) : 0;
    return { count, meanSeconds: mean, sdSeconds: Math.sqrt(variance) };
  }

  /** Recent arrivals per second of each priority. */
  arrivalRates(now?: number): Record<Priority, number> {
    const rates = this.rates(now);
    return { urgent: rates[0]!, high: rates[1]!, normal: rates[2]!, low: rates[3]! };
  }

  estimate(input: EtaInput): EtaEstimate {
    const { count, meanSeconds, sdSeconds } = this.history();
    if (!(input.totalCapacity > 0)) return { kind: 'unknown', reason: 'no agent of the team is online' };
    if (count < this.minHistory) return { kind: 'unknown', reason: `not enough history: fewer than ${this.minHistory} handle times known` };
    const needed = input.position - Math.max(0, input.freeCapacity);
    if (needed <= 0) return { kind: 'range', lowSeconds: 0, highSeconds: 0 };
    if (!(meanSeconds > 0)) return { kind: 'range', lowSeconds: 0, highSeconds: 0 };

    const slotsPerSecond = input.totalCapacity / meanSeconds;
    const { wait, jumpers } = this.solve(needed, slotsPerSecond, input);
    const completions = Math.max(1, wait * slotsPerSecond);
    const median = wait * Math.pow(1 - 1 / (9 * completions), 3);

    const cvHandle = sdSeconds / meanSeconds;
    // Completions of C slots: Poisson when C is large, the handle times' own spread when C is 1.
    const perCompletion = (cvHandle * cvHandle + input.totalCapacity - 1) / input.totalCapacity;
    const variance = perCompletion / completions + (cvHandle * cvHandle) / count + jumpers / (completions * completions);
    const spread = Math.min(MAX_SPREAD, Math.sqrt(variance));
    return { kind: 'range', lowSeconds: Math.round(median * (1 - spread)), highSeconds: Math.round(median * (1 + spread)) };
  }

  /**
   * The fluid wait: how long until the slots have freed up for the `needed` conversations (itself included), while
   * better-class arrivals join ahead, aging moves others ahead or behind, and those ahead leave at `hazard` each.
   * Integrated in steps of about 1/128 of the plain wait; a newcomer's wait for a better class recurses (3 deep at most).
   */
  private solve(needed: number, slotsPerSecond: number, input: EtaInput, depth = 0): { wait: number; jumpers: number } {
    const own = input.priority === undefined ? 0 : PRIORITY_CLASS[input.priority];
    const rates = this.rates(input.now);
    const recentWaits = this.servedWaits();
    // How soon a jumper of each better class is taken: the wait a newcomer of that class would be promised now.
    const waits = CLASS_PRIORITY.map((p, c) => {
      const newcomer = input.newcomers?.[p];
      if (c >= own || rates[c]! <= 0) return 0;
      if (newcomer === undefined || depth > 3) return recentWaits[c]!;
      const needed = newcomer.position - Math.max(0, input.freeCapacity);
      if (needed <= 0) return 0;
      return this.solve(needed, slotsPerSecond, { ...input, position: newcomer.position, priority: p, aheadChanges: newcomer.aheadChanges ?? [] }, depth + 1).wait;
    });
    const hazard = this.hazard();
    const changes = input.aheadChanges ?? [];
    const aging = this.aging;
    const step = Math.max(0.05, needed / slotsPerSecond / 128);
    // Jumpers of each better class: those taken while still ahead (counted for good), and those still waiting.
    const taken = [0, 0, 0, 0];
    const jumpers = (u: number) => {
      let total = 0;
      for (let c = 0; c < own; c++) if (rates[c]! > 0) total += taken[c]! + rates[c]! * aheadMeasure(c, own, aging, u, Math.max(0, u - waits[c]!), u);
      return total;
    };
    let u = 0;
    let done = 0; // taken or left, of those ahead (and itself)
    let moved = 0; // net number aging moved ahead
    let k = 0;
    for (let i = 0; i < 200_000; i++) {
      while (k < changes.length && changes[k]!.inSeconds <= u) moved += changes[k++]!.change;
      const ahead = jumpers(u);
      const remaining = needed + ahead + moved - done;
      if (remaining <= 0) return { wait: u, jumpers: ahead };
      const rate = slotsPerSecond + hazard * Math.max(0, remaining - 1);
      // The last stretch: finish exactly rather than overshoot a step.
      if (remaining <= slotsPerSecond * step) return { wait: u + remaining / slotsPerSecond, jumpers: ahead };
      done += rate * step;
      // Jumpers that arrived a class's usual wait ago are taken now: for good if they are still ahead of it.
      for (let c = 0; c < own; c++) {
        const from = u - waits[c]!;
        if (rates[c]! > 0 && from + step > 0) taken[c]! += rates[c]! * aheadMeasure(c, own, aging, u + step, Math.max(0, from), from + step);
      }
      u += step;
    }
    return { wait: u, jumpers: jumpers(u) };
  }

  /** The recent mean wait of those taken from the queue, by class (0 where none was). */
  private servedWaits(): number[] {
    return this.servedCount.map((n, c) => (n > 0 ? this.servedWait[c]! / n : 0));
  }

  /** Those who left the queue recently: abandonments per second waited (the hazard of leaving, per conversation). */
  private hazard(): number {
    // (both sums decay alike, so their ratio needs no decaying to now)
    return this.exposure > 0 ? this.abandonments / this.exposure : 0;
  }

  private decayTo(at: number): void {
    if (this.countedAt !== undefined && at > this.countedAt) {
      const factor = Math.exp(-(at - this.countedAt) / 1000 / this.rateSeconds);
      for (let c = 0; c < this.arrivals.length; c++) this.arrivals[c]! *= factor;
    }
    if (this.countedAt === undefined || at > this.countedAt) this.countedAt = at;
  }

  private rates(now: number | undefined): number[] {
    if (this.countedAt === undefined || this.firstArrival === undefined) return [0, 0, 0, 0];
    const at = Math.max(now ?? this.countedAt, this.countedAt);
    const factor = Math.exp(-(at - this.countedAt) / 1000 / this.rateSeconds);
    // Until rateSeconds have passed since the first arrival, the decayed count covers less than a full average.
    const covered = this.rateSeconds * (1 - Math.exp(-Math.max(1, (at - this.firstArrival) / 1000) / this.rateSeconds));
    return this.arrivals.map((n) => (n * factor) / covered);
  }
}

/**
 * For arrivals of class c < own at times [from, to] after one of class `own` was queued: for how much of that span
 * they arrive ahead of it and are still ahead of it at `at`. One gets ahead on arrival while own's effective class
 * is worse than c (its first own − c aging periods); both then age, and it stays ahead while its class is better
 * than own's (level, the older one goes first).
 */
function aheadMeasure(c: number, own: number, aging: number, at: number, from: number, to: number): number {
  const mine = Math.max(0, own - Math.floor(at / aging));
  if (mine === 0) return 0;
  // Arrived ahead: before (own − c) periods. Still ahead at `at`: if c < mine, yes; else only if it has aged
  // (c − mine + 1) periods since it arrived.
  let end = Math.min(to, at, (own - c) * aging);
  if (c >= mine) end = Math.min(end, at - (c - mine + 1) * aging);
  return Math.max(0, end - from);
}
