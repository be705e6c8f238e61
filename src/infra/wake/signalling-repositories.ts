import type {
  AuditEvent,
  AuditEventPage,
  CardLocation,
  Concern,
  ConcernChange,
  ConcernId,
  ConcernRepository,
  ConcernWrites,
  DepartmentId,
  OutboundMessage,
  OutboxEntry,
  OutboxRepository,
  OutboxStats,
  Platform,
} from "../../core/index.ts";
import { ConcernChangeFeed } from "./concern-change-feed.ts";
import { mergeSignals, type WakeBus, type WakeSignal } from "./wake-bus.ts";

const signalOf = (change: ConcernChange): WakeSignal => ({
  outbox: change.messages.length > 0,
  ...(change.concern.nextDueAt ? { dueAt: change.concern.nextDueAt } : {}),
});

/**
 * The concern store, announcing every write that was stored (raise, act, sweep): the escalation
 * timer comes forward to a sooner nextDueAt, and delivery starts on new outbox rows, here and on the
 * other instances, instead of waiting for a tick. Reads pass straight through.
 */
export class SignallingConcernRepository implements ConcernRepository {
  constructor(
    private readonly inner: ConcernRepository,
    private readonly bus: WakeBus,
    private readonly changed: ConcernChangeFeed = new ConcernChangeFeed(),
  ) {}

  async insert(change: ConcernChange): Promise<void> {
    await this.inner.insert(change);
    this.bus.publish(signalOf(change));
    this.changed.publish([change.concern]);
  }

  async update(change: ConcernChange, expectedVersion: number): Promise<boolean> {
    const written = await this.inner.update(change, expectedVersion);
    if (written) this.stored([change]);
    return written;
  }

  async writeTogether(writes: ConcernWrites): Promise<boolean> {
    const written = await this.inner.writeTogether(writes);
    if (written)
      this.stored([...(writes.insert ? [writes.insert] : []), ...writes.updates.map((u) => u.change)]);
    return written;
  }

  async purgeDetails(change: ConcernChange, expectedVersion: number): Promise<boolean> {
    const written = await this.inner.purgeDetails(change, expectedVersion);
    if (written) this.stored([change]);
    return written;
  }

  private stored(changes: readonly ConcernChange[]): void {
    this.bus.publish(changes.map(signalOf).reduce<WakeSignal | undefined>(mergeSignals, undefined)!);
    this.changed.publish(changes.map((c) => c.concern));
  }

  findPurgeable(resolvedBefore: Date, limit: number, skip?: number): Promise<Concern[]> {
    return this.inner.findPurgeable(resolvedBefore, limit, skip);
  }

  findRepeats(repeatKey: string, since: Date, limit: number): Promise<Concern[]> {
    return this.inner.findRepeats(repeatKey, since, limit);
  }

  async processDue(now: Date, limit: number, decide: (concern: Concern) => ConcernChange): Promise<number> {
    let signal: WakeSignal | undefined;
    const swept: Concern[] = [];
    const claimed = await this.inner.processDue(now, limit, (concern) => {
      const change = decide(concern);
      signal = mergeSignals(signal, signalOf(change));
      swept.push(change.concern);
      return change;
    });
    if (signal) this.bus.publish(signal);
    if (swept.length > 0) this.changed.publish(swept);
    return claimed;
  }

  nextSequence(year: number): Promise<number> {
    return this.inner.nextSequence(year);
  }
  earliestDueAt(): Promise<Date | undefined> {
    return this.inner.earliestDueAt();
  }
  findById(id: ConcernId): Promise<Concern | undefined> {
    return this.inner.findById(id);
  }
  findByReference(reference: string): Promise<Concern | undefined> {
    return this.inner.findByReference(reference);
  }
  listOpenByDepartment(departmentId: DepartmentId, limit: number): Promise<Concern[]> {
    return this.inner.listOpenByDepartment(departmentId, limit);
  }
  listRaisedBetween(
    start: Date,
    end: Date,
    departments: readonly DepartmentId[] | "all",
  ): Promise<Concern[]> {
    return this.inner.listRaisedBetween(start, end, departments);
  }
  listOpenInvolving(actorKey: string, limit: number): Promise<Concern[]> {
    return this.inner.listOpenInvolving(actorKey, limit);
  }
  saveCard(concernId: ConcernId, card: CardLocation): Promise<void> {
    return this.inner.saveCard(concernId, card);
  }
  auditTrail(concernId: ConcernId): Promise<AuditEvent[]> {
    return this.inner.auditTrail(concernId);
  }
  auditEventsBetween(from: Date, to: Date, limit: number, cursor?: string): Promise<AuditEventPage> {
    return this.inner.auditEventsBetween(from, to, limit, cursor);
  }
  appendAudit(events: readonly AuditEvent[]): Promise<void> {
    return this.inner.appendAudit(events);
  }
}

/** The outbox, announcing rows enqueued outside a concern change (digests). */
export class SignallingOutboxRepository implements OutboxRepository {
  constructor(
    private readonly inner: OutboxRepository,
    private readonly bus: WakeBus,
  ) {}

  async enqueue(messages: readonly OutboundMessage[], now: Date): Promise<number> {
    const added = await this.inner.enqueue(messages, now);
    if (added > 0) this.bus.publish({ outbox: true });
    return added;
  }

  claim(now: Date, limit: number, leaseMs: number, platform?: Platform): Promise<OutboxEntry[]> {
    return this.inner.claim(now, limit, leaseMs, platform);
  }
  renewLeases(ids: readonly string[], until: Date): Promise<void> {
    return this.inner.renewLeases(ids, until);
  }
  markSent(id: string, at: Date): Promise<void> {
    return this.inner.markSent(id, at);
  }
  retryLater(
    id: string,
    nextAttemptAt: Date,
    error: string | undefined,
    countAttempt: boolean,
  ): Promise<void> {
    return this.inner.retryLater(id, nextAttemptAt, error, countAttempt);
  }
  park(id: string, error: string): Promise<void> {
    return this.inner.park(id, error);
  }
  hasUndeliveredPost(concernId: ConcernId, platform: Platform): Promise<boolean> {
    return this.inner.hasUndeliveredPost(concernId, platform);
  }
  stats(): Promise<OutboxStats> {
    return this.inner.stats();
  }
  pruneSent(sentBefore: Date, limit: number): Promise<number> {
    return this.inner.pruneSent(sentBefore, limit);
  }
}
