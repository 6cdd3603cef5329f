import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random.ts';
import { EventHeap } from './event-heap.ts';

describe('the event heap', () => {
  it('gives events back by time, and those at the same time in the order they came', () => {
    const heap = new EventHeap<string>();
    heap.push(5, 'e');
    heap.push(1, 'a');
    heap.push(3, 'c1');
    heap.push(3, 'c2');
    heap.push(2, 'b');
    heap.push(3, 'c3');
    const out: string[] = [];
    for (let item = heap.pop(); item; item = heap.pop()) out.push(item.event);
    expect(out).toEqual(['a', 'b', 'c1', 'c2', 'c3', 'e']);
    expect(heap.size).toBe(0);
    expect(heap.pop()).toBeUndefined();
  });

  it('sorts thousands of random times, pushed and popped in between', () => {
    const random = seededRandom(1);
    const heap = new EventHeap<number>();
    const popped: number[] = [];
    let floor = 0;
    for (let i = 0; i < 5000; i++) {
      heap.push(floor + Math.floor(random() * 1000), i);
      if (random() < 0.4) {
        const item = heap.pop()!;
        expect(item.at).toBeGreaterThanOrEqual(floor);
        floor = item.at;
        popped.push(item.at);
      }
    }
    for (let item = heap.pop(); item; item = heap.pop()) popped.push(item.at);
    expect(popped).toEqual([...popped].sort((a, b) => a - b));
    expect(popped).toHaveLength(5000);
  });
});
