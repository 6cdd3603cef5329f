import { describe, expect, it } from 'vitest';
import { seededRandom } from '../simulation/seeded-random.ts';
import type { Priority } from '../domain/events.ts';
import { effectiveClass, orderWaiting, positionOf, TeamQueue, type WaitingConversation } from './queue-order.ts';

const S = 1000;
const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];
const ids = (list: readonly WaitingConversation[]) => list.map((c) => c.id);

describe('effective class', () => {
  it('is the priority class, one better for every aging period waited, never below 0', () => {
    expect(effectiveClass('low', 0, 0)).toBe(3);
    expect(effectiveClass('low', 0, 299 * S)).toBe(3);
    expect(effectiveClass('low', 0, 300 * S)).toBe(2);
    expect(effectiveClass('low', 0, 900 * S)).toBe(0);
    expect(effectiveClass('low', 0, 5000 * S)).toBe(0);
    expect(effectiveClass('urgent', 0, 5000 * S)).toBe(0);
    expect(effectiveClass('normal', 0, 60 * S, { agingSeconds: 30 })).toBe(0);
    expect(effectiveClass('normal', 0, 1e12, { agingSeconds: Infinity })).toBe(2);
    // queued "in the future" (clocks a little apart): not waited yet
    expect(effectiveClass('high', 10 * S, 0)).toBe(1);
  });

  it('refuses an aging period that is not positive', () => {
    expect(() => effectiveClass('low', 0, 0, { agingSeconds: 0 })).toThrow(RangeError);
    expect(() => new TeamQueue({ agingSeconds: -1 })).toThrow(RangeError);
  });
});

describe('the order of waiting conversations', () => {
  it('serves better priorities first, and first come first served within one', () => {
    const waiting: WaitingConversation[] = [
      { id: 'n1', priority: 'normal', queuedAt: 0 },
      { id: 'l1', priority: 'low', queuedAt: 1 * S },
      { id: 'u1', priority: 'urgent', queuedAt: 2 * S },
      { id: 'n2', priority: 'normal', queuedAt: 3 * S },
      { id: 'h1', priority: 'high', queuedAt: 4 * S },
    ];
    expect(ids(orderWaiting(waiting, 10 * S))).toEqual(['u1', 'h1', 'n1', 'n2', 'l1']);
    expect(positionOf(waiting, 'l1', 10 * S)).toBe(5);
    expect(positionOf(waiting, 'nobody', 10 * S)).toBeUndefined();
  });

  it('lets nothing starve: a low-priority conversation overtakes new urgent ones once it has waited long enough', () => {
    const old: WaitingConversation = { id: 'old-low', priority: 'low', queuedAt: 0 };
    const fresh = (at: number): WaitingConversation => ({ id: `urgent-${at}`, priority: 'urgent', queuedAt: at });
    // at 5 minutes it is normal: behind a fresh high or urgent, ahead of a fresh normal
    expect(ids(orderWaiting([old, { id: 'n', priority: 'normal', queuedAt: 299 * S }], 300 * S))).toEqual(['old-low', 'n']);
    expect(ids(orderWaiting([old, fresh(299 * S)], 300 * S))).toEqual(['urgent-299000', 'old-low']);
    // at 15 minutes it is in the urgent class, and was queued first
    expect(ids(orderWaiting([old, fresh(899 * S)], 900 * S))).toEqual(['old-low', 'urgent-899000']);
  });

  it('keeps the given order between conversations queued at the same instant', () => {
    const waiting: WaitingConversation[] = ['b', 'a', 'c'].map((id) => ({ id, priority: 'normal', queuedAt: 0 }));
    expect(ids(orderWaiting(waiting, 0))).toEqual(['b', 'a', 'c']);
  });
});

describe('TeamQueue', () => {
  it('follows the documented example', () => {
    const queue = new TeamQueue({ agingSeconds: 300 });
    queue.enqueue({ id: 'a', priority: 'low', queuedAt: 0 });
    queue.enqueue({ id: 'b', priority: 'normal', queuedAt: 60 * S });
    expect(queue.position('a', 120 * S)).toBe(2);
    expect(queue.position('a', 300 * S)).toBe(1);
    expect(queue.peek(300 * S)?.id).toBe('a');
    expect(queue.dequeue(300 * S)?.id).toBe('a');
    expect(queue.size).toBe(1);
    expect(queue.has('a')).toBe(false);
  });

  it('refuses a conversation twice, and says so when asked to remove one that is not waiting', () => {
    const queue = new TeamQueue();
    queue.enqueue({ id: 'a', priority: 'normal', queuedAt: 0 });
    expect(() => queue.enqueue({ id: 'a', priority: 'high', queuedAt: 1 })).toThrow(/already waiting/);
    expect(queue.remove('b')).toBe(false);
    expect(queue.remove('a')).toBe(true);
    expect(queue.dequeue(0)).toBeUndefined();
    expect(queue.position('a', 0)).toBeUndefined();
    expect(queue.oldestQueuedAt()).toBeUndefined();
  });

  it('knows when the longest-waiting conversation was queued, whatever its priority', () => {
    const queue = new TeamQueue();
    queue.enqueue({ id: 'u', priority: 'urgent', queuedAt: 50 * S });
    queue.enqueue({ id: 'l', priority: 'low', queuedAt: 10 * S });
    queue.enqueue({ id: 'n', priority: 'normal', queuedAt: 30 * S });
    expect(queue.oldestQueuedAt()).toBe(10 * S);
    queue.remove('l');
    expect(queue.oldestQueuedAt()).toBe(30 * S);
  });

  it('walks the order lazily, so a caller can stop early', () => {
    const queue = new TeamQueue();
    queue.enqueue({ id: 'n1', priority: 'normal', queuedAt: 0 });
    queue.enqueue({ id: 'u1', priority: 'urgent', queuedAt: 1 * S });
    queue.enqueue({ id: 'l1', priority: 'low', queuedAt: 2 * S });
    const walk = queue.inOrder(3 * S);
    expect(walk.next().value?.id).toBe('u1');
    expect(walk.next().value?.id).toBe('n1');
    expect([...queue.inOrder(3 * S)].map((c) => c.id)).toEqual(['u1', 'n1', 'l1']);
  });

  it('agrees with the plain sort through thousands of random enqueues, removals, dequeues and the passing of time', () => {
    for (const seed of [1, 2, 3]) {
      const random = seededRandom(seed);
      const agingSeconds = [300, 60, 7][seed - 1]!;
      const queue = new TeamQueue({ agingSeconds });
      let waiting: WaitingConversation[] = [];
      let now = 0;
      for (let step = 0; step < 3000; step++) {
        now += Math.floor(random() * 40 * S);
        const r = random();
        if (r < 0.5) {
          // mostly in time order; now and then one queued earlier (a transfer keeping its first queuedAt)
          const queuedAt = random() < 0.1 ? Math.max(0, now - Math.floor(random() * 1200 * S)) : now;
          const conversation = { id: `c${step}`, priority: PRIORITIES[Math.floor(random() * 4)]!, queuedAt };
          queue.enqueue(conversation);
          waiting.push(conversation);
        } else if (r < 0.7 && waiting.length > 0) {
          const gone = waiting[Math.floor(random() * waiting.length)]!;
          expect(queue.remove(gone.id)).toBe(true);
          waiting = waiting.filter((c) => c !== gone);
        } else if (waiting.length > 0) {
          const expected = orderWaiting(waiting, now, { agingSeconds })[0]!;
          expect(queue.dequeue(now)?.id).toBe(expected.id);
          waiting = waiting.filter((c) => c.id !== expected.id);
        }
        if (step % 50 === 0) {
          const expected = orderWaiting(waiting, now, { agingSeconds });
          // where a newcomer would stand, and who would pass it, as if it were queued now
          const priority = PRIORITIES[step % 4]!;
          const position = queue.positionFor(priority, now);
          const changes = queue.aheadChangesFor(priority, now);
          queue.enqueue({ id: 'probe', priority, queuedAt: now });
          expect(queue.position('probe', now)).toBe(position);
          expect(queue.aheadChanges('probe', now)).toEqual(changes);
          queue.remove('probe');
          expect(ids(queue.ordered(now))).toEqual(ids(expected));
          expected.forEach((c, i) => expect(queue.position(c.id, now)).toBe(i + 1));
          expect(queue.peek(now)?.id).toBe(expected[0]?.id);
        }
        expect(queue.size).toBe(waiting.length);
      }
    }
  });
});

describe('TeamQueue.aheadChanges', () => {
  it('predicts exactly how aging alone moves others ahead of and behind a conversation', () => {
    for (const seed of [11, 12, 13, 14, 15]) {
      const random = seededRandom(seed);
      const agingSeconds = 120;
      const queue = new TeamQueue({ agingSeconds });
      const waiting: WaitingConversation[] = [];
      const now = 3600 * S;
      for (let i = 0; i < 200; i++) {
        // queued over the last 20 minutes, some "after" now's newest to exercise newer better-priority ones
        const conversation = { id: `c${i}`, priority: PRIORITIES[Math.floor(random() * 4)]!, queuedAt: now - Math.floor(random() * 1200 * S) };
        queue.enqueue(conversation);
        waiting.push(conversation);
      }
      for (const subject of waiting.filter((_, i) => i % 10 === 0)) {
        const changes = queue.aheadChanges(subject.id, now);
        expect(changes.map((c) => c.inSeconds)).toEqual([...changes.map((c) => c.inSeconds)].sort((a, b) => a - b));
        const start = queue.position(subject.id, now)! - 1;
        for (let t = 0; t <= 2000; t += 7) {
          const at = now + t * S;
          const moved = changes.filter((c) => c.inSeconds <= t).reduce((sum, c) => sum + c.change, 0);
          expect(start + moved).toBe(positionOf(waiting, subject.id, at, { agingSeconds })! - 1);
        }
      }
    }
  });

  it('is empty for a conversation not waiting, or one nothing can overtake', () => {
    const queue = new TeamQueue();
    expect(queue.aheadChanges('nobody', 0)).toEqual([]);
    queue.enqueue({ id: 'u', priority: 'urgent', queuedAt: 0 });
    queue.enqueue({ id: 'l', priority: 'low', queuedAt: 10 * S });
    expect(queue.aheadChanges('u', 20 * S)).toEqual([]);
  });

  it('names a low-priority conversation queued just before a normal one as getting ahead of it when it ages', () => {
    const queue = new TeamQueue({ agingSeconds: 300 });
    queue.enqueue({ id: 'low', priority: 'low', queuedAt: 0 });
    queue.enqueue({ id: 'normal', priority: 'normal', queuedAt: 100 * S });
    // at 300 s the low one is normal too, and older; at 400 s the newer one has aged to high and is ahead again;
    // at 600 s the low one is high as well, and older; at 700 s the newer one is urgent; at 900 s both are
    expect(queue.aheadChanges('normal', 100 * S)).toEqual([
      { inSeconds: 200, change: 1 },
      { inSeconds: 300, change: -1 },
      { inSeconds: 500, change: 1 },
      { inSeconds: 600, change: -1 },
      { inSeconds: 800, change: 1 },
    ]);
  });
});
