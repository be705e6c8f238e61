import { watchTyped } from "./patient-text-watch.ts";
import type { AuditEvent } from "../../src/core/messaging/audit-event.ts";
import { withoutFreeText } from "../../src/core/messaging/audit-free-text.ts";
import type { CardLocation, Concern } from "../../src/core/concern/concern.ts";
import type { ConcernId, DepartmentId } from "../../src/core/ids.ts";
import type { ChatMessage, OutboundMessage, OutboxEntry } from "../../src/core/messaging/outbound-message.ts";
import type { Platform } from "../../src/core/platform.ts";
import type {
  AuditEventPage,
  ConcernChange,
  ConcernRepository,
  ConcernWrites,
} from "../../src/core/ports/concern-repository.port.ts";
import type { OutboxRepository, OutboxStats } from "../../src/core/ports/outbox-repository.port.ts";

/** A purged concern's delivered message, as the store keeps it: no words (nothing delivers it again). */
const PURGED_MESSAGE = { purged: "patient details removed (retention policy)" } as unknown as ChatMessage;

export interface OutboxRow extends OutboundMessage {
  id: string;
  status: "pending" | "sent" | "parked";
  attempts: number;
  nextAttemptAt: Date;
  lockedUntil?: Date;
  lastError?: string;
  createdAt: Date;
  sentAt?: Date;
}

/** A faithful in-memory store for core tests: same compare-and-set and outbox semantics as Prisma's. */
export class InMemoryConcernRepository implements ConcernRepository, OutboxRepository {
  readonly concerns = new Map<string, Concern>();
  readonly audit: AuditEvent[] = [];
  readonly outboxRows: OutboxRow[] = [];
  private readonly sequences = new Map<number, number>();
  private lastOutboxId = 0;

  async nextSequence(year: number): Promise<number> {
    const next = (this.sequences.get(year) ?? 0) + 1;
    this.sequences.set(year, next);
    return next;
  }

  async insert(change: ConcernChange): Promise<void> {
    this.concerns.set(change.concern.id, structuredClone(change.concern));
    this.record(change);
  }

  async update(change: ConcernChange, expectedVersion: number): Promise<boolean> {
    const stored = this.concerns.get(change.concern.id);
    if (!stored || stored.version !== expectedVersion) return false;
    this.concerns.set(change.concern.id, structuredClone({ ...change.concern, cards: stored.cards }));
    this.record(change);
    return true;
  }

  async writeTogether(writes: ConcernWrites): Promise<boolean> {
    const stale = writes.updates.some(
      ({ change, expectedVersion }) => this.concerns.get(change.concern.id)?.version !== expectedVersion,
    );
    if (stale || (writes.insert && this.concerns.has(writes.insert.concern.id))) return false;
    if (writes.insert) await this.insert(writes.insert);
    for (const { change, expectedVersion } of writes.updates) await this.update(change, expectedVersion);
    return true;
  }

  async findRepeats(repeatKey: string, since: Date, limit: number): Promise<Concern[]> {
    return [...this.concerns.values()]
      .filter((c) => c.repeatKey === repeatKey && c.createdAt >= since)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .slice(0, limit)
      .map((c) => structuredClone(c));
  }

  async processDue(now: Date, limit: number, decide: (concern: Concern) => ConcernChange): Promise<number> {
    const due = [...this.concerns.values()]
      .filter((c) => c.nextDueAt !== undefined && c.nextDueAt <= now)
      .sort((a, b) => a.nextDueAt!.getTime() - b.nextDueAt!.getTime())
      .slice(0, limit);
    for (const concern of due) {
      const change = decide(structuredClone(concern));
      this.concerns.set(concern.id, structuredClone({ ...change.concern, cards: concern.cards }));
      this.record(change);
    }
    return due.length;
  }

  private record(change: ConcernChange): void {
    watchTyped(change.concern);
    for (const event of change.events) watchTyped(event.detail);
    this.audit.push(...change.events);
    void this.enqueue(change.messages, change.concern.updatedAt);
  }

  async findById(id: ConcernId): Promise<Concern | undefined> {
    const c = this.concerns.get(id);
    return c && structuredClone(c);
  }

  async findByReference(reference: string): Promise<Concern | undefined> {
    const c = [...this.concerns.values()].find((x) => x.reference === reference.trim().toUpperCase());
    return c && structuredClone(c);
  }

  async listOpenByDepartment(departmentId: DepartmentId, limit: number): Promise<Concern[]> {
    return this.open()
      .filter((c) => c.departmentId === departmentId)
      .slice(0, limit);
  }

  async listRaisedBetween(
    start: Date,
    end: Date,
    departments: readonly DepartmentId[] | "all",
  ): Promise<Concern[]> {
    return [...this.concerns.values()]
      .filter((c) => c.createdAt >= start && c.createdAt < end)
      .filter((c) => departments === "all" || departments.includes(c.departmentId))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((c) => structuredClone(c));
  }

  async listOpenInvolving(actorKey: string, limit: number): Promise<Concern[]> {
    return this.open()
      .filter((c) => c.reporter.key === actorKey || c.owner?.key === actorKey)
      .slice(0, limit);
  }

  async saveCard(concernId: ConcernId, card: CardLocation): Promise<void> {
    const c = this.concerns.get(concernId)!;
    const others = c.cards.filter(
      (x) => !(x.platform === card.platform && x.departmentId === card.departmentId),
    );
    this.concerns.set(concernId, { ...c, cards: [...others, card] });
  }

  async auditTrail(concernId: ConcernId): Promise<AuditEvent[]> {
    return this.audit.filter((e) => e.concernId === concernId);
  }

  /** Like Prisma's: in time order, ties in written order (the trail's position stands for the row id). */
  async auditEventsBetween(from: Date, to: Date, limit: number, cursor?: string): Promise<AuditEventPage> {
    const key = (at: Date, i: number) => `${at.toISOString()}|${String(i).padStart(12, "0")}`;
    const inRange = this.audit
      .map((event, i) => ({ event, key: key(event.at, i) }))
      .filter(
        ({ event, key }) => event.at >= from && event.at <= to && (cursor === undefined || key > cursor),
      )
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .slice(0, limit);
    const events = inRange.map(({ event }) => structuredClone(event));
    return events.length === limit ? { events, next: inRange.at(-1)!.key } : { events };
  }

  async appendAudit(events: readonly AuditEvent[]): Promise<void> {
    this.audit.push(...events);
  }

  async findPurgeable(resolvedBefore: Date, limit: number, skip = 0): Promise<Concern[]> {
    return [...this.concerns.values()]
      .filter((c) => c.status === "resolved" && c.resolvedAt! < resolvedBefore && !c.detailsPurgedAt)
      .sort((a, b) => a.resolvedAt!.getTime() - b.resolvedAt!.getTime() || (a.id < b.id ? -1 : 1))
      .slice(skip, skip + limit)
      .map((c) => structuredClone(c));
  }

  /** Like Prisma's: the concern's events stay in the trail, only their free text goes. */
  async purgeDetails(change: ConcernChange, expectedVersion: number): Promise<boolean> {
    if (this.concerns.get(change.concern.id)?.version !== expectedVersion) return false;
    this.audit.forEach((e, i) => {
      if (e.concernId === change.concern.id) this.audit[i] = withoutFreeText(e);
    });
    for (const row of this.outboxRows) {
      if (row.concernId === change.concern.id && row.status !== "pending") row.message = PURGED_MESSAGE;
    }
    return this.update(change, expectedVersion);
  }

  async earliestDueAt(): Promise<Date | undefined> {
    const due = [...this.concerns.values()].flatMap((c) => (c.nextDueAt ? [c.nextDueAt.getTime()] : []));
    return due.length > 0 ? new Date(Math.min(...due)) : undefined;
  }

  // --- outbox ---

  async enqueue(messages: readonly OutboundMessage[], now: Date): Promise<number> {
    let added = 0;
    for (const m of messages) {
      if (this.outboxRows.some((r) => r.idempotencyKey === m.idempotencyKey)) continue;
      this.outboxRows.push({
        ...structuredClone(m),
        id: String(++this.lastOutboxId),
        status: "pending",
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
      });
      added++;
    }
    return added;
  }

  async claim(now: Date, limit: number, leaseMs: number, platform?: Platform): Promise<OutboxEntry[]> {
    const due = this.outboxRows
      .filter(
        (r) =>
          r.status === "pending" &&
          r.nextAttemptAt <= now &&
          (!r.lockedUntil || r.lockedUntil <= now) &&
          (!platform || r.platform === platform),
      )
      .slice(0, limit);
    for (const r of due) {
      r.lockedUntil = new Date(now.getTime() + leaseMs);
      r.attempts++;
    }
    return due.map((r) => ({
      id: r.id,
      idempotencyKey: r.idempotencyKey,
      platform: r.platform,
      concernId: r.concernId,
      message: structuredClone(r.message),
      attempts: r.attempts,
      createdAt: r.createdAt,
    }));
  }

  private row(id: string): OutboxRow {
    return this.outboxRows.find((r) => r.id === id)!;
  }

  async renewLeases(ids: readonly string[], until: Date): Promise<void> {
    for (const id of ids) if (this.row(id).status === "pending") this.row(id).lockedUntil = until;
  }

  async pruneSent(sentBefore: Date, limit: number): Promise<number> {
    const old = this.outboxRows.filter((r) => r.status === "sent" && r.sentAt! < sentBefore).slice(0, limit);
    for (const r of old) this.outboxRows.splice(this.outboxRows.indexOf(r), 1);
    return old.length;
  }

  async markSent(id: string, at: Date): Promise<void> {
    Object.assign(this.row(id), { status: "sent", sentAt: at, lockedUntil: undefined });
  }

  async retryLater(
    id: string,
    nextAttemptAt: Date,
    error: string | undefined,
    countAttempt: boolean,
  ): Promise<void> {
    const r = this.row(id);
    Object.assign(r, { nextAttemptAt, lockedUntil: undefined, lastError: error ?? r.lastError });
    if (!countAttempt) r.attempts--;
  }

  async park(id: string, error: string): Promise<void> {
    Object.assign(this.row(id), { status: "parked", lockedUntil: undefined, lastError: error });
  }

  async hasUndeliveredPost(concernId: ConcernId, platform: Platform): Promise<boolean> {
    return this.outboxRows.some(
      (r) =>
        r.concernId === concernId &&
        r.platform === platform &&
        r.message.kind === "post-card" &&
        r.status === "pending",
    );
  }

  async stats(): Promise<OutboxStats> {
    const pending = this.outboxRows.filter((r) => r.status === "pending");
    return {
      pending: pending.length,
      parked: this.outboxRows.filter((r) => r.status === "parked").length,
      oldestPendingAt: pending[0]?.createdAt,
    };
  }

  private open(): Concern[] {
    return [...this.concerns.values()]
      .filter((c) => c.status !== "resolved")
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((c) => structuredClone(c));
  }
}
