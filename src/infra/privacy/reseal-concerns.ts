import type { PrismaClient } from "../../generated/prisma/client.ts";
import { SEALED_CONCERN_COLUMNS, sealedWhere } from "../store/concern-row-mapping.ts";
import type { FieldCipher } from "./field-cipher.ts";

const BATCH = 200;
type SealedRow = { id: string } & Record<(typeof SEALED_CONCERN_COLUMNS)[number], string | null>;

/**
 * Rewrites every sealed column that is in clear text or sealed under a previous key, under the current
 * key: the step after a rotation (and after turning encryption on), so the old key can be dropped.
 * Only those columns change; the concern's version and times stay as they were, so nothing a person
 * did is rewritten. Returns how many concerns were rewritten.
 */
export async function resealConcerns(prisma: PrismaClient, cipher: FieldCipher): Promise<number> {
  if (!cipher.sealing) throw new Error("LIAISON_DATA_KEY is not set: there is no key to seal with");
  let resealed = 0;
  for (let after = ""; ;) {
    const rows = await prisma.$queryRawUnsafe<SealedRow[]>(
      `SELECT "id"::text AS "id", ${SEALED_CONCERN_COLUMNS.map((c) => `"${c}"`).join(", ")}
       FROM "Concern" WHERE "id"::text > $1 ORDER BY "id"::text LIMIT ${BATCH}`,
      after,
    );
    if (rows.length === 0) return resealed;
    for (const row of rows) if (await resealRow(prisma, cipher, row)) resealed++;
    after = rows[rows.length - 1]!.id;
  }
}

async function resealRow(prisma: PrismaClient, cipher: FieldCipher, row: SealedRow): Promise<boolean> {
  const stale = SEALED_CONCERN_COLUMNS.filter((c) => row[c] !== null && cipher.needsResealing(row[c]!));
  if (stale.length === 0) return false;
  const values = stale.map((c) =>
    cipher.seal(cipher.open(row[c]!, sealedWhere(c, row.id)), sealedWhere(c, row.id)),
  );
  // Compared with what was read: a concern changed meanwhile is already sealed under the current key.
  const set = stale.map((c, i) => `"${c}" = $${i + 2}`).join(", ");
  const same = stale.map((c, i) => `"${c}" = $${i + 2 + stale.length}`).join(" AND ");
  await prisma.$executeRawUnsafe(
    `UPDATE "Concern" SET ${set} WHERE "id" = $1::uuid AND ${same}`,
    row.id,
    ...values,
    ...stale.map((c) => row[c]),
  );
  return true;
}
