import {
  NOTE_MAX_LENGTH,
  optionalReasonField,
  type FormErrors,
  type FormField,
  type FormSubject,
  type FormValues,
} from "./action-form.ts";
import type { CardAction } from "./card-actions.ts";
import type { ConcernAction } from "../concern/concern-state-machine.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import { asDepartmentId } from "../ids.ts";
import type { IdentifiedActor } from "../concern/identify-actor.ts";
import type { Concern } from "../concern/concern.ts";
import { MISSING_NOTE, resolveInput } from "./resolve-input.ts";
import { noticeSentInput } from "./notice-sent-input.ts";
import { interimNoticeInput } from "./interim-notice-input.ts";
import { qioReferralInput } from "./qio-referral-input.ts";
import { satisfactionInput } from "./satisfaction-input.ts";
import { patientUpdateInput } from "./patient-update-input.ts";
import { mergeInput } from "./merge-input.ts";

/** What reading a submitted form gives: the core action to apply, or what to show next to which field. */
export type FormReading = { action: ConcernAction } | { errors: FormErrors };

/** The input an action asks for before it is applied, and how what was typed becomes the action. */
export interface ActionInputSpec {
  title: string;
  submitLabel: string;
  fields(subject: FormSubject, directory: DirectoryIndex): FormField[];
  /** What the form shows before anything is typed (the liaison as contact, today's date). */
  defaults?(concern: Concern, directory: DirectoryIndex, actor: IdentifiedActor, now: Date): FormValues;
  /** `today` is the hospital's date, "YYYY-MM-DD": no form may claim a day that has not come. */
  read(values: FormValues, subject: FormSubject, directory: DirectoryIndex, today: string): FormReading;
}

/** Everything about one card action both platforms show; adapters render it and decide nothing. */
export interface CardActionSpec {
  label: string;
  style?: "primary" | "danger";
  /** Asked before the click counts, where the platform has a confirm dialog (Slack; Adaptive Cards have none). */
  confirm?: { title: string; text: string; confirm: string; deny: string };
  /** Less used: where a platform has an overflow menu (Teams' "…"), it goes there, so the rest fit. */
  secondary?: boolean;
  /** Absent: the click itself is the action. */
  input?: ActionInputSpec;
}

/** What the person is asked for when a required text is empty; the state machine says the same. */
export const MISSING_TEXT = {
  resolve: MISSING_NOTE,
  reopen: "Please enter why it is being reopened.",
  "add-note": "Please enter a note.",
} as const;

const CHOOSE_DEPARTMENT = "Please choose the department to reassign to.";

/** One required free-text input (a reopening's reason, a note). */
function textInput(
  action: "reopen" | "add-note",
  copy: { title: string; submitLabel: string; label: string },
  toAction: (text: string) => ConcernAction,
): ActionInputSpec {
  const field: FormField = {
    kind: "text",
    id: "text",
    label: copy.label,
    required: true,
    multiline: true,
    maxLength: NOTE_MAX_LENGTH,
    missing: MISSING_TEXT[action],
  };
  return {
    title: copy.title,
    submitLabel: copy.submitLabel,
    fields: () => [field],
    read: (values) => {
      const text = values.text?.trim() ?? "";
      if (text.length === 0) return { errors: { text: MISSING_TEXT[action] } };
      return { action: toAction(text) };
    },
  };
}

const reassignInput: ActionInputSpec = {
  title: "Reassign concern",
  submitLabel: "Reassign",
  fields: (subject, directory) => [
    {
      kind: "choice",
      id: "department",
      label: "New department",
      placeholder: "Choose a department",
      missing: CHOOSE_DEPARTMENT,
      options: directory.directory.departments
        .filter((d) => d.id !== subject.departmentId)
        .map((d) => ({ value: d.id, label: d.name })),
    },
    optionalReasonField(),
  ],
  read: (values, _subject, directory) => {
    const chosen = values.department?.trim();
    const department = chosen ? directory.department(asDepartmentId(chosen)) : undefined;
    if (!department) return { errors: { department: CHOOSE_DEPARTMENT } };
    const reason = values.reason?.trim() || undefined;
    return {
      action: { type: "reassign", toDepartment: department.id, toDepartmentName: department.name, reason },
    };
  },
};

/**
 * The one table of card actions: adding a button is an entry here (and its transition in the state
 * machine); both platforms' buttons, modals, input cards and replies are rendered from it.
 */
export const CARD_ACTION_SPECS: Readonly<Record<CardAction, CardActionSpec>> = {
  acknowledge: { label: "Acknowledge", style: "primary" },
  reopen: {
    label: "Reopen",
    input: textInput(
      "reopen",
      { title: "Reopen concern", submitLabel: "Reopen", label: "Why is it being reopened?" },
      (reason) => ({ type: "reopen", reason }),
    ),
  },
  resolve: { label: "Resolve", input: resolveInput },
  "record-patient-update": { label: "Patient/family updated", input: patientUpdateInput },
  "mark-notice-sent": { label: "Mark notice sent", style: "primary", input: noticeSentInput },
  "send-interim-notice": { label: "Send interim notice", secondary: true, input: interimNoticeInput },
  "record-qio-referral": { label: "Referred to QIO", secondary: true, input: qioReferralInput },
  "record-satisfaction": { label: "Record satisfaction", secondary: true, input: satisfactionInput },
  // The click is the action: the link comes in a direct message only the clicker sees.
  "send-survey-link": { label: "Send survey link", secondary: true },
  reassign: { label: "Reassign", secondary: true, input: reassignInput },
  merge: { label: "Merge into…", secondary: true, input: mergeInput },
  escalate: {
    label: "Escalate now",
    style: "danger",
    confirm: {
      title: "Escalate now?",
      text: "The next level of the escalation ladder will be messaged now.",
      confirm: "Escalate",
      deny: "Cancel",
    },
  },
  "add-note": {
    label: "Add note",
    secondary: true,
    input: textInput("add-note", { title: "Add a note", submitLabel: "Add note", label: "Note" }, (text) => ({
      type: "add-note",
      text,
    })),
  },
};
