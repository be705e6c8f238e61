import type { AuditEvent } from "../audit-event.ts";
import type { CardLocation, Concern } from "../concern.ts";
import type { ConcernId, DepartmentId } from "../ids.ts";

/** Persistence of concerns and their audit trail; every write is one transaction. */
export interface ConcernRepository {
  /** The next number in the year's reference sequence; atomic across instances. */
  nextSequence(year: number): Promise<number>;
  insert(concern: Concern, events: readonly AuditEvent[]): Promise<void>;
  /**
   * Compare-and-set: writes only if the stored version is still `expectedVersion`, with the audit
   * events in the same transaction. False means someone else changed the concern first.
   */
  update(concern: Concern, expectedVersion: number, events: readonly AuditEvent[]): Promise<boolean>;
  findById(id: ConcernId): Promise<Concern | undefined>;
  findByReference(reference: string): Promise<Concern | undefined>;
  /** Unresolved concerns of a department, oldest first. */
  listOpenByDepartment(departmentId: DepartmentId, limit: number): Promise<Concern[]>;
  /** Unresolved concerns a person reported or owns, oldest first. */
  listOpenInvolving(actorKey: string, limit: number): Promise<Concern[]>;
  /** Records (or replaces) where a concern's card lives on a platform for a department. */
  saveCard(concernId: ConcernId, card: CardLocation): Promise<void>;
  /** The whole trail of one concern, oldest first. */
  auditTrail(concernId: ConcernId): Promise<AuditEvent[]>;
  /** Events not tied to a concern change (a digest sent, a delivery that failed). */
  appendAudit(events: readonly AuditEvent[]): Promise<void>;
}
