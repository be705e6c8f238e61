import type { AuditEvent } from "../../core/audit-event.ts";
import type { CardLocation, Concern } from "../../core/concern.ts";
import type { ConcernId, DepartmentId } from "../../core/ids.ts";
import type { ConcernRepository } from "../../core/ports/concern-repository.port.ts";
import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import { toConcern, toConcernRow } from "./concern-row-mapping.ts";

type Tx = Prisma.TransactionClient;

function auditRows(events: readonly AuditEvent[]): Prisma.AuditEventCreateManyInput[] {
  return events.map((e) => ({
    concernId: e.concernId ?? null,
    type: e.type,
    actorKey: e.actor.key,
    actorName: e.actor.displayName,
    actorPlatform: e.actor.platform,
    at: e.at,
    detail: e.detail as Prisma.InputJsonValue,
  }));
}

const OPEN = { not: "resolved" };

export class PrismaConcernRepository implements ConcernRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async nextSequence(year: number): Promise<number> {
    // One statement, so two instances raising at once still get different numbers.
    const rows = await this.prisma.$queryRaw<{ last: number }[]>`
      INSERT INTO "ReferenceSequence" ("year", "last") VALUES (${year}, 1)
      ON CONFLICT ("year") DO UPDATE SET "last" = "ReferenceSequence"."last" + 1
      RETURNING "last"`;
    return rows[0]!.last;
  }

  async insert(concern: Concern, events: readonly AuditEvent[]): Promise<void> {
    await this.prisma.$transaction(async (tx: Tx) => {
      await tx.concern.create({ data: { id: concern.id, ...toConcernRow(concern) } });
      await tx.auditEvent.createMany({ data: auditRows(events) });
    });
  }

  async update(concern: Concern, expectedVersion: number, events: readonly AuditEvent[]): Promise<boolean> {
    return this.prisma.$transaction(async (tx: Tx) => {
      const { count } = await tx.concern.updateMany({
        where: { id: concern.id, version: expectedVersion },
        data: toConcernRow(concern),
      });
      if (count !== 1) return false;
      await tx.auditEvent.createMany({ data: auditRows(events) });
      return true;
    });
  }

  async findById(id: ConcernId): Promise<Concern | undefined> {
    const row = await this.prisma.concern.findUnique({ where: { id }, include: { cards: true } });
    return row ? toConcern(row) : undefined;
  }

  async findByReference(reference: string): Promise<Concern | undefined> {
    const row = await this.prisma.concern.findUnique({
      where: { reference: reference.trim().toUpperCase() },
      include: { cards: true },
    });
    return row ? toConcern(row) : undefined;
  }

  async listOpenByDepartment(departmentId: DepartmentId, limit: number): Promise<Concern[]> {
    const rows = await this.prisma.concern.findMany({
      where: { departmentId, status: OPEN },
      orderBy: { createdAt: "asc" },
      take: limit,
      include: { cards: true },
    });
    return rows.map(toConcern);
  }

  async listOpenInvolving(actorKey: string, limit: number): Promise<Concern[]> {
    const rows = await this.prisma.concern.findMany({
      where: { status: OPEN, OR: [{ reporterKey: actorKey }, { ownerKey: actorKey }] },
      orderBy: { createdAt: "asc" },
      take: limit,
      include: { cards: true },
    });
    return rows.map(toConcern);
  }

  async saveCard(concernId: ConcernId, card: CardLocation): Promise<void> {
    const data = {
      channelId: card.channelId,
      messageId: card.messageId,
      state: card.state,
      updatedAt: new Date(),
    };
    await this.prisma.concernCard.upsert({
      where: {
        concernId_platform_departmentId: {
          concernId,
          platform: card.platform,
          departmentId: card.departmentId,
        },
      },
      create: { concernId, platform: card.platform, departmentId: card.departmentId, ...data },
      update: data,
    });
  }

  async auditTrail(concernId: ConcernId): Promise<AuditEvent[]> {
    const rows = await this.prisma.auditEvent.findMany({ where: { concernId }, orderBy: { id: "asc" } });
    return rows.map((r) => ({
      concernId: (r.concernId ?? undefined) as ConcernId | undefined,
      type: r.type as AuditEvent["type"],
      actor: {
        key: r.actorKey,
        displayName: r.actorName,
        platform: r.actorPlatform as AuditEvent["actor"]["platform"],
      },
      at: r.at,
      detail: r.detail as Record<string, unknown>,
    }));
  }

  async appendAudit(events: readonly AuditEvent[]): Promise<void> {
    await this.prisma.auditEvent.createMany({ data: auditRows(events) });
  }
}
