import type { AuditEvent } from "../messaging/audit-event.ts";
import type { CardLocation, Concern } from "../concern/concern.ts";
import type { ConcernId, DepartmentId } from "../ids.ts";
import type { OutboundMessage } from "../messaging/outbound-message.ts";

/** One change of a concern with what it must record and say, written in one transaction. */
export interface ConcernChange {
  concern: Concern;
  events: readonly AuditEvent[];
  messages: readonly OutboundMessage[];
}

/** Events read in one batch of a time range, and where the next batch starts (absent: there is none). */
export interface AuditEventPage {
  events: AuditEvent[];
  /** Opaque: pass it back to read the events after these. */
  next?: string;
}

/** A compare-and-set update among several written together. */
export interface VersionedChange {
  change: ConcernChange;
  expectedVersion: number;
}

/** Concerns written in one transaction: a new one (optional) and updates of others, all or nothing. */
export interface ConcernWrites {
  insert?: ConcernChange;
  updates: readonly VersionedChange[];
}

/**
 * Persistence of concerns, their audit trail and their outbox rows. Every write is one transaction:
 * a state change, its audit events and its outbound messages are stored together or not at all.
 */
export interface ConcernRepository {
  /** The next number in the year's reference sequence; atomic across instances. */
  nextSequence(year: number): Promise<number>;
  insert(change: ConcernChange): Promise<void>;
  /**
   * Compare-and-set: writes only if the stored version is still `expectedVersion`, with the audit
   * events in the same transaction. False means someone else changed the concern first.
   */
  update(change: ConcernChange, expectedVersion: number): Promise<boolean>;
  /**
   * Writes several concerns in one transaction (a repeat and the concerns it links to, a merge's two
   * concerns): every update is a compare-and-set, and if any loses, nothing is written. False then.
   */
  writeTogether(writes: ConcernWrites): Promise<boolean>;
  /**
   * Concerns whose repeat key is `repeatKey`, raised at or after `since`, oldest first, at most `limit`
   * (the key is a hash, so the patient reference itself is never searched).
   */
  findRepeats(repeatKey: string, since: Date, limit: number): Promise<Concern[]>;
  /**
   * Claims up to `limit` concerns whose nextDueAt has passed, so that no other instance can take
   * them (FOR UPDATE SKIP LOCKED), and writes what `decide` returns for each in the same transaction.
   * Returns how many were claimed. `decide` must not touch the store.
   */
  processDue(now: Date, limit: number, decide: (concern: Concern) => ConcernChange): Promise<number>;
  /** The soonest nextDueAt of any concern (what the escalation timer waits for), if any is due at all. */
  earliestDueAt(): Promise<Date | undefined>;
  findById(id: ConcernId): Promise<Concern | undefined>;
  findByReference(reference: string): Promise<Concern | undefined>;
  /** Unresolved concerns of a department, oldest first. */
  listOpenByDepartment(departmentId: DepartmentId, limit: number): Promise<Concern[]>;
  /**
   * Concerns raised in [start, end) in the given departments ("all": every one), oldest first: what a
   * report counts. Merged concerns are included; the report decides what to count.
   */
  listRaisedBetween(start: Date, end: Date, departments: readonly DepartmentId[] | "all"): Promise<Concern[]>;
  /** Unresolved concerns a person reported or owns, oldest first. */
  listOpenInvolving(actorKey: string, limit: number): Promise<Concern[]>;
  /** Records (or replaces) where a concern's card lives on a platform for a department. */
  saveCard(concernId: ConcernId, card: CardLocation): Promise<void>;
  /** The whole trail of one concern, oldest first. */
  auditTrail(concernId: ConcernId): Promise<AuditEvent[]>;
  /**
   * Every event whose time is in [from, to] (both included), concern-bound or not, with its free text
   * where it was not purged, in time order (ties in the order they were written): at most `limit`, after `cursor` (the `next`
   * of the previous page). Read in batches so a quarter of a big hospital never loads in one query.
   */
  auditEventsBetween(from: Date, to: Date, limit: number, cursor?: string): Promise<AuditEventPage>;
  /** Events not tied to a concern change (a digest sent, a delivery that failed). */
  appendAudit(events: readonly AuditEvent[]): Promise<void>;
  /**
   * Resolved concerns resolved before `resolvedBefore` whose patient details are still there, earliest
   * resolution first: at most `limit`, after skipping `skip` (a dry run pages through them).
   */
  findPurgeable(resolvedBefore: Date, limit: number, skip?: number): Promise<Concern[]>;
  /**
   * The retention policy's write: a compare-and-set update like `update` that, in the same transaction,
   * removes the free text of the concern's audit events (see AUDIT_FREE_TEXT) and the words of its
   * messages already sent or parked. The events themselves stay as they were: the trail is append-only.
   */
  purgeDetails(change: ConcernChange, expectedVersion: number): Promise<boolean>;
}
