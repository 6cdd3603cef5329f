/**
 * The two published wait-time estimates Baton's ETA is compared with in the simulator.
 *
 * - Moving average (Salesforce Omni-Channel's estimated wait time): an exponential moving average of the waits of the
 *   last accepted contacts, new = 0.9 × old + 0.1 × latest, the first one taken as it is. The simulator feeds it the
 *   waits of contacts accepted from the queue (contacts an agent took at once never waited in it).
 * - Oldest contact (AWS's Amazon Connect sample): the age of the oldest contact waiting in the queue when the new
 *   one arrives (0 when none waits).
 */

export class MovingAverageWait {
  private value: number | undefined;

  constructor(private readonly weight = 0.1) {}

  /** A contact was accepted after waiting this long. */
  record(waitSeconds: number): void {
    this.value = this.value === undefined ? waitSeconds : (1 - this.weight) * this.value + this.weight * waitSeconds;
  }

  /** The promised wait in seconds, or undefined before any contact was accepted. */
  promise(): number | undefined {
    return this.value;
  }
}

/** The promised wait in seconds: how long the oldest waiting contact (queued at `oldestQueuedAt` ms) has waited. */
export function oldestContactWait(oldestQueuedAt: number | undefined, now: number): number {
  return oldestQueuedAt === undefined ? 0 : Math.max(0, now - oldestQueuedAt) / 1000;
}
