/**
 * What a detector made of each message, remembered: every turn of a conversation is read again on every later turn.
 * Bounded: past `capacity` the quarter used longest ago goes (a Map keeps insertion order, and a message read again
 * moves to the back), since those conversations have mostly moved on; a message forgotten too soon is only read again.
 */
export class MessageMemo<T> {
  private readonly readings = new Map<string, T>();

  constructor(private readonly capacity = 10_000) {}

  get(message: string, read: (message: string) => T): T {
    let reading = this.readings.get(message);
    if (reading === undefined) {
      reading = read(message);
      if (this.readings.size >= this.capacity) this.forgetOldest(this.capacity / 4);
    } else {
      this.readings.delete(message);
    }
    this.readings.set(message, reading);
    return reading;
  }

  private forgetOldest(count: number): void {
    for (const message of this.readings.keys()) {
      this.readings.delete(message);
      if (--count <= 0) break;
    }
  }
}
