import type { Priority } from '../domain/events.ts';

/**
 * The order in which one team's waiting conversations are offered to its agents. Pure: no I/O, and the caller says
 * what time it is.
 *
 * The rule: each priority is a class (urgent 0, high 1, normal 2, low 3; lower goes first). A conversation's
 * effective class improves by one for every `agingSeconds` it has waited (default 300), down to 0, so nothing starves:
 * a low-priority conversation waiting 15 minutes is treated as urgent. Within an effective class the one queued first
 * goes first (FIFO by `queuedAt`, then by the order they were enqueued).
 *
 * The approach, for large queues (100,000 waiting): {@link TeamQueue} keeps one FIFO per priority class, each sorted
 * by `queuedAt`. Within one FIFO, the earlier a conversation was queued, the longer it has waited, so its effective
 * class is never worse than a later one's: the order (effective class, queuedAt, enqueue order) is monotone along
 * every FIFO at every instant. Hence
 * - the next conversation is the best of the four heads (aging is computed from each head's wait, nothing is
 *   re-sorted as time passes): O(1);
 * - a conversation's position is the number ahead of it in each FIFO, found by binary search: O(log n);
 * - enqueueing appends (a conversation queued out of time order, e.g. a transfer keeping its first `queuedAt`, is
 *   inserted by binary search), taking the next advances a head index: O(1) amortised;
 * - removing one from the middle (abandoned, claimed by hand) is a binary search and one `splice` of its class's
 *   array, a memmove of at most the class's size: microseconds at 100,000;
 * - for wait-time estimates: where a newcomer would stand (positionFor), and how aging alone will move others ahead
 *   of or behind a conversation (aheadChanges): binary searches, plus the few queued within a few aging periods of it.
 *
 * {@link orderWaiting} is the same order by a plain sort: the reference the tests hold TeamQueue to.
 *
 * @example
 * const queue = new TeamQueue({ agingSeconds: 300 });
 * queue.enqueue({ id: 'a', priority: 'low', queuedAt: 0 });
 * queue.enqueue({ id: 'b', priority: 'normal', queuedAt: 60_000 });
 * queue.position('a', 120_000); // 2: b's class (normal) beats a's (low, not yet aged)
 * queue.position('a', 300_000); // 1: a has waited 300 s, so it is normal too, and queued first
 * queue.dequeue(300_000)?.id; // 'a'
 */

/** Priority classes: lower is served first. */
export const PRIORITY_CLASS: Readonly<Record<Priority, number>> = { urgent: 0, high: 1, normal: 2, low: 3 };
const CLASS_COUNT = 4;

export const DEFAULT_AGING_SECONDS = 300;

export interface WaitingConversation {
  id: string;
  priority: Priority;
  /** When it joined the queue, in milliseconds (epoch or any clock the caller uses consistently). */
  queuedAt: number;
}

export interface QueueOrderOptions {
  /** Every this many seconds waited improve the effective class by one (default 300; `Infinity`: no aging). */
  agingSeconds?: number;
}

function agingMs(options: QueueOrderOptions | undefined): number {
  const seconds = options?.agingSeconds ?? DEFAULT_AGING_SECONDS;
  if (!(seconds > 0)) throw new RangeError(`agingSeconds must be positive, not ${seconds}`);
  return seconds * 1000;
}

/** The class a conversation of that priority, queued at `queuedAt`, is served in at `now` (0 is the best). */
export function effectiveClass(priority: Priority, queuedAt: number, now: number, options?: QueueOrderOptions): number {
  return classAt(PRIORITY_CLASS[priority], queuedAt, now, agingMs(options));
}

function classAt(base: number, queuedAt: number, now: number, aging: number): number {
  const waited = now > queuedAt ? now - queuedAt : 0;
  return Math.max(0, base - Math.floor(waited / aging));
}

/**
 * The conversations in the order they are served at `now` (a new array; ties in `queuedAt` keep the given order).
 * O(n log n): the reference order, for small lists and tests; {@link TeamQueue} keeps it for large queues.
 */
export function orderWaiting<T extends WaitingConversation>(waiting: readonly T[], now: number, options?: QueueOrderOptions): T[] {
  const aging = agingMs(options);
  return waiting
    .map((conversation, index) => ({ conversation, index, cls: classAt(PRIORITY_CLASS[conversation.priority], conversation.queuedAt, now, aging) }))
    .sort((a, b) => a.cls - b.cls || a.conversation.queuedAt - b.conversation.queuedAt || a.index - b.index)
    .map((entry) => entry.conversation);
}

/** The 1-based position of the conversation `id` in the order at `now`, or undefined when it is not waiting. */
export function positionOf(waiting: readonly WaitingConversation[], id: string, now: number, options?: QueueOrderOptions): number | undefined {
  const index = orderWaiting(waiting, now, options).findIndex((conversation) => conversation.id === id);
  return index < 0 ? undefined : index + 1;
}

interface Entry extends WaitingConversation {
  /** Enqueue order, across the whole queue: the last tie-break. */
  seq: number;
  base: number;
}

/** One priority class's conversations sorted by (queuedAt, seq); the live part is items[start..]. */
class ClassFifo {
  items: Entry[] = [];
  start = 0;

  get size(): number {
    return this.items.length - this.start;
  }

  head(): Entry | undefined {
    return this.items[this.start];
  }

  /** The index of the first entry in the line that does not come before `entry` (binary search). */
  private firstNotBefore(entry: Entry): number {
    let low = this.start;
    let high = this.items.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (before(this.items[mid]!, entry)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  insert(entry: Entry): void {
    const last = this.items[this.items.length - 1];
    if (this.size === 0 || last === undefined || !before(entry, last)) {
      this.items.push(entry);
      return;
    }
    // Queued earlier than the last one (a transfer keeping its first queuedAt): the first index it goes before.
    this.items.splice(this.firstNotBefore(entry), 0, entry);
  }

  remove(entry: Entry): void {
    const low = this.firstNotBefore(entry);
    if (this.items[low] !== entry) throw new Error(`queue-order: ${entry.id} is not where it should be`);
    if (low === this.start) {
      this.items[low] = undefined as unknown as Entry; // let it be collected
      this.start++;
      this.compact();
    } else {
      this.items.splice(low, 1);
    }
  }

  /** How many live entries order before `key` at `now` (the order is monotone along the array). */
  countBefore(key: Entry, keyClass: number, now: number, aging: number): number {
    let low = this.start;
    let high = this.items.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const other = this.items[mid]!;
      if (ahead(other, classAt(other.base, other.queuedAt, now, aging), key, keyClass)) low = mid + 1;
      else high = mid;
    }
    return low - this.start;
  }

  /** The first live index whose (queuedAt, seq) is not below (queuedAt, seq). */
  lowerBound(queuedAt: number, seq: number): number {
    let low = this.start;
    let high = this.items.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const item = this.items[mid]!;
      if (item.queuedAt < queuedAt || (item.queuedAt === queuedAt && item.seq < seq)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private compact(): void {
    if (this.start === this.items.length) {
      this.items = [];
      this.start = 0;
    } else if (this.start >= 1024 && this.start * 2 >= this.items.length) {
      this.items = this.items.slice(this.start);
      this.start = 0;
    }
  }
}

/** Queued before, in one class's FIFO. */
function before(a: Entry, b: Entry): boolean {
  return a.queuedAt < b.queuedAt || (a.queuedAt === b.queuedAt && a.seq < b.seq);
}

/** `a` (in effective class aClass) is served before `b` (in bClass). */
function ahead(a: Entry, aClass: number, b: Entry, bClass: number): boolean {
  return aClass < bClass || (aClass === bClass && before(a, b));
}

/** One team's waiting conversations in the order of {@link orderWaiting}, kept for large queues (see the file's notes). */
export class TeamQueue {
  private readonly fifos: ClassFifo[] = Array.from({ length: CLASS_COUNT }, () => new ClassFifo());
  private readonly byId = new Map<string, Entry>();
  private readonly aging: number;
  private seq = 0;

  constructor(options?: QueueOrderOptions) {
    this.aging = agingMs(options);
  }

  get size(): number {
    return this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): WaitingConversation | undefined {
    const entry = this.byId.get(id);
    return entry && { id: entry.id, priority: entry.priority, queuedAt: entry.queuedAt };
  }

  /** Adds a conversation; one already waiting is an error (remove it first to change its priority). */
  enqueue(conversation: WaitingConversation): void {
    if (this.byId.has(conversation.id)) throw new Error(`queue-order: ${conversation.id} is already waiting`);
    if (!Number.isFinite(conversation.queuedAt)) throw new RangeError(`queue-order: queuedAt of ${conversation.id} is not a time`);
    const base = PRIORITY_CLASS[conversation.priority];
    if (base === undefined) throw new RangeError(`queue-order: unknown priority ${String(conversation.priority)}`);
    const entry: Entry = { id: conversation.id, priority: conversation.priority, queuedAt: conversation.queuedAt, seq: this.seq++, base };
    this.fifos[base]!.insert(entry);
    this.byId.set(entry.id, entry);
  }

  /** Takes a conversation out (abandoned, claimed, transferred); false when it was not waiting. */
  remove(id: string): boolean {
    const entry = this.byId.get(id);
    if (!entry) return false;
    this.fifos[entry.base]!.remove(entry);
    this.byId.delete(id);
    return true;
  }

  /** The conversation served next at `now`, without taking it. */
  peek(now: number): WaitingConversation | undefined {
    const entry = this.headAt(now);
    return entry && { id: entry.id, priority: entry.priority, queuedAt: entry.queuedAt };
  }

  /** Takes the conversation served next at `now`. */
  dequeue(now: number): WaitingConversation | undefined {
    const entry = this.headAt(now);
    if (!entry) return undefined;
    this.fifos[entry.base]!.remove(entry);
    this.byId.delete(entry.id);
    return { id: entry.id, priority: entry.priority, queuedAt: entry.queuedAt };
  }

  /** The 1-based position of `id` at `now` (1: served next), or undefined when it is not waiting. O(log n). */
  position(id: string, now: number): number | undefined {
    const entry = this.byId.get(id);
    if (!entry) return undefined;
    const cls = classAt(entry.base, entry.queuedAt, now, this.aging);
    let ahead = 0;
    for (const fifo of this.fifos) if (fifo.size > 0) ahead += fifo.countBefore(entry, cls, now, this.aging);
    return ahead + 1;
  }

  /** The 1-based position a conversation of that priority would get if it were queued at `now`. O(log n). */
  positionFor(priority: Priority, now: number): number {
    const probe: Entry = { id: '', priority, queuedAt: now, seq: Infinity, base: PRIORITY_CLASS[priority] };
    let ahead = 0;
    for (const fifo of this.fifos) if (fifo.size > 0) ahead += fifo.countBefore(probe, probe.base, now, this.aging);
    return ahead + 1;
  }

  /**
   * How the number of conversations ahead of `id` will change by aging alone (no arrivals, nobody taken), in seconds
   * from `now`, ascending: +1 when one gets ahead of it, −1 when one falls behind. Aging moves classes in steps, so a
   * conversation of a worse priority queued shortly before it can get ahead of it, fall behind at its next step, and
   * get ahead again; one of a better priority queued shortly after it can fall behind and get ahead again. Only those
   * queued within (class difference × aging period) of it can change places with it: O(log n + those).
   * What a wait-time estimate must count besides the position.
   */
  aheadChanges(id: string, now: number): { inSeconds: number; change: 1 | -1 }[] {
    const entry = this.byId.get(id);
    return entry ? this.changesFor(entry, now) : [];
  }

  /** The same for a conversation of that priority if it were queued at `now` (see positionFor). */
  aheadChangesFor(priority: Priority, now: number): { inSeconds: number; change: 1 | -1 }[] {
    return this.changesFor({ id: '', priority, queuedAt: now, seq: Infinity, base: PRIORITY_CLASS[priority] }, now);
  }

  private changesFor(entry: Entry, now: number): { inSeconds: number; change: 1 | -1 }[] {
    const changes: { inSeconds: number; change: 1 | -1 }[] = [];
    const aging = this.aging;
    const isAhead = (other: Entry, at: number) =>
      ahead(other, classAt(other.base, other.queuedAt, at, aging), entry, classAt(entry.base, entry.queuedAt, at, aging));
    const firstStep = (e: Entry) => Math.floor(Math.max(0, now - e.queuedAt) / aging) + 1;
    const follow = (other: Entry) => {
      // Either one's class changes only at its own aging steps (queuedAt + k × aging, until its class is 0): compare
      // them at each step of either, in time order.
      let i = firstStep(other);
      let j = firstStep(entry);
      let wasAhead = isAhead(other, now);
      while (i <= other.base || j <= entry.base) {
        const a = i <= other.base ? other.queuedAt + i * aging : Infinity;
        const b = j <= entry.base ? entry.queuedAt + j * aging : Infinity;
        const at = a < b ? a : b;
        if (a === at) i++;
        if (b === at) j++;
        const isNowAhead = isAhead(other, at);
        if (isNowAhead !== wasAhead) changes.push({ inSeconds: (at - now) / 1000, change: isNowAhead ? 1 : -1 });
        wasAhead = isNowAhead;
      }
    };
    for (let base = 0; base < CLASS_COUNT; base++) {
      // The same priority ages alike: FIFO holds.
      if (base === entry.base) continue;
      const fifo = this.fifos[base]!;
      if (fifo.size === 0) continue;
      const window = Math.abs(base - entry.base) * this.aging;
      // Worse: those queued before it, less than `window` before. Better: those queued after it, less than `window` after.
      const [from, to] =
        base > entry.base
          ? [fifo.lowerBound(entry.queuedAt - window, Infinity), fifo.lowerBound(entry.queuedAt, entry.seq)]
          : [fifo.lowerBound(entry.queuedAt, entry.seq + 0.5), fifo.lowerBound(entry.queuedAt + window, -Infinity)];
      for (let i = from; i < to; i++) follow(fifo.items[i]!);
    }
    return changes.sort((a, b) => a.inSeconds - b.inSeconds);
  }

  /** When the conversation waiting longest was queued (whatever its class), or undefined when none waits. */
  oldestQueuedAt(): number | undefined {
    let oldest: number | undefined;
    for (const fifo of this.fifos) {
      const head = fifo.head();
      if (head && (oldest === undefined || head.queuedAt < oldest)) oldest = head.queuedAt;
    }
    return oldest;
  }

  /** Every waiting conversation in order at `now` (a merge of the class FIFOs: O(n)). */
  ordered(now: number): WaitingConversation[] {
    return Array.from(this.inOrder(now), (entry) => ({ id: entry.id, priority: entry.priority, queuedAt: entry.queuedAt }));
  }

  /**
   * The waiting conversations in order at `now`, lazily (a merge of the class FIFOs: O(1) each), for callers that
   * stop early, such as planning assignments. What it yields is the queue's own record (not a copy: no allocation
   * per step); do not change the queue while iterating.
   */
  *inOrder(now: number): Generator<Readonly<WaitingConversation>, void, undefined> {
    const cursors = this.fifos.map((fifo) => fifo.start);
    for (;;) {
      let best: Entry | undefined;
      let bestClass = 0;
      let bestFifo = -1;
      for (let i = 0; i < CLASS_COUNT; i++) {
        const candidate = this.fifos[i]!.items[cursors[i]!];
        if (!candidate) continue;
        const cls = classAt(candidate.base, candidate.queuedAt, now, this.aging);
        if (!best || ahead(candidate, cls, best, bestClass)) [best, bestClass, bestFifo] = [candidate, cls, i];
      }
      if (!best) return;
      cursors[bestFifo] = cursors[bestFifo]! + 1;
      yield best;
    }
  }

  private headAt(now: number): Entry | undefined {
    let best: Entry | undefined;
    let bestClass = 0;
    for (const fifo of this.fifos) {
      const head = fifo.head();
      if (!head) continue;
      const cls = classAt(head.base, head.queuedAt, now, this.aging);
      if (!best || ahead(head, cls, best, bestClass)) [best, bestClass] = [head, cls];
    }
    return best;
  }
}
