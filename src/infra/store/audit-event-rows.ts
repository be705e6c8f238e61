import { type AuditEvent, type ConcernId, splitFreeText } from "../../core/index.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { AuditEventModel, AuditEventTextModel } from "../../generated/prisma/models.ts";
import type { FieldCipher } from "../privacy/field-cipher.ts";

/** The additional data binding an event's sealed free text to that event. */
export const auditTextWhere = (eventId: string) => `AuditEventText.text:${eventId}`;

/** An AuditEvent row as JSON for json_populate_recordset: the id as text, or null for the sequence. */
type AuditRecord = Omit<Prisma.AuditEventCreateManyInput, "id"> & { id: string | null };
type AuditTextRecord = { eventId: string; concernId: string | null; text: string };

/**
 * The rows a list of events is written as: the events without their free text, and that text sealed
 * in AuditEventText rows (purgeable, while the events stay append-only). Events with free text need
 * their ids before they are written (`ids`, one per event, in order) so the text can name its event.
 */
export function auditRecords(
  events: readonly AuditEvent[],
  ids: readonly string[] | undefined,
  cipher: FieldCipher,
): { events: AuditRecord[]; texts: AuditTextRecord[] } {
  const texts: AuditTextRecord[] = [];
  const rows = events.map((whole, i) => {
    const { event, text } = splitFreeText(whole);
    const id = ids?.[i] ?? null;
    if (text) {
      if (id === null) throw new Error("an audit event with free text was written without its id");
      const sealed = cipher.seal(JSON.stringify(text), auditTextWhere(id));
      texts.push({ eventId: id, concernId: event.concernId ?? null, text: sealed });
    }
    return {
      id,
      concernId: event.concernId ?? null,
      type: event.type,
      actorKey: event.actor.key,
      actorName: event.actor.displayName,
      actorPlatform: event.actor.platform,
      actorAuthorizedBy: event.actor.authorizedBy ?? null,
      at: event.at,
      detail: event.detail as Prisma.InputJsonValue,
    };
  });
  return { events: rows, texts };
}

/** True when writing these events needs their ids first (one of them has free text to keep apart). */
export const needsAuditIds = (events: readonly AuditEvent[]) =>
  events.some((e) => splitFreeText(e).text !== undefined);

/** `count` ids from the AuditEvent sequence, ascending: events written with them keep their order. */
export async function reserveAuditIds(
  client: Pick<Prisma.TransactionClient, "$queryRawUnsafe">,
  count: number,
): Promise<string[]> {
  const rows = await client.$queryRawUnsafe<{ id: string }[]>(
    `SELECT nextval(pg_get_serial_sequence('"AuditEvent"', 'id'))::text AS "id" FROM generate_series(1, $1::int)`,
    count,
  );
  return rows.map((r) => r.id).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
}

/**
 * An event as read back: its row's detail with its free text joined in again. Once the retention
 * policy purged that text, the event reads as it was without it. Rows are only ever written from
 * typed events (and never updated), so each detail matches its type.
 */
export function toAuditEvent(
  row: AuditEventModel & { text: AuditEventTextModel | null },
  cipher: FieldCipher,
): AuditEvent {
  const text = row.text
    ? (JSON.parse(cipher.open(row.text.text, auditTextWhere(String(row.id)))) as Record<string, unknown>)
    : {};
  return {
    concernId: (row.concernId ?? undefined) as ConcernId | undefined,
    type: row.type,
    actor: {
      key: row.actorKey,
      displayName: row.actorName,
      platform: row.actorPlatform as AuditEvent["actor"]["platform"],
      ...(row.actorAuthorizedBy ? { authorizedBy: row.actorAuthorizedBy } : {}),
    },
    at: row.at,
    detail: { ...(row.detail as Record<string, unknown>), ...text },
  } as AuditEvent;
}
