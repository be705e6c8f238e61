import type { Clock } from "../../core/index.ts";

/** Sets a one-shot timer; returns how to cancel it. Injected so tests can move time by hand. */
export type SetTimer = (fire: () => void, ms: number) => () => void;

export const realTimer: SetTimer = (fire, ms) => {
  const handle = setTimeout(fire, ms);
  handle.unref(); // never what keeps the process alive
  return () => clearTimeout(handle);
};

/** A timer is re-checked at least this often, so a clock change is noticed within the hour. */
const MAX_WAIT_MS = 3_600_000;

/**
 * Wakes a job at the soonest time something is due. For escalations: the sweep at the soonest
 * nextDueAt, so an escalation leaves within moments of its deadline instead of at the next sweep
 * tick (which stays as the safety net); it comes forward when a sooner time is announced (a raise,
 * an action, a sweep, here or on another instance), and is set afresh from the store after each
 * sweep. For delivery: when a message held back may go again. What is due is the core's to decide:
 * this only knows a time. Firing early is harmless: the job finds nothing yet and runs again later.
 */
export class DueTimer {
  private armedFor?: Date;
  private cancel?: () => void;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly earliestDueAt: () => Promise<Date | undefined>,
    private readonly sweep: () => void,
    private readonly setTimer: SetTimer = realTimer,
  ) {}

  /** A concern is now due at `dueAt`: come forward if that is sooner than the time armed. */
  consider(dueAt: Date | undefined): void {
    if (this.stopped || !dueAt) return;
    if (this.armedFor && this.armedFor <= dueAt) return;
    this.arm(dueAt);
  }

  /** Forgets the time armed and waits for the store's soonest one (after a sweep, and at start). */
  async rearm(): Promise<void> {
    this.disarm();
    this.consider(await this.earliestDueAt());
  }

  stop(): void {
    this.stopped = true;
    this.disarm();
  }

  private arm(dueAt: Date): void {
    this.disarm();
    this.armedFor = dueAt;
    const wait = Math.min(MAX_WAIT_MS, Math.max(0, dueAt.getTime() - this.clock.now().getTime()));
    this.cancel = this.setTimer(() => this.fired(dueAt), wait);
  }

  private fired(dueAt: Date): void {
    this.cancel = undefined;
    this.armedFor = undefined;
    // Timers may fire a millisecond early, and a long wait is cut into hours: wait out the rest.
    if (this.clock.now() < dueAt) {
      this.arm(dueAt);
      return;
    }
    this.sweep();
  }

  private disarm(): void {
    this.cancel?.();
    this.cancel = undefined;
    this.armedFor = undefined;
  }
}
