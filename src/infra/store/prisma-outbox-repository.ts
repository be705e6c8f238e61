import type {
  ChatMessage,
  ConcernId,
  OutboundMessage,
  OutboxEntry,
  OutboxRepository,
  OutboxStats,
  Platform,
} from "../../core/index.ts";
import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import { CLEAR_TEXT, type FieldCipher } from "../privacy/field-cipher.ts";

/** The additional data binding a sealed payload to its row (the key is known before the row's id). */
export const payloadWhere = (idempotencyKey: string) => `OutboxMessage.payload:${idempotencyKey}`;

/**
 * A message's payload as stored: cards and direct messages carry descriptions, so with a key the
 * whole message is sealed (a JSON string); without one it stays the message itself.
 */
function storedPayload(m: OutboundMessage, cipher: FieldCipher): Prisma.InputJsonValue {
  if (!cipher.sealing) return m.message as unknown as Prisma.InputJsonValue;
  return cipher.seal(JSON.stringify(m.message), payloadWhere(m.idempotencyKey));
}

/** A stored payload read back: sealed ones opened, and rows written before sealing read as they are. */
export function openPayload(payload: unknown, idempotencyKey: string, cipher: FieldCipher): ChatMessage {
  if (typeof payload !== "string") return payload as ChatMessage;
  return JSON.parse(cipher.open(payload, payloadWhere(idempotencyKey))) as ChatMessage;
}

export function outboxRows(
  messages: readonly OutboundMessage[],
  now: Date,
  cipher: FieldCipher = CLEAR_TEXT,
): Prisma.OutboxMessageCreateManyInput[] {
  return messages.map((m) => ({
    idempotencyKey: m.idempotencyKey,
    concernId: m.concernId ?? null,
    platform: m.platform,
    kind: m.message.kind,
    payload: storedPayload(m, cipher),
    nextAttemptAt: now,
    createdAt: now,
  }));
}

/**
 * /healthz's "oldest pending": read on the (status, id) index, so it touches pending rows only, however
 * many sent rows the table holds. Exported for the test that checks the plan.
 */
export const OLDEST_PENDING_SQL = `SELECT "createdAt" FROM "OutboxMessage" WHERE "status" = 'pending' ORDER BY "id" LIMIT 1`;

interface ClaimedRow {
  id: string;
  idempotencyKey: string;
  concernId: string | null;
  platform: string;
  payload: unknown;
  attempts: number;
  createdAt: Date;
}

export class PrismaOutboxRepository implements OutboxRepository {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly cipher: FieldCipher = CLEAR_TEXT,
  ) {}

  async enqueue(messages: readonly OutboundMessage[], now: Date): Promise<number> {
    const { count } = await this.prisma.outboxMessage.createMany({
      data: outboxRows(messages, now, this.cipher),
      skipDuplicates: true,
    });
    return count;
  }

  async claim(now: Date, limit: number, leaseMs: number, platform?: Platform): Promise<OutboxEntry[]> {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const onPlatform = platform ? Prisma.sql`AND "platform" = ${platform}` : Prisma.empty;
    // One statement: pick due rows nobody holds (skipping rows another instance is claiming right
    // now), take a lease on them and count the attempt.
    const rows = await this.prisma.$queryRaw<ClaimedRow[]>`
      UPDATE "OutboxMessage" SET "lockedUntil" = ${leaseUntil}, "attempts" = "attempts" + 1
      WHERE "id" IN (
        SELECT "id" FROM "OutboxMessage"
        WHERE "status" = 'pending' AND "nextAttemptAt" <= ${now}
          AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${now}) ${onPlatform}
        ORDER BY "id"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING "id"::text AS "id", "idempotencyKey", "concernId"::text AS "concernId", "platform", "payload",
        "attempts", "createdAt"`;
    return rows
      .sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)))
      .map((r) => ({
        id: r.id,
        idempotencyKey: r.idempotencyKey,
        concernId: (r.concernId ?? undefined) as ConcernId | undefined,
        platform: r.platform as Platform,
        message: openPayload(r.payload, r.idempotencyKey, this.cipher),
        attempts: r.attempts,
        createdAt: r.createdAt,
      }));
  }

  async renewLeases(ids: readonly string[], until: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.prisma.outboxMessage.updateMany({
      where: { id: { in: ids.map((id) => BigInt(id)) }, status: "pending" },
      data: { lockedUntil: until },
    });
  }

  async markSent(id: string, at: Date): Promise<void> {
    await this.prisma.outboxMessage.update({
      where: { id: BigInt(id) },
      data: { status: "sent", sentAt: at, lockedUntil: null, lastError: null },
    });
  }

  async retryLater(
    id: string,
    nextAttemptAt: Date,
    error: string | undefined,
    countAttempt: boolean,
  ): Promise<void> {
    await this.prisma.outboxMessage.update({
      where: { id: BigInt(id) },
      data: {
        nextAttemptAt,
        lockedUntil: null,
        ...(error !== undefined ? { lastError: error } : {}),
        ...(countAttempt ? {} : { attempts: { decrement: 1 } }),
      },
    });
  }

  async park(id: string, error: string): Promise<void> {
    await this.prisma.outboxMessage.update({
      where: { id: BigInt(id) },
      data: { status: "parked", lockedUntil: null, lastError: error },
    });
  }

  async hasUndeliveredPost(concernId: ConcernId, platform: Platform): Promise<boolean> {
    const n = await this.prisma.outboxMessage.count({
      where: { concernId, platform, kind: "post-card", status: "pending" },
    });
    return n > 0;
  }

  async stats(): Promise<OutboxStats> {
    const [pending, parked, oldest] = await Promise.all([
      this.prisma.outboxMessage.count({ where: { status: "pending" } }),
      this.prisma.outboxMessage.count({ where: { status: "parked" } }),
      this.prisma.$queryRawUnsafe<{ createdAt: Date }[]>(OLDEST_PENDING_SQL),
    ]);
    return { pending, parked, oldestPendingAt: oldest[0]?.createdAt };
  }

  async pruneSent(sentBefore: Date, limit: number): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM "OutboxMessage" WHERE "id" IN (
        SELECT "id" FROM "OutboxMessage"
        WHERE "status" = 'sent' AND "sentAt" < ${sentBefore}
        ORDER BY "id"
        LIMIT ${limit})`;
  }
}
