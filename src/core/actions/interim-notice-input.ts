import { NOTE_MAX_LENGTH, type FormErrors, type FormField } from "./action-form.ts";
import type { ActionInputSpec } from "./card-action-specs.ts";
import { contactDefault } from "./resolve-input.ts";
import { defaultFollowUpBy } from "../escalation/compute-deadlines.ts";
import { isCalendarDate, localDate } from "../escalation/business-time.ts";
import { unprintableError } from "../grievance/printable-text.ts";
import {
  isLetterLanguage,
  isNoticeMethod,
  LETTER_LANGUAGES,
  NOTICE_METHODS,
} from "../grievance/grievance-notice.ts";

const MISSING = {
  contact: "Please enter the hospital contact person the patient can reach about this grievance.",
  progress: "Please enter what is being done to resolve the grievance.",
  followUpOn: "Please choose the date by which the patient will have the final response.",
  language: "Please choose the language of the letter.",
  method: "Please choose how the letter is sent.",
} as const;

const FIELDS: FormField[] = [
  {
    kind: "text",
    id: "contact",
    label: "Hospital contact person",
    holdsStaffName: true,
    required: true,
    multiline: false,
    maxLength: 200,
    missing: MISSING.contact,
    hint: "The interim notice tells the patient the grievance is still being worked on, and by when they will hear; Liaison drafts the letter.",
  },
  {
    kind: "text",
    id: "progress",
    label: "What is being done",
    required: true,
    multiline: true,
    maxLength: NOTE_MAX_LENGTH,
    missing: MISSING.progress,
  },
  { kind: "date", id: "followUpOn", label: "Final response by", missing: MISSING.followUpOn },
  {
    kind: "choice",
    id: "language",
    label: "Language of the letter",
    placeholder: "Choose a language",
    missing: MISSING.language,
    options: Object.entries(LETTER_LANGUAGES).map(([value, label]) => ({ value, label })),
  },
  {
    kind: "choice",
    id: "method",
    label: "Sent by",
    placeholder: "Choose how",
    missing: MISSING.method,
    options: Object.entries(NOTICE_METHODS).map(([value, label]) => ({ value, label })),
  },
];

/**
 * "Send interim notice": for a grievance that cannot be closed by its interim deadline. The follow-up
 * date defaults to the hospital's final-response clock (21 business days); it must be after today.
 */
export const interimNoticeInput: ActionInputSpec = {
  title: "Send interim notice",
  submitLabel: "Draft and record",
  fields: () => FIELDS,
  defaults: (concern, directory, actor, now) => ({
    contact: contactDefault(directory, actor),
    followUpOn: localDate(defaultFollowUpBy(concern.policy, now), directory.hospital.timeZone),
    language: "en",
  }),
  read: (values, _subject, _directory, today) => {
    const text = (id: "contact" | "progress") => values[id]?.trim() ?? "";
    const [contactPerson, progress] = [text("contact"), text("progress")];
    const followUpOn = values.followUpOn?.trim() ?? "";
    const language = values.language?.trim() ?? "";
    const method = values.method?.trim() ?? "";
    const errors: FormErrors = {};
    if (!contactPerson) errors.contact = MISSING.contact;
    else if (contactPerson.length > 200)
      errors.contact = `This is ${contactPerson.length} characters; the limit is 200.`;
    if (!progress) errors.progress = MISSING.progress;
    else if (progress.length > NOTE_MAX_LENGTH)
      errors.progress = `This is ${progress.length} characters; the limit is ${NOTE_MAX_LENGTH}.`;
    for (const [id, value] of [
      ["contact", contactPerson],
      ["progress", progress],
    ] as const) {
      const unprintable = errors[id] ? undefined : unprintableError(value);
      if (unprintable) errors[id] = unprintable;
    }
    if (!isCalendarDate(followUpOn)) errors.followUpOn = MISSING.followUpOn;
    else if (followUpOn <= today)
      errors.followUpOn = "The final response must be promised for a day after today.";
    if (!isLetterLanguage(language)) errors.language = MISSING.language;
    if (!isNoticeMethod(method)) errors.method = MISSING.method;
    if (Object.keys(errors).length > 0 || !isLetterLanguage(language) || !isNoticeMethod(method))
      return { errors };
    return {
      action: {
        type: "send-interim-notice",
        sentOn: today,
        interim: { contactPerson, progress, followUpOn, language, method },
      },
    };
  },
};
