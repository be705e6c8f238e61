import type { Concern, ConcernLink } from "../concern/concern.ts";

/** How a match key is made from its text: one-way (SHA-256 in infra), so the key reveals nothing. */
export type MatchKeyHash = (text: string) => string;

/** A room or a patient reference as matching compares it: no outer or inner spaces, any case. */
export const normaliseForMatch = (text: string) => text.replace(/\s+/g, "").toUpperCase();

/**
 * The text a concern's repeat key is hashed from: unit, room and patient reference, normalised.
 * Without a patient reference there is none: a room alone could be another patient since.
 */
export function repeatKeyText(place: { unit: string; room: string; patientReference?: string }) {
  const reference = normaliseForMatch(place.patientReference ?? "");
  if (reference.length === 0) return undefined;
  return [place.unit.trim().toUpperCase(), normaliseForMatch(place.room), reference].join("|");
}

/** The earliest raise time a new concern raised at `now` still links to; undefined when matching is off. */
export function repeatWindowStart(now: Date, windowDays: number): Date | undefined {
  if (windowDays <= 0) return undefined;
  return new Date(now.getTime() - windowDays * 24 * 60 * 60_000);
}

/** How a card names another concern. */
export const linkTo = (concern: Pick<Concern, "id" | "reference" | "createdAt">): ConcernLink => ({
  id: concern.id,
  reference: concern.reference,
  raisedAt: concern.createdAt,
});

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st, 22nd, 101st, 111th. */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  const suffix = { 1: "st", 2: "nd", 3: "rd" }[n % 10] ?? "th";
  return `${n}${suffix}`;
}

/** How many references a card lists before "+N more". */
export const LISTED_LINKS = 3;

/** "PR-2026-00031, PR-2026-00032, PR-2026-00033 +2 more". */
export function listedReferences(links: readonly ConcernLink[]): string {
  const shown = links.slice(0, LISTED_LINKS).map((l) => l.reference);
  const more = links.length - shown.length;
  return more > 0 ? `${shown.join(", ")} +${more} more` : shown.join(", ");
}

/**
 * The card's repeat line: "2nd concern this stay: PR-2026-00031" on a repeat, and on a concern raised
 * again since, "raised again: PR-2026-00033".
 */
export function repeatLine(concern: Pick<Concern, "repeatOf" | "repeatedBy">): string | undefined {
  const earlier = concern.repeatOf ?? [];
  const later = concern.repeatedBy ?? [];
  const parts = [
    ...(earlier.length > 0
      ? [`${ordinal(earlier.length + 1)} concern this stay: ${listedReferences(earlier)}`]
      : []),
    ...(later.length > 0
      ? [`${earlier.length > 0 ? "raised" : "Raised"} again: ${listedReferences(later)}`]
      : []),
  ];
  return parts.length > 0 ? parts.join("; ") : undefined;
}

/**
 * The concerns this one may be merged into: those linked to it either way, less those already merged
 * into it (a concern merged elsewhere is refused by name when chosen, so the person learns where it went).
 */
export function mergeCandidates(
  concern: Pick<Concern, "repeatOf" | "repeatedBy" | "mergedFrom">,
): ConcernLink[] {
  const merged = new Set((concern.mergedFrom ?? []).map((m) => m.concern.id));
  return [...(concern.repeatOf ?? []), ...(concern.repeatedBy ?? [])].filter((l) => !merged.has(l.id));
}
