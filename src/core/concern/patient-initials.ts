/**
 * A patient's initials as staff type them ("J.D.", "j d", "J-D") and as they are kept: the letters
 * alone, capitals ("JD"). More than three letters is a name, not initials, and is refused.
 */
export const PATIENT_INITIALS_MAX = 3;

/** Letters of any alphabet (José → J, Łukasz → Ł), once dots, spaces and dashes between them are gone. */
const INITIALS = new RegExp(`^\\p{L}{1,${PATIENT_INITIALS_MAX}}$`, "u");

/** The initials to keep, or undefined when what was typed is not 1 to 3 letters. */
export function normalisePatientInitials(typed: string): string | undefined {
  const letters = typed.replace(/[\s.\-–]/g, "").toLocaleUpperCase("en-US");
  return INITIALS.test(letters) ? letters : undefined;
}

export const PATIENT_INITIALS_PROBLEM =
  "Give the patient's initials only: 1 to 3 letters, like J.D. (never the name).";
