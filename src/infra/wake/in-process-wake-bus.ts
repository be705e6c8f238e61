import type { WakeBus, WakeSignal } from "./wake-bus.ts";

/** One process (the embedded store): a signal goes straight to this instance's handlers. */
export class InProcessWakeBus implements WakeBus {
  private readonly handlers: ((signal: WakeSignal, remote: boolean) => void)[] = [];

  publish(signal: WakeSignal): void {
    // After the caller's write has returned, never inside it.
    queueMicrotask(() => {
      for (const handler of this.handlers) handler(signal, false);
    });
  }

  subscribe(handler: (signal: WakeSignal, remote: boolean) => void): void {
    this.handlers.push(handler);
  }

  async close(): Promise<void> {}
}
