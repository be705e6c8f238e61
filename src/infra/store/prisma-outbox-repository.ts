import type { ConcernId } from "../../core/ids.ts";
import type { ChatMessage, OutboundMessage, OutboxEntry } from "../../core/outbound-message.ts";
import type { Platform } from "../../core/platform.ts";
import type { OutboxRepository, OutboxStats } from "../../core/ports/outbox-repository.port.ts";
import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";

export function outboxRows(
  messages: readonly OutboundMessage[],
  now: Date,
): Prisma.OutboxMessageCreateManyInput[] {
  return messages.map((m) => ({
    idempotencyKey: m.idempotencyKey,
    concernId: m.concernId ?? null,
    platform: m.platform,
    kind: m.message.kind,
    payload: m.message as unknown as Prisma.InputJsonValue,
    nextAttemptAt: now,
    createdAt: now,
  }));
}

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
  constructor(private readonly prisma: PrismaClient) {}

  async enqueue(messages: readonly OutboundMessage[], now: Date): Promise<number> {
    const { count } = await this.prisma.outboxMessage.createMany({
      data: outboxRows(messages, now),
      skipDuplicates: true,
    });
    return count;
  }

  async claim(now: Date, limit: number, leaseMs: number): Promise<OutboxEntry[]> {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    // One statement: pick due rows nobody holds (skipping rows another instance is claiming right
    // now), take a lease on them and count the attempt.
    const rows = await this.prisma.$queryRaw<ClaimedRow[]>`
      UPDATE "OutboxMessage" SET "lockedUntil" = ${leaseUntil}, "attempts" = "attempts" + 1
      WHERE "id" IN (
        SELECT "id" FROM "OutboxMessage"
        WHERE "status" = 'pending' AND "nextAttemptAt" <= ${now}
          AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${now})
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
        message: r.payload as ChatMessage,
        attempts: r.attempts,
        createdAt: r.createdAt,
      }));
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
      this.prisma.outboxMessage.findFirst({
        where: { status: "pending" },
        orderBy: { id: "asc" },
        select: { createdAt: true },
      }),
    ]);
    return { pending, parked, oldestPendingAt: oldest?.createdAt };
  }
}
