import type { WakeBus } from "./wake-bus.ts";

/**
 * Another instance's outbox rows are its own to deliver first (it holds them in order, card before
 * update); this instance looks a moment later, in case that one cannot.
 */
const REMOTE_OUTBOX_GRACE_MS = 250;

/** What this instance does when it hears a signal: bring the escalation timer forward, deliver. */
export function listenForWakeUps(bus: WakeBus, on: { dueAt: (at: Date) => void; outbox: () => void }): void {
  bus.subscribe((signal, remote) => {
    if (signal.dueAt) on.dueAt(signal.dueAt);
    if (!signal.outbox) return;
    if (remote) setTimeout(on.outbox, REMOTE_OUTBOX_GRACE_MS).unref();
    else on.outbox();
  });
}
