import type { CardAction } from "./card-actions.ts";
import type { Concern } from "../concern/concern.ts";
import { isCalendarDate } from "../escalation/business-time.ts";
import type { IdentifierWarning, TypedText } from "../privacy/identifier-warning.ts";

/** The longest note, reason or resolution a person may type (both platforms' inputs say so too). */
export const NOTE_MAX_LENGTH = 3000;

/** Every input any action's form has; a submission is read by these ids on both platforms. */
export const FIELD_IDS = [
  "text",
  "department",
  "reason",
  "contact",
  "steps",
  "results",
  "completedOn",
  "language",
  "method",
  "sentOn",
  "progress",
  "followUpOn",
  "referredOn",
  "rating",
  "comment",
  "askedHow",
  "note",
  "into",
  // "yes" when the person was warned of likely identifiers and chose "Post anyway".
  "postAnyway",
] as const;
export type FieldId = (typeof FIELD_IDS)[number];

/** One input of an action's form, neutral: each platform renders it as its own control. */
export type FormField =
  | {
      kind: "text";
      id: FieldId;
      label: string;
      required: boolean;
      /** Several lines (a note, the steps taken); one line for a name. */
      multiline: boolean;
      /** A line under the field, in Liaison's words ("Required: this concern is a grievance."). */
      hint?: string;
      /** What to say when a required field is left empty (a client that checks before sending says it). */
      missing?: string;
      maxLength: number;
      /** Meant for a staff member's name (a letter's contact person): not scanned for patient identifiers. */
      holdsStaffName?: true;
    }
  | {
      /** One of a list (the department to reassign to, the letter's language); always required. */
      kind: "choice";
      id: FieldId;
      label: string;
      placeholder: string;
      missing: string;
      options: readonly { value: string; label: string }[];
    }
  | {
      /** A calendar date, "YYYY-MM-DD" in the hospital's zone; always required. */
      kind: "date";
      id: FieldId;
      label: string;
      hint?: string;
      missing: string;
    };

/** An optional reason for what is being done (a reassignment, a merge), with a line under it if given. */
export const optionalReasonField = (hint?: string): FormField => ({
  kind: "text",
  id: "reason",
  label: "Reason",
  required: false,
  multiline: true,
  maxLength: NOTE_MAX_LENGTH,
  ...(hint ? { hint } : {}),
});

/** What the person typed or chose, by field id; given back whenever the form is shown again. */
export type FormValues = Partial<Record<FieldId, string>>;

/** What is wrong, by field, or `form` for the whole submission (it could not be saved). */
export type FormErrors = Partial<Record<FieldId | "form", string>>;

/**
 * The facts about a concern its action forms depend on. A stored Concern fits; so does what a platform
 * carried back with a submitted form (Slack's private_metadata), so a form can be checked without the store.
 */
export interface FormSubject {
  id: string;
  reference: string;
  departmentId: string;
  isGrievance: boolean;
  /** The concerns it is linked to as a repeat, for "Merge into…" (absent where a platform carried none back). */
  repeatOf?: Concern["repeatOf"];
  repeatedBy?: Concern["repeatedBy"];
  mergedFrom?: Concern["mergedFrom"];
}

/** An action's form as a person should see it now: the fields, what they typed, what is wrong. */
export interface ActionForm {
  action: CardAction;
  subject: FormSubject;
  title: string;
  submitLabel: string;
  fields: readonly FormField[];
  values: FormValues;
  errors: FormErrors;
  /** What was typed may identify the patient: shown highlighted, with "Edit" and "Post anyway". */
  identifiers?: IdentifierWarning;
}

/**
 * What is wrong with a date field that records something already done (a letter sent, a referral, a
 * completion): missing or not on the calendar, or after `today` (the hospital's "YYYY-MM-DD").
 */
export function pastDateError(
  text: string,
  today: string,
  missing: string,
  afterToday: string,
): string | undefined {
  if (!isCalendarDate(text)) return missing;
  return text > today ? afterToday : undefined;
}

/** The free text of a submitted form a patient's identifiers could be in, as typed. */
export function scannableTexts(fields: readonly FormField[], values: FormValues): TypedText[] {
  return fields.flatMap((field) => {
    const text = values[field.id]?.trim() ?? "";
    if (field.kind !== "text" || field.holdsStaffName || text.length === 0) return [];
    return [{ field: field.id, label: field.label, text }];
  });
}

/** Whatever was typed into a form, as lines a person can copy back (empty fields left out). */
export function typedLines(form: Pick<ActionForm, "fields" | "values">): string[] {
  return form.fields.flatMap((field) => {
    const value = form.values[field.id]?.trim();
    if (!value) return [];
    if (field.kind === "choice") {
      return [field.options.find((o) => o.value === value)?.label ?? value];
    }
    return [value];
  });
}
