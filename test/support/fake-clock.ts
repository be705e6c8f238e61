import type { Clock } from "../../src/core/ports/clock.port.ts";

/** A clock tests move by hand. */
export class FakeClock implements Clock {
  private current: Date;

  constructor(start: string | Date) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  advanceMinutes(minutes: number): Date {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
    return this.now();
  }

  set(at: string | Date): void {
    this.current = new Date(at);
  }
}
