import { z } from "zod";
import {
  type ActionForm,
  cardsMayShowInitials,
  type ConcernDraftInput,
  DESCRIPTION_MAX_LENGTH,
  type DirectoryIndex,
  type FormField,
  type FormSubject,
  type FormValues,
  type IdentifierWarning,
  SEVERITIES,
  type Unit,
} from "../../core/index.ts";
import { BLOCK_KIT, plain, truncate } from "./block-kit-limits.ts";
import type { InputBlock, ModalView } from "@slack/types";
import { literalContext, ownMrkdwn } from "./slack-text.ts";
import { identifierWarningBlocks } from "./slack-identifier-warning.ts";

export const CONCERN_MODAL = "liaison_concern";

/** What an action's modal carries between opening and submitting: the concern facts its form depends on. */
const actionModalMetadata = z.object({
  concernId: z.string(),
  reference: z.string().optional(),
  departmentId: z.string().optional(),
  isGrievance: z.boolean().optional(),
  /** Written by Liaison before 2026-12 (text modals): whether the text was required. */
  required: z.boolean().optional(),
});
type ActionModalMetadata = z.infer<typeof actionModalMetadata>;

/**
 * The concern a submitted modal is about. Modals opened by an earlier Liaison carried `{concernId,
 * required}` or, for reassign, the bare id: a person who opened one across an upgrade still submits it.
 */
export function modalSubject(privateMetadata: string): FormSubject | undefined {
  const parsed = actionModalMetadata.safeParse(parseJson(privateMetadata));
  if (!parsed.success) {
    return privateMetadata.length > 0 && !privateMetadata.startsWith("{")
      ? { id: privateMetadata, reference: "", departmentId: "", isGrievance: false }
      : undefined;
  }
  const m = parsed.data;
  return {
    id: m.concernId,
    reference: m.reference ?? "",
    departmentId: m.departmentId ?? "",
    isGrievance: m.isGrievance ?? m.required ?? false,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const option = (value: string, text: string) => ({ text: plain(text, BLOCK_KIT.optionText), value });

function textInput(
  blockId: string,
  label: string,
  opts: {
    initial?: string;
    multiline?: boolean;
    max: number;
    optional?: boolean;
    hint?: string;
    placeholder?: string;
  },
): InputBlock {
  return {
    type: "input",
    block_id: blockId,
    optional: opts.optional ?? false,
    label: plain(label, 2000),
    ...(opts.hint ? { hint: plain(opts.hint, 2000) } : {}),
    element: {
      type: "plain_text_input",
      action_id: "value",
      multiline: opts.multiline ?? false,
      max_length: opts.max,
      ...(opts.placeholder ? { placeholder: plain(opts.placeholder, 150) } : {}),
      // Slack refuses an initial value longer than max_length: never let that lose the whole form.
      ...(opts.initial ? { initial_value: truncate(opts.initial, opts.max) } : {}),
    },
  };
}

/**
 * The unit: a menu of the directory's units when it lists them (grouped by building past Slack's 100
 * options a menu may hold), else free text.
 */
function unitBlock(directory: DirectoryIndex, initial: string | undefined): InputBlock {
  const units = directory.directory.units;
  if (units.length === 0) return textInput("unit", "Unit", { initial, max: 40, placeholder: "4W" });
  const chosen = initial ? directory.unitFor(initial) : undefined;
  const initialOption = chosen ? { initial_option: option(chosen.id, chosen.name) } : {};
  const menu =
    units.length <= BLOCK_KIT.optionsPerSelect
      ? { options: units.map((u) => option(u.id, u.name)) }
      : { option_groups: unitGroups(units) };
  return {
    type: "input",
    block_id: "unit",
    label: plain("Unit", 2000),
    element: { type: "static_select", action_id: "value", ...menu, ...initialOption },
  };
}

function unitGroups(units: readonly Unit[]) {
  const byBuilding = new Map<string, Unit[]>();
  for (const u of units)
    byBuilding.set(u.building ?? "Other", [...(byBuilding.get(u.building ?? "Other") ?? []), u]);
  return [...byBuilding].slice(0, BLOCK_KIT.optionsPerSelect).map(([building, list]) => ({
    label: plain(building, BLOCK_KIT.optionText),
    options: list.slice(0, BLOCK_KIT.optionsPerSelect).map((u) => option(u.id, u.name)),
  }));
}

/** The patient's reference, and their initials where some card may show them (else never asked). */
function patientBlocks(directory: DirectoryIndex, initial: ConcernDraftInput): InputBlock[] {
  const reference = textInput("patientReference", "Patient reference", {
    initial: initial.patientReference,
    max: 40,
    optional: true,
    hint: "Encounter or account number only, never a name. Cards show at most its last characters.",
  });
  if (!cardsMayShowInitials(directory)) return [reference];
  const initials = textInput("patientInitials", "Patient initials", {
    initial: initial.patientInitials,
    max: 8,
    optional: true,
    placeholder: "J.D.",
    hint: "Initials only (1 to 3 letters), never the name. Cards show them where the hospital allows.",
  });
  return [reference, initials];
}

/**
 * The /concern form, pre-filled with whatever the person already typed; `problems` (a unit the words
 * named that the directory does not know) are said at the top, since Slack shows field errors only
 * after a submission.
 */
export function concernModal(
  directory: DirectoryIndex,
  initial: ConcernDraftInput,
  privateMetadata: string,
  problems: Partial<Record<"unit", string>> = {},
  identifiers?: IdentifierWarning,
): ModalView & { private_metadata: string } {
  const categories = directory.directory.categories
    .slice(0, BLOCK_KIT.optionsPerSelect)
    .map((c) => option(c.id, c.label));
  const initialCategory = categories.find((c) => c.value === initial.category);
  const severities = SEVERITIES.map((s) => option(s, s[0]!.toUpperCase() + s.slice(1)));
  const initialSeverity = severities.find((s) => s.value === initial.severity);
  const grievanceOption = option("grievance", "This is a grievance (42 CFR 482.13)");
  return {
    type: "modal",
    callback_id: CONCERN_MODAL,
    private_metadata: truncate(privateMetadata, BLOCK_KIT.privateMetadata),
    title: plain("Raise a concern", BLOCK_KIT.modalTitle),
    submit: plain("Raise", BLOCK_KIT.modalButton),
    close: plain("Cancel", BLOCK_KIT.modalButton),
    blocks: [
      ...(identifiers ? identifierWarningBlocks(identifiers) : []),
      ...(problems.unit ? [literalContext([`⚠️ ${problems.unit}`])] : []),
      unitBlock(directory, initial.unit),
      textInput("room", "Room / bed", { initial: initial.room, max: 20, placeholder: "412-B" }),
      ...patientBlocks(directory, initial),
      {
        type: "input",
        block_id: "category",
        label: plain("Category", 2000),
        element: {
          type: "static_select",
          action_id: "value",
          options: categories,
          ...(initialCategory ? { initial_option: initialCategory } : {}),
        },
      },
      {
        type: "input",
        block_id: "severity",
        label: plain("Severity", 2000),
        element: {
          type: "static_select",
          action_id: "value",
          options: severities,
          ...(initialSeverity ? { initial_option: initialSeverity } : {}),
        },
      },
      textInput("description", "What happened", {
        initial: initial.description,
        multiline: true,
        max: DESCRIPTION_MAX_LENGTH,
      }),
      {
        type: "input",
        block_id: "grievance",
        optional: true,
        label: plain("Grievance", 2000),
        element: {
          type: "checkboxes",
          action_id: "value",
          options: [grievanceOption],
          ...(initial.grievance ? { initial_options: [grievanceOption] } : {}),
        },
      },
    ],
  };
}

/** A form field as a Block Kit input; its block_id is the field's id, which the submission is read by. */
function fieldBlock(field: FormField, values: FormValues): InputBlock {
  const initial = values[field.id];
  switch (field.kind) {
    case "text":
      return textInput(field.id, field.label, {
        multiline: field.multiline,
        max: field.maxLength,
        optional: !field.required,
        hint: field.hint,
        initial,
      });
    case "date":
      return {
        type: "input",
        block_id: field.id,
        label: plain(field.label, 2000),
        ...(field.hint ? { hint: plain(field.hint, 2000) } : {}),
        element: {
          type: "datepicker",
          action_id: "value",
          ...(initial && ISO_DATE.test(initial) ? { initial_date: initial } : {}),
        },
      };
    case "choice": {
      const options = field.options.slice(0, BLOCK_KIT.optionsPerSelect).map((o) => option(o.value, o.label));
      const chosen = options.find((o) => o.value === initial);
      return {
        type: "input",
        block_id: field.id,
        label: plain(field.label, 2000),
        element: {
          type: "static_select",
          action_id: "value",
          placeholder: plain(field.placeholder, 150),
          options,
          ...(chosen ? { initial_option: chosen } : {}),
        },
      };
    }
  }
}

/** Slack refuses a datepicker whose initial_date is not YYYY-MM-DD. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The modal for an action's form (resolve, add note, reopen, reassign), rendered from the core's form. */
export function actionModal(form: ActionForm, callbackId: string): ModalView & { private_metadata: string } {
  const { subject } = form;
  return {
    type: "modal",
    callback_id: callbackId,
    private_metadata: JSON.stringify({
      concernId: subject.id,
      reference: subject.reference,
      departmentId: subject.departmentId,
      isGrievance: subject.isGrievance,
    } satisfies ActionModalMetadata),
    title: plain(form.title, BLOCK_KIT.modalTitle),
    submit: plain(form.submitLabel, BLOCK_KIT.modalButton),
    close: plain("Cancel", BLOCK_KIT.modalButton),
    blocks: [
      { type: "section", text: ownMrkdwn(`*${subject.reference}*`) },
      ...(form.identifiers ? identifierWarningBlocks(form.identifiers) : []),
      ...form.fields.map((field) => fieldBlock(field, form.values)),
    ],
  };
}
