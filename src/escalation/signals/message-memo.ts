/**
 * What a detector made of each message, remembered: every turn of a conversation is read again on every later turn.
 * Bounded: past `capacity` the quarter remembered longest ago goes (a Map keeps insertion order); those conversations
 * have mostly moved on, and a message forgotten too soon is only read again. A hit does not move the message: on the
 * hot path a lookup must cost a lookup.
 */
export class MessageMemo<T> {
  private readonly readings = new Map<string, T>();

  constructor(private readonly capacity = 10_000) {}

  get(message: string, read: (message: string) => T): T {
    let reading = this.readings.get(message);
    if (reading === undefined) {
      reading = read(message);
      if (this.readings.size >= this.capacity) this.forgetOldest(this.capacity / 4);
      this.readings.set(message, reading);
    }
    return reading;
  }

  private forgetOldest(count: number): void {
    for (const message of this.readings.keys()) {
      this.readings.delete(message);
      if (--count <= 0) break;
    }
  }
}
