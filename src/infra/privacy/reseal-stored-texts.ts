import type { PrismaClient } from "../../generated/prisma/client.ts";
import { auditTextWhere } from "../store/audit-event-rows.ts";
import { openLetter, sealLetter } from "../store/prisma-letter-store.ts";
import { payloadWhere } from "../store/prisma-outbox-repository.ts";
import type { FieldCipher } from "./field-cipher.ts";
import { resealConcerns } from "./reseal-concerns.ts";

const BATCH = 200;

/** How many rows of each sealed place a re-encryption rewrote. */
export interface Resealed {
  concerns: number;
  auditTexts: number;
  outboxMessages: number;
  letters: number;
}

/**
 * Every sealed place rewritten under the current key (see resealConcerns): concerns, their events'
 * free texts, outbox payloads and grievance letters. Each row is rewritten only if it still holds what
 * was read, so a run beside a live Liaison loses nothing.
 */
export async function resealEverything(prisma: PrismaClient, cipher: FieldCipher): Promise<Resealed> {
  return {
    concerns: await resealConcerns(prisma, cipher),
    auditTexts: await resealTable(prisma, cipher, {
      table: "AuditEventText",
      key: `"eventId"::text`,
      value: `"text"`,
      where: auditTextWhere,
    }),
    outboxMessages: await resealOutbox(prisma, cipher),
    letters: await resealLetters(prisma, cipher),
  };
}

interface TextTable {
  table: string;
  /** The row's key as text (what the additional data names). */
  key: string;
  value: string;
  where: (key: string) => string;
}

async function resealTable(prisma: PrismaClient, cipher: FieldCipher, t: TextTable): Promise<number> {
  let count = 0;
  for (let after = ""; ;) {
    const rows = await prisma.$queryRawUnsafe<{ key: string; value: string }[]>(
      `SELECT ${t.key} AS "key", ${t.value} AS "value" FROM "${t.table}"
       WHERE ${t.key} > $1 ORDER BY ${t.key} LIMIT ${BATCH}`,
      after,
    );
    if (rows.length === 0) return count;
    for (const { key, value } of rows.filter((r) => cipher.needsResealing(r.value))) {
      const again = cipher.seal(cipher.open(value, t.where(key)), t.where(key));
      await prisma.$executeRawUnsafe(
        `UPDATE "${t.table}" SET ${t.value} = $2 WHERE ${t.key} = $1 AND ${t.value} = $3`,
        key,
        again,
        value,
      );
      count++;
    }
    after = rows[rows.length - 1]!.key;
  }
}

/** Outbox payloads: sealed ones under an old key, and clear ones (a JSON object) written before a key. */
async function resealOutbox(prisma: PrismaClient, cipher: FieldCipher): Promise<number> {
  let count = 0;
  for (let after = 0n; ;) {
    const rows = await prisma.outboxMessage.findMany({
      where: { id: { gt: after } },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, idempotencyKey: true, payload: true },
    });
    if (rows.length === 0) return count;
    for (const row of rows) {
      const sealed = typeof row.payload === "string";
      if (sealed && !cipher.needsResealing(row.payload as string)) continue;
      const where = payloadWhere(row.idempotencyKey);
      const text = sealed ? cipher.open(row.payload as string, where) : JSON.stringify(row.payload);
      const { count: n } = await prisma.outboxMessage.updateMany({
        where: { id: row.id, payload: { equals: row.payload as object } },
        data: { payload: cipher.seal(text, where) },
      });
      count += n;
    }
    after = rows[rows.length - 1]!.id;
  }
}

async function resealLetters(prisma: PrismaClient, cipher: FieldCipher): Promise<number> {
  let count = 0;
  for (let after = ""; ;) {
    const rows = await prisma.$queryRawUnsafe<{ id: string; pdf: Uint8Array }[]>(
      `SELECT "id"::text AS "id", "pdf" FROM "GrievanceLetter" WHERE "id"::text > $1 ORDER BY "id"::text LIMIT ${BATCH}`,
      after,
    );
    if (rows.length === 0) return count;
    for (const row of rows) {
      if (!cipher.needsResealing(Buffer.from(row.pdf).toString("latin1"))) continue;
      const pdf = sealLetter(openLetter(row.pdf, row.id, cipher), row.id, cipher);
      // Letters are written once and never changed, so the row needs no comparison with what was read.
      await prisma.grievanceLetter.update({ where: { id: row.id }, data: { pdf } });
      count++;
    }
    after = rows[rows.length - 1]!.id;
  }
}
