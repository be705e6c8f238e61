/**
 * What a write tells the instances: new outbox rows to deliver, and the soonest nextDueAt it stored
 * (an escalation timer armed later than that must come forward). Signals only speed things up: the
 * scheduler's ticks still find everything, so a lost signal delays and never loses.
 */
export interface WakeSignal {
  outbox: boolean;
  dueAt?: Date;
}

/** How instances wake each other; `remote` is true for a signal another instance sent. */
export interface WakeBus {
  /** Tells this instance at once and, where there are others, them too. */
  publish(signal: WakeSignal): void;
  subscribe(handler: (signal: WakeSignal, remote: boolean) => void): void;
  close(): Promise<void>;
}

/** Two signals as one: outbox work if either has some, the sooner due time. */
export function mergeSignals(a: WakeSignal | undefined, b: WakeSignal): WakeSignal {
  if (!a) return b;
  const dueAt = !a.dueAt ? b.dueAt : !b.dueAt ? a.dueAt : a.dueAt < b.dueAt ? a.dueAt : b.dueAt;
  return { outbox: a.outbox || b.outbox, ...(dueAt ? { dueAt } : {}) };
}
