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
} from "../../core/index.ts";
import { countAppended, countChange } from "./count-audit-events.ts";
import type { LiaisonMetrics } from "./liaison-metrics.ts";

/**
 * The concern store, counting for /metrics what every stored write recorded: its audit events say
 * what happened (raised, acknowledged, resolved, escalated, a delivery that failed), so the core
 * counts nothing itself. The sweep's claims also give how late each deadline was kept. Reads pass
 * straight through.
 */
export class MeteredConcernRepository implements ConcernRepository {
  constructor(
    private readonly inner: ConcernRepository,
    private readonly metrics: LiaisonMetrics,
  ) {}

  async insert(change: ConcernChange): Promise<void> {
    await this.inner.insert(change);
    countChange(this.metrics, change);
  }

  async update(change: ConcernChange, expectedVersion: number): Promise<boolean> {
    const written = await this.inner.update(change, expectedVersion);
    if (written) countChange(this.metrics, change);
    return written;
  }

  async writeTogether(writes: ConcernWrites): Promise<boolean> {
    const written = await this.inner.writeTogether(writes);
    if (written) {
      if (writes.insert) countChange(this.metrics, writes.insert);
      for (const { change } of writes.updates) countChange(this.metrics, change);
    }
    return written;
  }

  purgeDetails(change: ConcernChange, expectedVersion: number): Promise<boolean> {
    return this.inner.purgeDetails(change, expectedVersion);
  }

  async processDue(now: Date, limit: number, decide: (concern: Concern) => ConcernChange): Promise<number> {
    const decided: { change: ConcernChange; dueAt?: Date }[] = [];
    const claimed = await this.inner.processDue(now, limit, (concern) => {
      const change = decide(concern);
      decided.push({ change, ...(concern.nextDueAt ? { dueAt: concern.nextDueAt } : {}) });
      return change;
    });
    // Counted once the batch's transaction is written: a batch that failed is claimed again later.
    for (const { change, dueAt } of decided) {
      countChange(this.metrics, change);
      if (dueAt) this.metrics.sweepLateness.observe(Math.max(0, (now.getTime() - dueAt.getTime()) / 1000));
    }
    return claimed;
  }

  async appendAudit(events: readonly AuditEvent[]): Promise<void> {
    await this.inner.appendAudit(events);
    countAppended(this.metrics, events);
  }

  findPurgeable(resolvedBefore: Date, limit: number, skip?: number): Promise<Concern[]> {
    return this.inner.findPurgeable(resolvedBefore, limit, skip);
  }
  listRaisedBetween(
    start: Date,
    end: Date,
    departments: readonly DepartmentId[] | "all",
  ): Promise<Concern[]> {
    return this.inner.listRaisedBetween(start, end, departments);
  }
  auditEventsBetween(from: Date, to: Date, limit: number, cursor?: string): Promise<AuditEventPage> {
    return this.inner.auditEventsBetween(from, to, limit, cursor);
  }
  findRepeats(repeatKey: string, since: Date, limit: number): Promise<Concern[]> {
    return this.inner.findRepeats(repeatKey, since, limit);
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
  listOpenInvolving(actorKey: string, limit: number): Promise<Concern[]> {
    return this.inner.listOpenInvolving(actorKey, limit);
  }
  saveCard(concernId: ConcernId, card: CardLocation): Promise<void> {
    return this.inner.saveCard(concernId, card);
  }
  auditTrail(concernId: ConcernId): Promise<AuditEvent[]> {
    return this.inner.auditTrail(concernId);
  }
}
