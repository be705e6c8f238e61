/**
 * Teams allows a bot 7 messages per second and 60 per 30 seconds in one thread (conversation); more
 * are answered 429. Counting our own sends keeps the outbox under that instead of hammering the limit.
 * Per process: several instances each stay under it, and Teams' 429s (retried) cover the remainder.
 */
export const TEAMS_THREAD_LIMITS = [
  { windowMs: 1_000, max: 7 },
  { windowMs: 30_000, max: 60 },
] as const;

export class ThreadThrottle {
  private readonly sent = new Map<string, number[]>();

  constructor(
    private readonly now: () => number,
    private readonly limits: readonly { windowMs: number; max: number }[] = TEAMS_THREAD_LIMITS,
  ) {}

  /** 0 when a message may go to `thread` now (and counts it); otherwise how long to wait, in ms. */
  acquire(thread: string): number {
    const now = this.now();
    const longest = Math.max(...this.limits.map((l) => l.windowMs));
    const times = (this.sent.get(thread) ?? []).filter((t) => now - t < longest);
    let wait = 0;
    for (const { windowMs, max } of this.limits) {
      const inWindow = times.filter((t) => now - t < windowMs);
      if (inWindow.length >= max) wait = Math.max(wait, inWindow[inWindow.length - max]! + windowMs - now);
    }
    if (wait === 0) times.push(now);
    this.sent.set(thread, times);
    return wait;
  }
}
