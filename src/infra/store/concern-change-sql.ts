import { Prisma } from "../../generated/prisma/client.ts";

// Each change of concerns is written by ONE statement: data-modifying CTEs insert or update the
// concern rows, append their audit events and add their outbox rows. A single statement is atomic
// on its own, so a raise or an action needs no interactive transaction (no BEGIN/COMMIT round trips,
// no wait for a transaction slot), and a sweep writes its whole batch at once. Rows travel as JSON
// arrays and are turned back into table rows with json_populate_recordset, so the statement has a
// fixed text and four parameters whatever the batch size (PostgreSQL 15 and PGlite alike).

const quote = (column: string) => `"${column}"`;
const CONCERN_COLUMNS = Object.values(Prisma.ConcernScalarFieldEnum).filter((c) => c !== "id");
const AUDIT_COLUMNS = Object.values(Prisma.AuditEventScalarFieldEnum)
  .filter((c) => c !== "id")
  .map(quote)
  .join(", ");
const OUTBOX_COLUMNS = [
  "idempotencyKey",
  "concernId",
  "platform",
  "kind",
  "payload",
  "nextAttemptAt",
  "createdAt",
]
  .map(quote)
  .join(", ");

/**
 * `$2` holds the audit events, `$3` the outbox rows, `$4` the events' free texts (JSON arrays). They
 * are written only when the concern write (`changed`) touched a row, so a lost compare-and-set leaves
 * nothing behind. Events keep their order (the trail is read back by id): an event whose free text is
 * kept apart comes with the id reserved for it, the others take the next from the sequence. An outbox
 * row another writer already added is skipped (its idempotency key is unique).
 */
const recordChanged = `
  audit AS (
    INSERT INTO "AuditEvent" ("id", ${AUDIT_COLUMNS})
    SELECT coalesce(e."id", nextval(pg_get_serial_sequence('"AuditEvent"', 'id'))), ${AUDIT_COLUMNS}
    FROM json_populate_recordset(NULL::"AuditEvent", $2::json) WITH ORDINALITY AS e
    WHERE EXISTS (SELECT 1 FROM changed)
    ORDER BY e.ordinality
  ),
  texts AS (
    INSERT INTO "AuditEventText" ("eventId", "concernId", "text")
    SELECT "eventId", "concernId", "text" FROM json_populate_recordset(NULL::"AuditEventText", $4::json)
    WHERE EXISTS (SELECT 1 FROM changed)
  ),
  outbox AS (
    INSERT INTO "OutboxMessage" (${OUTBOX_COLUMNS})
    SELECT ${OUTBOX_COLUMNS} FROM json_populate_recordset(NULL::"OutboxMessage", $3::json) WITH ORDINALITY AS m
    WHERE EXISTS (SELECT 1 FROM changed)
    ORDER BY m.ordinality
    ON CONFLICT ("idempotencyKey") DO NOTHING
  )
SELECT (SELECT count(*) FROM changed)::int AS "changed"`;

/** New concerns (`$1`), with their events and messages. */
export const INSERT_CONCERNS_SQL = `
WITH changed AS (
    INSERT INTO "Concern" SELECT * FROM json_populate_recordset(NULL::"Concern", $1::json)
    RETURNING "id"
  ),${recordChanged}`;

const SET_ALL = `(${CONCERN_COLUMNS.map(quote).join(", ")}) = (${CONCERN_COLUMNS.map((c) => `v.${quote(c)}`).join(", ")})`;

/**
 * Replaces the stored concerns (`$1`) with their new state. With `compareVersion`, only a row whose
 * version is still `$5` is written (compare-and-set); without, the caller holds the rows' locks.
 */
export function updateConcernsSql(compareVersion: boolean): string {
  return `
WITH changed AS (
    UPDATE "Concern" AS c SET ${SET_ALL}
    FROM json_populate_recordset(NULL::"Concern", $1::json) AS v
    WHERE c."id" = v."id"${compareVersion ? ` AND c."version" = $5::int` : ""}
    RETURNING c."id"
  ),${recordChanged}`;
}
