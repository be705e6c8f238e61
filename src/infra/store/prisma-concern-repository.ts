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
import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import { CoalescingWriter } from "./coalescing-writer.ts";
import { INSERT_CONCERNS_SQL, updateConcernsSql } from "./concern-change-sql.ts";
import { toConcern, toConcernRecord } from "./concern-row-mapping.ts";
import { CLEAR_TEXT, type FieldCipher } from "../privacy/field-cipher.ts";
import { outboxRows } from "./prisma-outbox-repository.ts";
import { auditRecords, needsAuditIds, reserveAuditIds, toAuditEvent } from "./audit-event-rows.ts";

type Tx = Prisma.TransactionClient;

const OPEN = { not: "resolved" };
type ConcernWithCards = Parameters<typeof toConcern>[0];

/**
 * Claims due concerns and reads them with their cards in one statement. The id is read as text (raw
 * results do not map uuid); a card's columns come back as JSON, which is all toConcern reads of them.
 */
const CLAIM_DUE_SQL = `
  SELECT ${Object.values(Prisma.ConcernScalarFieldEnum)
    .map((c) => (c === "id" ? `c."id"::text AS "id"` : `c."${c}"`))
    .join(", ")},
    (SELECT coalesce(json_agg(cc), '[]'::json) FROM "ConcernCard" cc WHERE cc."concernId" = c."id") AS "cards"
  FROM "Concern" c
  WHERE c."nextDueAt" <= $1
  ORDER BY c."nextDueAt"
  LIMIT $2
  FOR UPDATE OF c SKIP LOCKED`;
/** Thrown inside a transaction to roll it back when one of its compare-and-sets lost. */
const LOST_RACE = new Error("a compare-and-set lost: the transaction is rolled back");
const CAS_UPDATE_SQL = updateConcernsSql(true);
const LOCKED_UPDATE_SQL = updateConcernsSql(false);

/** What a purged concern's delivered messages hold instead of their words. */
const PURGED_PAYLOAD = JSON.stringify({ purged: "patient details removed (retention policy)" });

/** A page's end as written in its cursor: "<at ISO>|<id>". */
const timeCursorOf = (cursor: string) => {
  const [at = "", id = ""] = cursor.split("|");
  return { at: new Date(at), id: BigInt(id) };
};

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class PrismaConcernRepository implements ConcernRepository {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly cipher: FieldCipher = CLEAR_TEXT,
  ) {}

  /** Raises arriving together share one statement (see CoalescingWriter); one bad concern fails alone. */
  private readonly inserts = new CoalescingWriter<ConcernChange, void>(
    (changes) =>
      this.write(this.prisma, INSERT_CONCERNS_SQL, changes).then(() => changes.map(() => undefined)),
    { maxBatch: 50, retryAlone: true },
  );
  /** Per year: numbers asked for together are reserved by one statement. */
  private readonly sequences = new Map<number, CoalescingWriter<void, number>>();

  async nextSequence(year: number): Promise<number> {
    let writer = this.sequences.get(year);
    if (!writer) {
      writer = new CoalescingWriter((asks) => this.reserveNumbers(year, asks.length), {
        maxBatch: 100,
        retryAlone: false,
      });
      this.sequences.set(year, writer);
    }
    return writer.write();
  }

  /**
   * The next `count` numbers of the year, in one statement, so two instances raising at once still
   * get different numbers.
   */
  private async reserveNumbers(year: number, count: number): Promise<number[]> {
    const rows = await this.prisma.$queryRaw<{ last: number }[]>`
      INSERT INTO "ReferenceSequence" ("year", "last") VALUES (${year}, ${count})
      ON CONFLICT ("year") DO UPDATE SET "last" = "ReferenceSequence"."last" + ${count}
      RETURNING "last"`;
    const last = rows[0]!.last;
    return Array.from({ length: count }, (_, i) => last - count + 1 + i);
  }

  async insert(change: ConcernChange): Promise<void> {
    await this.inserts.write(change);
  }

  async update(change: ConcernChange, expectedVersion: number): Promise<boolean> {
    return (await this.write(this.prisma, CAS_UPDATE_SQL, [change], expectedVersion)) === 1;
  }

  async writeTogether(writes: ConcernWrites): Promise<boolean> {
    try {
      await this.prisma.$transaction(
        async (tx: Tx) => {
          if (writes.insert) await this.write(tx, INSERT_CONCERNS_SQL, [writes.insert]);
          // Rows are locked in id order, so two writes over the same concerns (a merge each way, two
          // links) wait for each other instead of deadlocking.
          const updates = [...writes.updates].sort((a, b) =>
            compareIds(a.change.concern.id, b.change.concern.id),
          );
          for (const { change, expectedVersion } of updates) {
            // One lost compare-and-set undoes the whole write: nothing is half-linked or half-merged.
            if ((await this.write(tx, CAS_UPDATE_SQL, [change], expectedVersion)) !== 1) throw LOST_RACE;
          }
        },
        { maxWait: 30_000, timeout: 30_000 },
      );
      return true;
    } catch (error) {
      // A write conflict or deadlock PostgreSQL resolved by aborting us is a lost race too: read again.
      if (error === LOST_RACE || (error as { code?: unknown }).code === "P2034") return false;
      throw error;
    }
  }

  async findRepeats(repeatKey: string, since: Date, limit: number): Promise<Concern[]> {
    const rows = await this.prisma.concern.findMany({
      where: { repeatKey, createdAt: { gte: since } },
      orderBy: { createdAt: "asc" },
      take: limit,
      include: { cards: true },
    });
    return rows.map((row) => toConcern(row, this.cipher));
  }

  async listRaisedBetween(
    start: Date,
    end: Date,
    departments: readonly DepartmentId[] | "all",
  ): Promise<Concern[]> {
    const rows = await this.prisma.concern.findMany({
      where: {
        createdAt: { gte: start, lt: end },
        ...(departments === "all" ? {} : { departmentId: { in: [...departments] } }),
      },
      orderBy: { createdAt: "asc" },
      include: { cards: true },
    });
    return rows.map((row) => toConcern(row, this.cipher));
  }

  async processDue(now: Date, limit: number, decide: (concern: Concern) => ConcernChange): Promise<number> {
    return this.prisma.$transaction(
      async (tx: Tx) => {
        // Rows another instance is sweeping are skipped, not waited for: each due concern is
        // handled by exactly one instance, and the lock holds until this transaction commits.
        const rows = await tx.$queryRawUnsafe<ConcernWithCards[]>(CLAIM_DUE_SQL, now, limit);
        if (rows.length === 0) return 0;
        await this.write(
          tx,
          LOCKED_UPDATE_SQL,
          rows.map((row) => decide(toConcern(row, this.cipher))),
        );
        return rows.length;
      },
      { maxWait: 30_000, timeout: 120_000 },
    );
  }

  /**
   * Writes changes (their concern rows, audit events and outbox rows) in one statement; returns
   * how many concern rows it wrote.
   */
  private async write(
    client: Tx | PrismaClient,
    sql: string,
    changes: readonly ConcernChange[],
    expectedVersion?: number,
  ): Promise<number> {
    const events = changes.flatMap((c) => c.events);
    // Only a change recording free text (a note, a reason) costs the round trip that reserves ids.
    const ids = needsAuditIds(events) ? await reserveAuditIds(client, events.length) : undefined;
    const audit = auditRecords(events, ids, this.cipher);
    const params: unknown[] = [
      JSON.stringify(changes.map((c) => toConcernRecord(c.concern, this.cipher))),
      JSON.stringify(audit.events),
      JSON.stringify(changes.flatMap((c) => outboxRows(c.messages, c.concern.updatedAt, this.cipher))),
      JSON.stringify(audit.texts),
      ...(expectedVersion === undefined ? [] : [expectedVersion]),
    ];
    const rows = await client.$queryRawUnsafe<{ changed: number }[]>(sql, ...params);
    return rows[0]!.changed;
  }

  async earliestDueAt(): Promise<Date | undefined> {
    // min() on the nextDueAt index: one index probe however many concerns are open.
    const { _min } = await this.prisma.concern.aggregate({ _min: { nextDueAt: true } });
    return _min.nextDueAt ?? undefined;
  }

  async findById(id: ConcernId): Promise<Concern | undefined> {
    const row = await this.prisma.concern.findUnique({ where: { id }, include: { cards: true } });
    return row ? toConcern(row, this.cipher) : undefined;
  }

  async findByReference(reference: string): Promise<Concern | undefined> {
    const row = await this.prisma.concern.findUnique({
      where: { reference: reference.trim().toUpperCase() },
      include: { cards: true },
    });
    return row ? toConcern(row, this.cipher) : undefined;
  }

  async listOpenByDepartment(departmentId: DepartmentId, limit: number): Promise<Concern[]> {
    const rows = await this.prisma.concern.findMany({
      where: { departmentId, status: OPEN },
      orderBy: { createdAt: "asc" },
      take: limit,
      include: { cards: true },
    });
    return rows.map((row) => toConcern(row, this.cipher));
  }

  async listOpenInvolving(actorKey: string, limit: number): Promise<Concern[]> {
    const rows = await this.prisma.concern.findMany({
      where: { status: OPEN, OR: [{ reporterKey: actorKey }, { ownerKey: actorKey }] },
      orderBy: { createdAt: "asc" },
      take: limit,
      include: { cards: true },
    });
    return rows.map((row) => toConcern(row, this.cipher));
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
    const rows = await this.prisma.auditEvent.findMany({
      where: { concernId },
      orderBy: { id: "asc" },
      include: { text: true },
    });
    return rows.map((row) => toAuditEvent(row, this.cipher));
  }

  async auditEventsBetween(from: Date, to: Date, limit: number, cursor?: string): Promise<AuditEventPage> {
    // Keyset on (at, id) over the `at` index: each page starts where the last ended, however deep,
    // instead of sorting the whole range again for every page.
    const after = cursor ? timeCursorOf(cursor) : undefined;
    const rows = await this.prisma.auditEvent.findMany({
      where: {
        at: { gte: from, lte: to },
        ...(after ? { OR: [{ at: { gt: after.at } }, { at: after.at, id: { gt: after.id } }] } : {}),
      },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      take: limit,
      include: { text: true },
    });
    const events = rows.map((row) => toAuditEvent(row, this.cipher));
    const last = rows.at(-1);
    return last && rows.length === limit
      ? { events, next: `${last.at.toISOString()}|${last.id}` }
      : { events };
  }

  async appendAudit(events: readonly AuditEvent[]): Promise<void> {
    if (!needsAuditIds(events)) {
      const { events: rows } = auditRecords(events, undefined, this.cipher);
      await this.prisma.auditEvent.createMany({ data: rows.map(({ id: _id, ...row }) => row) });
      return;
    }
    await this.prisma.$transaction(async (tx: Tx) => {
      const audit = auditRecords(events, await reserveAuditIds(tx, events.length), this.cipher);
      await tx.auditEvent.createMany({ data: audit.events.map((e) => ({ ...e, id: BigInt(e.id!) })) });
      await tx.auditEventText.createMany({
        data: audit.texts.map((t) => ({ ...t, eventId: BigInt(t.eventId) })),
      });
    });
  }

  async findPurgeable(resolvedBefore: Date, limit: number, skip = 0): Promise<Concern[]> {
    const rows = await this.prisma.concern.findMany({
      where: { status: "resolved", resolvedAt: { lt: resolvedBefore }, detailsPurgedAt: null },
      orderBy: [{ resolvedAt: "asc" }, { id: "asc" }],
      skip,
      take: limit,
      include: { cards: true },
    });
    return rows.map((row) => toConcern(row, this.cipher));
  }

  async purgeDetails(change: ConcernChange, expectedVersion: number): Promise<boolean> {
    try {
      await this.prisma.$transaction(async (tx: Tx) => {
        if ((await this.write(tx, CAS_UPDATE_SQL, [change], expectedVersion)) !== 1) throw LOST_RACE;
        // The events' free text goes with the concern's; the events themselves are never touched.
        await tx.auditEventText.deleteMany({ where: { concernId: change.concern.id } });
        // Messages already sent or parked keep their row (the record of what was said) but not their
        // words; pending ones (this purge's own card update among them) still have to be delivered.
        await tx.$executeRaw`
          UPDATE "OutboxMessage" SET "payload" = ${PURGED_PAYLOAD}::jsonb
          WHERE "concernId" = ${change.concern.id}::uuid AND "status" <> 'pending'`;
      });
      return true;
    } catch (error) {
      if (error === LOST_RACE) return false;
      throw error;
    }
  }
}
