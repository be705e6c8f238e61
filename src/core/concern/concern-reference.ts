/** Human references such as PR-2026-00042: prefix, the hospital-local year, a yearly sequence. */
export function formatConcernReference(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(5, "0")}`;
}

const REFERENCE = /^([A-Z]{1,6})-(\d{4})-(\d{5,})$/;

export function looksLikeConcernReference(text: string): boolean {
  return REFERENCE.test(text.trim().toUpperCase());
}
