import {
  NOTE_MAX_LENGTH,
  pastDateError,
  type FormErrors,
  type FormField,
  type FormValues,
} from "./action-form.ts";
import type { ActionInputSpec } from "./card-action-specs.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import type { IdentifiedActor } from "../concern/identify-actor.ts";
import { localDate } from "../escalation/business-time.ts";
import { unprintableError } from "../grievance/printable-text.ts";
import {
  isLetterLanguage,
  LETTER_LANGUAGES,
  type GrievanceResolution,
} from "../grievance/grievance-notice.ts";

/** The longest contact line a letter prints ("Pat Liaison, Patient Relations, (217) 555-0100"). */
const CONTACT_MAX_LENGTH = 200;

export const MISSING_NOTE = "Please enter a resolution note: this concern is a grievance.";

/** What each of a grievance's four elements says when it is missing, in the form's own words. */
export const MISSING_ELEMENT = {
  contact: "Please enter the hospital contact person the patient can reach about this grievance.",
  steps: "Please enter the steps taken to investigate the grievance.",
  results: "Please enter the results of the grievance process.",
  completedOn: "Please choose the date the grievance process was completed.",
  language: "Please choose the language of the letter.",
} as const;

const text = (
  id: FormField["id"],
  label: string,
  multiline: boolean,
  max: number,
  hint?: string,
): Extract<FormField, { kind: "text" }> => ({
  kind: "text",
  id,
  label,
  required: true,
  multiline,
  maxLength: max,
  missing: MISSING_ELEMENT[id as keyof typeof MISSING_ELEMENT],
  ...(hint ? { hint } : {}),
});

/** The grievance's written notice asks for its four elements and the letter's language. */
const GRIEVANCE_FIELDS: FormField[] = [
  {
    ...text(
      "contact",
      "Hospital contact person",
      false,
      CONTACT_MAX_LENGTH,
      "The written notice names these four elements (42 CFR 482.13(a)(2)(iii)); Liaison drafts the letter for you to review.",
    ),
    holdsStaffName: true,
  },
  text("steps", "Steps taken to investigate", true, NOTE_MAX_LENGTH),
  text("results", "Results of the grievance process", true, NOTE_MAX_LENGTH),
  { kind: "date", id: "completedOn", label: "Date of completion", missing: MISSING_ELEMENT.completedOn },
  {
    kind: "choice",
    id: "language",
    label: "Language of the letter",
    placeholder: "Choose a language",
    missing: MISSING_ELEMENT.language,
    options: Object.entries(LETTER_LANGUAGES).map(([value, label]) => ({ value, label })),
  },
];

const NOTE_FIELD: FormField = {
  kind: "text",
  id: "text",
  label: "Resolution note",
  required: false,
  multiline: true,
  maxLength: NOTE_MAX_LENGTH,
};

/** The hospital contact a letter names by default: the liaison acting, else the hospital's first liaison. */
export function contactDefault(directory: DirectoryIndex, actor: IdentifiedActor): string {
  const liaison =
    actor.person?.role === "liaison"
      ? actor.person
      : directory.directory.people.find((p) => p.role === "liaison");
  return liaison?.name ?? "";
}

/** Every element present, no text too long, the date real and not after today; or what is wrong. */
function readResolution(
  values: FormValues,
  today: string,
): { resolution: GrievanceResolution } | { errors: FormErrors } {
  const errors: FormErrors = {};
  const typed = (id: "contact" | "steps" | "results", max: number) => {
    const value = values[id]?.trim() ?? "";
    if (!value) errors[id] = MISSING_ELEMENT[id];
    else if (value.length > max) errors[id] = `This is ${value.length} characters; the limit is ${max}.`;
    else {
      const unprintable = unprintableError(value);
      if (unprintable) errors[id] = unprintable;
    }
    return value;
  };
  const contactPerson = typed("contact", CONTACT_MAX_LENGTH);
  const investigationSteps = typed("steps", NOTE_MAX_LENGTH);
  const results = typed("results", NOTE_MAX_LENGTH);
  const completedOn = values.completedOn?.trim() ?? "";
  const badDate = pastDateError(
    completedOn,
    today,
    MISSING_ELEMENT.completedOn,
    "The date of completion cannot be after today.",
  );
  if (badDate) errors.completedOn = badDate;
  const language = values.language?.trim() ?? "";
  if (!isLetterLanguage(language)) errors.language = MISSING_ELEMENT.language;
  if (Object.keys(errors).length > 0 || !isLetterLanguage(language)) return { errors };
  return { resolution: { contactPerson, investigationSteps, results, completedOn, language } };
}

/**
 * Resolve: an optional note; for a grievance, the four elements of its written notice, every one
 * required, from which Liaison drafts the letter. The contact defaults to the liaison resolving it
 * (else the hospital's first liaison), the date to today, the language to English.
 */
export const resolveInput: ActionInputSpec = {
  title: "Resolve concern",
  submitLabel: "Resolve",
  fields: (subject) => (subject.isGrievance ? GRIEVANCE_FIELDS : [NOTE_FIELD]),
  defaults: (concern, directory, actor, now) => {
    if (!concern.isGrievance) return {};
    const today = localDate(now, directory.hospital.timeZone);
    return { contact: contactDefault(directory, actor), completedOn: today, language: "en" };
  },
  read: (values, subject, _directory, today) => {
    if (!subject.isGrievance)
      return { action: { type: "resolve", resolutionNote: values.text?.trim() || undefined } };
    const reading = readResolution(values, today);
    if ("errors" in reading) return reading;
    const grievance = reading.resolution;
    return { action: { type: "resolve", resolutionNote: grievance.results, grievance } };
  },
};
