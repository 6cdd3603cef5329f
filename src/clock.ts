/** Time as a port: real by default, simulated in the simulator and in tests that need to move time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
