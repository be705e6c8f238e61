import type { AuditEvent } from "../../src/core/audit-event.ts";
import type { CardLocation, Concern } from "../../src/core/concern.ts";
import type { ConcernId, DepartmentId } from "../../src/core/ids.ts";
import type { ConcernRepository } from "../../src/core/ports/concern-repository.port.ts";

/** A faithful in-memory store for core tests: same compare-and-set semantics as the Prisma one. */
export class InMemoryConcernRepository implements ConcernRepository {
  readonly concerns = new Map<string, Concern>();
  readonly audit: AuditEvent[] = [];
  private readonly sequences = new Map<number, number>();

  async nextSequence(year: number): Promise<number> {
    const next = (this.sequences.get(year) ?? 0) + 1;
    this.sequences.set(year, next);
    return next;
  }

  async insert(concern: Concern, events: readonly AuditEvent[]): Promise<void> {
    this.concerns.set(concern.id, structuredClone(concern));
    this.audit.push(...events);
  }

  async update(concern: Concern, expectedVersion: number, events: readonly AuditEvent[]): Promise<boolean> {
    const stored = this.concerns.get(concern.id);
    if (!stored || stored.version !== expectedVersion) return false;
    this.concerns.set(concern.id, structuredClone({ ...concern, cards: stored.cards }));
    this.audit.push(...events);
    return true;
  }

  async findById(id: ConcernId): Promise<Concern | undefined> {
    const c = this.concerns.get(id);
    return c && structuredClone(c);
  }

  async findByReference(reference: string): Promise<Concern | undefined> {
    const c = [...this.concerns.values()].find((x) => x.reference === reference);
    return c && structuredClone(c);
  }

  async listOpenByDepartment(departmentId: DepartmentId, limit: number): Promise<Concern[]> {
    return this.open()
      .filter((c) => c.departmentId === departmentId)
      .slice(0, limit);
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

  async appendAudit(events: readonly AuditEvent[]): Promise<void> {
    this.audit.push(...events);
  }

  private open(): Concern[] {
    return [...this.concerns.values()]
      .filter((c) => c.status !== "resolved")
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((c) => structuredClone(c));
  }
}
