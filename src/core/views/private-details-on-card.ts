import type { CardPrivacy, DescriptionOnCard } from "../directory/card-privacy.ts";
import type { PatientReferenceMasking } from "../directory/directory.ts";
import type { Concern } from "../concern/concern.ts";
import { maskPatientReference } from "../concern/mask-patient-reference.ts";

/**
 * The one place that decides what a card shows of the patient and of the description, at the
 * directory's level for the card: both platforms draw only what this leaves.
 */
export interface PrivateDetailsOnCard {
  /** "•••417" or "JD"; absent when the card shows the room only. */
  patient?: string;
  /** What the patient line is called: "Patient ref." or "Patient initials". */
  patientLabel?: string;
  /** The description, its first characters ending in "…", or "" when only the category is shown. */
  description: string;
  /** Said under a shortened or withheld description: the full text exists, for those allowed to read it. */
  descriptionHint?: string;
}

// Every card carries the "Show details" button (SHOW_DETAILS_LABEL), which is how permitted staff read it.
export const SHORTENED_HINT =
  "Shortened on cards: the full description is available to permitted staff (Show details).";
export const WITHHELD_HINT =
  "The description is not shown on cards: permitted staff can read it with Show details.";

function patientOnCard(concern: Concern, privacy: CardPrivacy, masking: PatientReferenceMasking) {
  switch (privacy.patient) {
    case "room-only":
      return {};
    case "room-and-masked-reference":
      return {
        patient: maskPatientReference(concern.patientReference, masking),
        patientLabel: "Patient ref.",
      };
    case "room-and-initials":
      // Without initials the card says the room only: the reference is not shown in their place.
      return concern.patientInitials
        ? { patient: concern.patientInitials, patientLabel: "Patient initials" }
        : {};
  }
}

/** A cut inside a word backs up to the word's start, unless that would lose more than half of what is kept. */
function firstCharacters(text: string, characters: number): string {
  const chars = Array.from(text); // code points: an emoji or accented letter is never cut in half
  let kept = chars.slice(0, characters).join("");
  const midWord = /\S/.test(chars[characters] ?? "") && /\S$/.test(kept);
  const lastSpace = kept.search(/\s\S*$/);
  if (midWord && lastSpace >= characters / 2) kept = kept.slice(0, lastSpace);
  return `${kept.replace(/[\s,;:.–-]+$/u, "")}…`;
}

function descriptionOnCard(description: string, shown: DescriptionOnCard) {
  switch (shown.show) {
    case "full":
      return { description };
    case "first-characters":
      return Array.from(description).length <= shown.characters
        ? { description }
        : { description: firstCharacters(description, shown.characters), descriptionHint: SHORTENED_HINT };
    case "category-only":
      return { description: "", descriptionHint: WITHHELD_HINT };
  }
}

export function privateDetailsOnCard(
  concern: Concern,
  privacy: CardPrivacy,
  masking: PatientReferenceMasking,
): PrivateDetailsOnCard {
  return {
    ...patientOnCard(concern, privacy, masking),
    ...descriptionOnCard(concern.description, privacy.description),
  };
}
