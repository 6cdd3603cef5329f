/**
 * The simulator's future events: a binary min-heap by time, events at the same time in the order they were
 * scheduled (so a run is deterministic).
 */
export class EventHeap<T> {
  private readonly items: { at: number; seq: number; event: T }[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(at: number, event: T): void {
    const items = this.items;
    const item = { at, seq: this.seq++, event };
    let i = items.length;
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!earlier(item, items[parent]!)) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = item;
  }

  /** The earliest event and its time, removed. */
  pop(): { at: number; event: T } | undefined {
    const items = this.items;
    const top = items[0];
    if (!top) return undefined;
    const last = items.pop()!;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= items.length) break;
        const right = left + 1;
        const child = right < items.length && earlier(items[right]!, items[left]!) ? right : left;
        if (!earlier(items[child]!, last)) break;
        items[i] = items[child]!;
        i = child;
      }
      items[i] = last;
    }
    return { at: top.at, event: top.event };
  }
}

function earlier(a: { at: number; seq: number }, b: { at: number; seq: number }): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
