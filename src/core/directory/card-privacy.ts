import type { DepartmentId } from "../ids.ts";
import type { DirectoryIndex } from "./directory-index.ts";

/**
 * What a card may show of the patient besides the room, from least to most revealing: nothing, the
 * last characters of the reference (meaningless without the record system), or the initials (which,
 * with the room, anyone on the unit recognises).
 */
export const PATIENT_ON_CARD = ["room-only", "room-and-masked-reference", "room-and-initials"] as const;
export type PatientOnCard = (typeof PATIENT_ON_CARD)[number];

/** How much of the description a card shows: all of it, its first characters, or only the category. */
export const DESCRIPTION_CARD_CHOICES = ["full", "first-characters", "category-only"] as const;
export type DescriptionOnCard =
  { show: "full" } | { show: "first-characters"; characters: number } | { show: "category-only" };

/** The bounds of a shortened description: fewer than 20 characters says nothing, more than 2000 hides nothing. */
export const DESCRIPTION_CHARACTERS = { min: 20, max: 2000 } as const;

/** What a card shows: the hospital sets it, a department (Behavioral Health, say) may show less or more. */
export interface CardPrivacy {
  patient: PatientOnCard;
  description: DescriptionOnCard;
}

/** Today's cards: the masked reference and the whole description. */
export const DEFAULT_CARD_PRIVACY: CardPrivacy = {
  patient: "room-and-masked-reference",
  description: { show: "full" },
};

/** A department's own choice, either part alone; the rest is the hospital's. */
export type CardPrivacyOverride = Partial<CardPrivacy>;

const patientRank = (level: PatientOnCard) => PATIENT_ON_CARD.indexOf(level);
const shownCharacters = (d: DescriptionOnCard) =>
  d.show === "full" ? Infinity : d.show === "first-characters" ? d.characters : 0;

function departmentPrivacy(directory: DirectoryIndex, id: DepartmentId): CardPrivacy {
  const own = directory.department(id)?.cardPrivacy;
  const hospital = directory.hospital.cardPrivacy;
  return { patient: own?.patient ?? hospital.patient, description: own?.description ?? hospital.description };
}

/**
 * The level a card follows when several departments have a say (the channel it is in, the concern's
 * department, the one it was last moved from): each part at the least any of them shows, so moving a
 * concern out of Behavioral Health does not post its description in full to the next channel.
 */
export function cardPrivacyFor(directory: DirectoryIndex, departments: readonly DepartmentId[]): CardPrivacy {
  const levels = [...new Set(departments)].map((id) => departmentPrivacy(directory, id));
  if (levels.length === 0) return directory.hospital.cardPrivacy;
  return levels.reduce((a, b) => ({
    patient: patientRank(b.patient) < patientRank(a.patient) ? b.patient : a.patient,
    description:
      shownCharacters(b.description) < shownCharacters(a.description) ? b.description : a.description,
  }));
}

/**
 * Whether any card may show initials: only then does the raise form ask for them, so a hospital that
 * never shows them never collects them.
 */
export function cardsMayShowInitials(directory: DirectoryIndex): boolean {
  const levels = [
    directory.hospital.cardPrivacy,
    ...directory.directory.departments.map((d) => d.cardPrivacy),
  ];
  return levels.some((level) => level?.patient === "room-and-initials");
}
