import {
  type ActorRef,
  type SurveyInvitationRef,
  asCategoryId,
  asConcernId,
  asDepartmentId,
  type CardLocation,
  type Concern,
  type ConcernLink,
  type ConcernStatus,
  type MergeRecord,
  type GrievanceInterimRef,
  type GrievanceLetterRef,
  type GrievanceResolution,
  type Platform,
  type PolicySnapshot,
  type Reassignment,
  type Severity,
} from "../../core/index.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { ConcernCardModel, ConcernModel } from "../../generated/prisma/models.ts";
import { CLEAR_TEXT, type FieldCipher } from "../privacy/field-cipher.ts";

/** The columns holding what a person typed about a patient: sealed at rest (see FieldCipher). */
export const SEALED_CONCERN_COLUMNS = [
  "description",
  "patientReference",
  "patientInitials",
  "resolutionNote",
  "familyContact",
] as const;
type SealedColumn = (typeof SEALED_CONCERN_COLUMNS)[number];
/** The additional data binding a sealed value to its row and column: moved elsewhere, it will not open. */
export const sealedWhere = (column: SealedColumn, concernId: string) => `Concern.${column}:${concernId}`;

/**
 * Free text inside JSON columns (a patient update's note, a reassignment's reason, a grievance's
 * resolution words): each string is sealed in place, so the JSON keeps its shape and its dates.
 * A column holding a list (mergedFrom) has each entry's keys sealed.
 */
export const SEALED_JSON_TEXT = {
  lastPatientUpdate: ["note"],
  satisfaction: ["comment"],
  grievanceResolution: ["contactPerson", "investigationSteps", "results"],
  reassignedFrom: ["reason"],
  mergedInto: ["reason"],
  mergedFrom: ["reason"],
} as const satisfies Partial<Record<keyof ConcernModel, readonly string[]>>;
type SealedJsonColumn = keyof typeof SEALED_JSON_TEXT;
export const SEALED_JSON_COLUMNS = Object.keys(SEALED_JSON_TEXT) as SealedJsonColumn[];
export const sealedJsonWhere = (column: SealedJsonColumn, key: string, concernId: string) =>
  `Concern.${column}.${key}:${concernId}`;

/** A JSON column's value with `f` applied to each of its free-text strings (sealing or opening them). */
export function mapJsonText(
  column: SealedJsonColumn,
  value: unknown,
  concernId: string,
  f: (text: string, where: string) => string,
): unknown {
  if (Array.isArray(value)) return value.map((entry) => mapJsonText(column, entry, concernId, f));
  if (value === null || typeof value !== "object") return value;
  const mapped: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key of SEALED_JSON_TEXT[column]) {
    const text = mapped[key];
    if (typeof text === "string") mapped[key] = f(text, sealedJsonWhere(column, key, concernId));
  }
  return mapped;
}

function mapJsonColumns<T extends Partial<Record<SealedJsonColumn, unknown>>>(
  row: T,
  id: string,
  f: (text: string, where: string) => string,
): T {
  const mapped: Record<string, unknown> = { ...row };
  for (const column of SEALED_JSON_COLUMNS) mapped[column] = mapJsonText(column, row[column], id, f);
  return mapped as T;
}

function sealColumns<T extends Partial<Record<SealedColumn, unknown>>>(
  row: T,
  id: string,
  cipher: FieldCipher,
): T {
  const sealed: Record<string, unknown> = { ...row };
  for (const column of SEALED_CONCERN_COLUMNS) {
    const value = row[column];
    if (typeof value === "string") sealed[column] = cipher.seal(value, sealedWhere(column, id));
  }
  return sealed as T;
}

const orUndefined = <T>(v: T | null): T | undefined => (v === null ? undefined : v);
const json = (v: unknown) => v as Prisma.InputJsonValue;

type ReassignmentJson = Omit<Reassignment, "at"> & { at: string };
const reassignmentJson = (r: Reassignment): ReassignmentJson => ({ ...r, at: r.at.toISOString() });
function toReassignment(value: unknown): Reassignment | undefined {
  if (value === null || value === undefined) return undefined;
  const r = value as ReassignmentJson;
  return { ...r, fromDepartment: asDepartmentId(r.fromDepartment), at: new Date(r.at) };
}

type LetterJson = Omit<GrievanceLetterRef, "producedAt" | "sent"> & {
  producedAt: string;
  sent?: Omit<NonNullable<GrievanceLetterRef["sent"]>, "at"> & { at: string };
};
function letterJson({ sent, ...l }: GrievanceLetterRef): LetterJson {
  return {
    ...l,
    producedAt: l.producedAt.toISOString(),
    ...(sent ? { sent: { ...sent, at: sent.at.toISOString() } } : {}),
  };
}
function toLetter(value: unknown): GrievanceLetterRef | undefined {
  if (value === null || value === undefined) return undefined;
  const l = value as LetterJson;
  return {
    ...l,
    producedAt: new Date(l.producedAt),
    ...(l.sent ? { sent: { ...l.sent, at: new Date(l.sent.at) } } : {}),
  } as GrievanceLetterRef;
}

/** A record stamped with when it was made (`at`), as JSON: the date as ISO text. */
const stampJson = <T extends { at: Date }>(r: T) => ({ ...r, at: r.at.toISOString() });
function toStamped(value: unknown): ({ at: Date } & Record<string, unknown>) | undefined {
  if (value === null || value === undefined) return undefined;
  const r = value as { at: string } & Record<string, unknown>;
  return { ...r, at: new Date(r.at) };
}
const interimJson = (i: GrievanceInterimRef) => stampJson(i);
const invitationJson = (i: SurveyInvitationRef) => ({
  ...stampJson(i),
  expiresAt: i.expiresAt.toISOString(),
});
function toInvitation(value: unknown): SurveyInvitationRef | undefined {
  const r = toStamped(value);
  return r ? ({ ...r, expiresAt: new Date(r.expiresAt as string) } as SurveyInvitationRef) : undefined;
}
const toInterim = (value: unknown) => toStamped(value) as GrievanceInterimRef | undefined;

type LinkJson = Omit<ConcernLink, "raisedAt"> & { raisedAt: string };
const linkJson = (l: ConcernLink): LinkJson => ({ ...l, raisedAt: l.raisedAt.toISOString() });
const toLink = (l: LinkJson): ConcernLink => ({
  ...l,
  id: asConcernId(l.id),
  raisedAt: new Date(l.raisedAt),
});
const linksJson = (links: readonly ConcernLink[] | undefined) => (links?.length ? links.map(linkJson) : null);
function toLinks(value: unknown): ConcernLink[] | undefined {
  return Array.isArray(value) && value.length > 0 ? (value as LinkJson[]).map(toLink) : undefined;
}

type MergeJson = Omit<MergeRecord, "concern" | "at"> & { concern: LinkJson; at: string };
const mergeJson = (m: MergeRecord): MergeJson => ({
  ...m,
  concern: linkJson(m.concern),
  at: m.at.toISOString(),
});
const toMerge = (m: MergeJson): MergeRecord => ({ ...m, concern: toLink(m.concern), at: new Date(m.at) });
const mergesJson = (merges: readonly MergeRecord[] | undefined) =>
  merges?.length ? merges.map(mergeJson) : null;
function toMerges(value: unknown): MergeRecord[] | undefined {
  return Array.isArray(value) && value.length > 0 ? (value as MergeJson[]).map(toMerge) : undefined;
}

/** The JSON columns of a concern's repeat links and merges (null when there are none). */
function repeatColumns(c: Concern) {
  return {
    repeatOf: linksJson(c.repeatOf),
    repeatedBy: linksJson(c.repeatedBy),
    mergedInto: c.mergedInto ? mergeJson(c.mergedInto) : null,
    mergedFrom: mergesJson(c.mergedFrom),
  };
}

const dbJson = (v: unknown) => (v === null ? Prisma.DbNull : json(v));

/** Concern columns as Prisma writes them; shared by insert and compare-and-set update. */
export function toConcernRow(c: Concern): Omit<Prisma.ConcernUncheckedCreateInput, "id"> {
  return {
    reference: c.reference,
    reporterKey: c.reporter.key,
    reporterName: c.reporter.displayName,
    reporterPlatform: c.reporter.platform,
    unit: c.unit,
    room: c.room,
    patientReference: c.patientReference ?? null,
    patientInitials: c.patientInitials ?? null,
    category: c.category,
    severity: c.severity,
    description: c.description,
    isGrievance: c.isGrievance,
    grievanceCandidate: c.grievanceCandidate ?? false,
    familyContact: c.familyContact ?? null,
    departmentId: c.departmentId,
    ownerKey: c.owner?.key ?? null,
    ownerName: c.owner?.displayName ?? null,
    ownerPlatform: c.owner?.platform ?? null,
    status: c.status,
    policy: json(c.policy),
    acknowledgeBy: c.acknowledgeBy,
    resolveBy: c.resolveBy,
    grievanceNoticeBy: c.grievanceNoticeBy ?? null,
    acknowledgedAt: c.acknowledgedAt ?? null,
    acknowledgedBy: c.acknowledgedBy ? json(c.acknowledgedBy) : Prisma.DbNull,
    resolvedAt: c.resolvedAt ?? null,
    resolvedBy: c.resolvedBy ? json(c.resolvedBy) : Prisma.DbNull,
    resolutionNote: c.resolutionNote ?? null,
    escalationLevel: c.escalation.level,
    escalationStepsFired: c.escalation.stepsFired,
    lastEscalatedAt: c.escalation.lastEscalatedAt ?? null,
    lastEscalatedBy: c.escalation.lastEscalatedBy ? json(c.escalation.lastEscalatedBy) : Prisma.DbNull,
    reassignedFrom: c.reassignedFrom ? json(reassignmentJson(c.reassignedFrom)) : Prisma.DbNull,
    grievanceResolution: c.grievanceResolution ? json(c.grievanceResolution) : Prisma.DbNull,
    grievanceLetter: c.grievanceLetter ? json(letterJson(c.grievanceLetter)) : Prisma.DbNull,
    grievanceInterim: c.grievanceInterim ? json(interimJson(c.grievanceInterim)) : Prisma.DbNull,
    qioReferral: c.qioReferral ? json(stampJson(c.qioReferral)) : Prisma.DbNull,
    satisfaction: c.satisfaction ? json(stampJson(c.satisfaction)) : Prisma.DbNull,
    surveyInvitation: c.surveyInvitation ? json(invitationJson(c.surveyInvitation)) : Prisma.DbNull,
    repeatKey: c.repeatKey ?? null,
    ...Object.fromEntries(Object.entries(repeatColumns(c)).map(([k, v]) => [k, dbJson(v)])),
    grievanceRemindedAt: c.escalation.grievanceRemindedAt ?? null,
    grievanceEscalatedAt: c.escalation.grievanceEscalatedAt ?? null,
    patientUpdateBy: c.patientUpdateBy ?? null,
    lastPatientUpdate: c.lastPatientUpdate ? json(stampJson(c.lastPatientUpdate)) : Prisma.DbNull,
    patientUpdateRemindedAt: c.escalation.patientUpdateRemindedAt ?? null,
    patientUpdateEscalatedAt: c.escalation.patientUpdateEscalatedAt ?? null,
    detailsPurgedAt: c.detailsPurgedAt ?? null,
    nextDueAt: c.nextDueAt ?? null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    version: c.version,
  };
}

/**
 * A concern as one JSON object keyed by column, for the statements that write many rows at once
 * (json_populate_recordset): the same columns as `toConcernRow`, with SQL NULL as JSON null.
 */
export function toConcernRecord(c: Concern, cipher: FieldCipher = CLEAR_TEXT): Record<string, unknown> {
  return mapJsonColumns(jsonRecord(c, cipher), c.id, (text, where) => cipher.seal(text, where));
}

function jsonRecord(c: Concern, cipher: FieldCipher): Record<string, unknown> {
  return {
    ...sealColumns(toConcernRow(c), c.id, cipher),
    id: c.id,
    acknowledgedBy: c.acknowledgedBy ?? null,
    resolvedBy: c.resolvedBy ?? null,
    lastEscalatedBy: c.escalation.lastEscalatedBy ?? null,
    reassignedFrom: c.reassignedFrom ? reassignmentJson(c.reassignedFrom) : null,
    grievanceResolution: c.grievanceResolution ?? null,
    grievanceLetter: c.grievanceLetter ? letterJson(c.grievanceLetter) : null,
    grievanceInterim: c.grievanceInterim ? interimJson(c.grievanceInterim) : null,
    qioReferral: c.qioReferral ? stampJson(c.qioReferral) : null,
    satisfaction: c.satisfaction ? stampJson(c.satisfaction) : null,
    surveyInvitation: c.surveyInvitation ? invitationJson(c.surveyInvitation) : null,
    lastPatientUpdate: c.lastPatientUpdate ? stampJson(c.lastPatientUpdate) : null,
    ...repeatColumns(c),
  };
}

export function toCardLocation(row: ConcernCardModel): CardLocation {
  return {
    platform: row.platform as Platform,
    departmentId: asDepartmentId(row.departmentId),
    channelId: row.channelId,
    messageId: row.messageId,
    state: row.state as CardLocation["state"],
  };
}

export function toConcern(
  sealedRow: ConcernModel & { cards: ConcernCardModel[] },
  cipher: FieldCipher = CLEAR_TEXT,
): Concern {
  const row = openColumns(sealedRow, cipher);
  return {
    id: asConcernId(row.id),
    reference: row.reference,
    reporter: {
      key: row.reporterKey,
      displayName: row.reporterName,
      platform: row.reporterPlatform as ActorRef["platform"],
    },
    unit: row.unit,
    room: row.room,
    patientReference: orUndefined(row.patientReference),
    ...(row.patientInitials ? { patientInitials: row.patientInitials } : {}),
    category: asCategoryId(row.category),
    severity: row.severity as Severity,
    description: row.description,
    isGrievance: row.isGrievance,
    ...(row.grievanceCandidate ? { grievanceCandidate: true as const } : {}),
    ...(row.familyContact ? { familyContact: row.familyContact } : {}),
    departmentId: asDepartmentId(row.departmentId),
    owner: row.ownerKey
      ? {
          key: row.ownerKey,
          displayName: row.ownerName ?? "",
          platform: row.ownerPlatform as ActorRef["platform"],
        }
      : undefined,
    status: row.status as ConcernStatus,
    policy: row.policy as unknown as PolicySnapshot,
    acknowledgeBy: row.acknowledgeBy,
    resolveBy: row.resolveBy,
    grievanceNoticeBy: orUndefined(row.grievanceNoticeBy),
    acknowledgedAt: orUndefined(row.acknowledgedAt),
    acknowledgedBy: orUndefined(row.acknowledgedBy as ActorRef | null),
    resolvedAt: orUndefined(row.resolvedAt),
    resolvedBy: orUndefined(row.resolvedBy as ActorRef | null),
    resolutionNote: orUndefined(row.resolutionNote),
    escalation: {
      level: row.escalationLevel,
      stepsFired: row.escalationStepsFired,
      lastEscalatedAt: orUndefined(row.lastEscalatedAt),
      lastEscalatedBy: orUndefined(row.lastEscalatedBy as ActorRef | null),
      grievanceRemindedAt: orUndefined(row.grievanceRemindedAt),
      grievanceEscalatedAt: orUndefined(row.grievanceEscalatedAt),
      patientUpdateRemindedAt: orUndefined(row.patientUpdateRemindedAt),
      patientUpdateEscalatedAt: orUndefined(row.patientUpdateEscalatedAt),
    },
    patientUpdateBy: orUndefined(row.patientUpdateBy),
    lastPatientUpdate: toStamped(row.lastPatientUpdate) as Concern["lastPatientUpdate"],
    reassignedFrom: toReassignment(row.reassignedFrom),
    grievanceResolution: orUndefined(row.grievanceResolution as GrievanceResolution | null),
    grievanceLetter: toLetter(row.grievanceLetter),
    grievanceInterim: toInterim(row.grievanceInterim),
    qioReferral: toStamped(row.qioReferral) as Concern["qioReferral"],
    satisfaction: toStamped(row.satisfaction) as Concern["satisfaction"],
    surveyInvitation: toInvitation(row.surveyInvitation),
    repeatKey: orUndefined(row.repeatKey),
    repeatOf: toLinks(row.repeatOf),
    repeatedBy: toLinks(row.repeatedBy),
    mergedInto: row.mergedInto ? toMerge(row.mergedInto as unknown as MergeJson) : undefined,
    mergedFrom: toMerges(row.mergedFrom),
    ...(row.detailsPurgedAt ? { detailsPurgedAt: row.detailsPurgedAt } : {}),
    nextDueAt: orUndefined(row.nextDueAt),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
    cards: row.cards.map(toCardLocation),
  };
}

function openColumns<T extends ConcernModel>(row: T, cipher: FieldCipher): T {
  const opened: Record<string, unknown> = mapJsonColumns(row, row.id, (text, where) =>
    cipher.open(text, where),
  );
  for (const column of SEALED_CONCERN_COLUMNS) {
    const value = row[column];
    if (typeof value === "string") opened[column] = cipher.open(value, sealedWhere(column, row.id));
  }
  return opened as T;
}
