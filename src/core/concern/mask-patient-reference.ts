import type { PatientReferenceMasking } from "../directory/directory.ts";

/**
 * What a channel card may show of a patient reference: only its last few characters, never the whole
 * (a full MRN in a channel is a privacy incident). Short references are hidden entirely.
 */
export function maskPatientReference(
  reference: string | undefined,
  masking: PatientReferenceMasking,
): string {
  const value = (reference ?? "").trim();
  if (value.length === 0) return "—";
  const visible = masking.visibleTrailingCharacters;
  // Showing most of a short reference would reveal it: keep at least twice as many characters hidden.
  if (visible === 0 || value.length < visible * 3) return "•••";
  return `•••${value.slice(-visible)}`;
}
