/** Time comes from here, never from Date.now(), so tests and sweeps can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
