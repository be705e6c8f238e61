import type { PrismaClient } from "../../generated/prisma/client.ts";
import {
  mapJsonText,
  SEALED_CONCERN_COLUMNS,
  SEALED_JSON_COLUMNS,
  sealedWhere,
} from "../store/concern-row-mapping.ts";
import type { FieldCipher } from "./field-cipher.ts";

const BATCH = 200;
type TextColumn = (typeof SEALED_CONCERN_COLUMNS)[number];
type JsonColumn = (typeof SEALED_JSON_COLUMNS)[number];
type SealedRow = { id: string } & Record<TextColumn, string | null> & Record<JsonColumn, unknown>;

/**
 * Rewrites every sealed column that is in clear text or sealed under a previous key, under the current
 * key: the step after a rotation (and after turning encryption on), so the old key can be dropped.
 * Only those columns change; the concern's version and times stay as they were, so nothing a person
 * did is rewritten. Returns how many concerns were rewritten.
 */
export async function resealConcerns(prisma: PrismaClient, cipher: FieldCipher): Promise<number> {
  if (!cipher.sealing) throw new Error("LIAISON_DATA_KEY is not set: there is no key to seal with");
  const columns = [...SEALED_CONCERN_COLUMNS, ...SEALED_JSON_COLUMNS].map((c) => `"${c}"`).join(", ");
  let resealed = 0;
  for (let after = ""; ;) {
    const rows = await prisma.$queryRawUnsafe<SealedRow[]>(
      `SELECT "id"::text AS "id", ${columns}
       FROM "Concern" WHERE "id"::text > $1 ORDER BY "id"::text LIMIT ${BATCH}`,
      after,
    );
    if (rows.length === 0) return resealed;
    for (const row of rows) if (await resealRow(prisma, cipher, row)) resealed++;
    after = rows[rows.length - 1]!.id;
  }
}

/** A column's new value, or undefined when it is already sealed under the current key throughout. */
function resealed(cipher: FieldCipher, row: SealedRow, column: TextColumn | JsonColumn): unknown {
  let stale = false;
  const again = (text: string, where: string) => {
    if (!cipher.needsResealing(text)) return text;
    stale = true;
    return cipher.seal(cipher.open(text, where), where);
  };
  const value = (SEALED_JSON_COLUMNS as readonly string[]).includes(column)
    ? mapJsonText(column as JsonColumn, row[column], row.id, again)
    : row[column] === null
      ? null
      : again(row[column] as string, sealedWhere(column as TextColumn, row.id));
  return stale ? value : undefined;
}

async function resealRow(prisma: PrismaClient, cipher: FieldCipher, row: SealedRow): Promise<boolean> {
  const changes = [...SEALED_CONCERN_COLUMNS, ...SEALED_JSON_COLUMNS].flatMap((column) => {
    const value = resealed(cipher, row, column);
    return value === undefined ? [] : [{ column, value, was: row[column] }];
  });
  if (changes.length === 0) return false;
  const isJson = (c: string) => (SEALED_JSON_COLUMNS as readonly string[]).includes(c);
  const param = (c: string, n: number) => (isJson(c) ? `$${n}::jsonb` : `$${n}`);
  const asParam = (c: string, v: unknown) => (isJson(c) ? JSON.stringify(v) : v);
  // Compared with what was read: a concern changed meanwhile is already sealed under the current key.
  const set = changes.map((c, i) => `"${c.column}" = ${param(c.column, i + 2)}`).join(", ");
  const same = changes
    .map((c, i) => `"${c.column}" = ${param(c.column, i + 2 + changes.length)}`)
    .join(" AND ");
  await prisma.$executeRawUnsafe(
    `UPDATE "Concern" SET ${set} WHERE "id" = $1::uuid AND ${same}`,
    row.id,
    ...changes.map((c) => asParam(c.column, c.value)),
    ...changes.map((c) => asParam(c.column, c.was)),
  );
  return true;
}
