import type { Concern } from "../concern/concern.ts";

/** A concern with what was typed about its patient removed, and how many details that took away. */
export interface DetailsRemoved {
  concern: Concern;
  detailsRemoved: number;
}

const filled = (value: unknown) => typeof value === "string" && value.length > 0;

/** The record without one of its optional keys (absent, not undefined: the stores drop undefined). */
function without<T extends object>(record: T, key: keyof T): T {
  const rest = { ...record };
  delete rest[key];
  return rest;
}

/**
 * What the retention policy leaves of a resolved concern: its shape (status, times, category, unit,
 * room, department, owner, clocks, links) without the description, the patient's reference and
 * initials, and the notes, reasons and words people typed. Required texts become empty; optional ones go. The repeat
 * key goes too: it was derived from the patient reference.
 */
export function removePatientDetails(c: Concern, at: Date): DetailsRemoved {
  const texts = [
    c.description,
    c.patientReference,
    c.patientInitials,
    c.resolutionNote,
    c.familyContact,
    c.repeatKey,
    c.lastPatientUpdate?.note,
    c.satisfaction?.comment,
    c.grievanceResolution?.contactPerson,
    c.grievanceResolution?.investigationSteps,
    c.grievanceResolution?.results,
    c.reassignedFrom?.reason,
    c.mergedInto?.reason,
    ...(c.mergedFrom ?? []).map((m) => m.reason),
  ];
  const {
    patientReference: _p,
    patientInitials: _i,
    resolutionNote: _r,
    familyContact: _f,
    repeatKey: _k,
    ...kept
  } = c;
  const concern: Concern = {
    ...kept,
    description: "",
    ...(c.lastPatientUpdate ? { lastPatientUpdate: { ...c.lastPatientUpdate, note: "" } } : {}),
    ...(c.satisfaction ? { satisfaction: without(c.satisfaction, "comment") } : {}),
    ...(c.grievanceResolution
      ? {
          grievanceResolution: {
            ...c.grievanceResolution,
            contactPerson: "",
            investigationSteps: "",
            results: "",
          },
        }
      : {}),
    ...(c.reassignedFrom ? { reassignedFrom: without(c.reassignedFrom, "reason") } : {}),
    ...(c.mergedInto ? { mergedInto: without(c.mergedInto, "reason") } : {}),
    ...(c.mergedFrom ? { mergedFrom: c.mergedFrom.map((m) => without(m, "reason")) } : {}),
    detailsPurgedAt: at,
    updatedAt: at,
    version: c.version + 1,
  };
  return { concern, detailsRemoved: texts.filter(filled).length };
}
