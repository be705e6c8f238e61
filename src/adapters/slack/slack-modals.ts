import { z } from "zod";
import type { Concern } from "../../core/concern.ts";
import { DESCRIPTION_MAX_LENGTH, type ConcernDraftInput } from "../../core/concern-draft.schema.ts";
import { NOTE_MAX_LENGTH } from "../../core/concern-state-machine.ts";
import type { DirectoryIndex } from "../../core/directory-index.ts";
import { SEVERITIES } from "../../core/severity.ts";
import { BLOCK_KIT, plain, truncate } from "./block-kit-limits.ts";
import type { InputBlock, ModalView } from "@slack/types";
import { ownMrkdwn } from "./slack-text.ts";

export const CONCERN_MODAL = "liaison_concern";
export const TEXT_MODALS = {
  resolve: "liaison_resolve_modal",
  "add-note": "liaison_note_modal",
  reopen: "liaison_reopen_modal",
} as const;
export const REASSIGN_MODAL = "liaison_reassign_modal";

/** What a text modal carries between opening and submitting: the concern, and whether text is required. */
export interface TextModalMetadata {
  concernId: string;
  required: boolean;
}
export const textModalMetadata = z.object({ concernId: z.string(), required: z.boolean() });

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

/** The /concern form, pre-filled with whatever the person already typed. */
export function concernModal(
  directory: DirectoryIndex,
  initial: ConcernDraftInput,
  privateMetadata: string,
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
      textInput("unit", "Unit", { initial: initial.unit, max: 40, placeholder: "4W" }),
      textInput("room", "Room / bed", { initial: initial.room, max: 20, placeholder: "412-B" }),
      textInput("patientReference", "Patient reference", {
        initial: initial.patientReference,
        max: 40,
        optional: true,
        hint: "Encounter or account number only, never a name. Cards show just its last characters.",
      }),
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

const TEXT_MODAL_COPY = {
  resolve: { title: "Resolve concern", submit: "Resolve", label: "Resolution note" },
  "add-note": { title: "Add a note", submit: "Add note", label: "Note" },
  reopen: { title: "Reopen concern", submit: "Reopen", label: "Why is it being reopened?" },
} as const;

/** A one-field modal for resolve (note required for grievances), add note and reopen. */
export function textModal(
  kind: keyof typeof TEXT_MODALS,
  concern: Concern,
): ModalView & { private_metadata: string } {
  const copy = TEXT_MODAL_COPY[kind];
  const optional = kind === "resolve" && !concern.isGrievance;
  return {
    type: "modal",
    callback_id: TEXT_MODALS[kind],
    private_metadata: concern.id,
    title: plain(copy.title, BLOCK_KIT.modalTitle),
    submit: plain(copy.submit, BLOCK_KIT.modalButton),
    close: plain("Cancel", BLOCK_KIT.modalButton),
    blocks: [
      { type: "section", text: ownMrkdwn(`*${concern.reference}*`) },
      textInput("text", copy.label, {
        multiline: true,
        max: NOTE_MAX_LENGTH,
        optional,
        hint:
          kind === "resolve" && concern.isGrievance ? "Required: this concern is a grievance." : undefined,
      }),
    ],
  };
}

export function reassignModal(
  directory: DirectoryIndex,
  concern: Concern,
): ModalView & { private_metadata: string } {
  const departments = directory.directory.departments
    .filter((d) => d.id !== concern.departmentId)
    .slice(0, BLOCK_KIT.optionsPerSelect)
    .map((d) => option(d.id, d.name));
  return {
    type: "modal",
    callback_id: REASSIGN_MODAL,
    private_metadata: concern.id,
    title: plain("Reassign concern", BLOCK_KIT.modalTitle),
    submit: plain("Reassign", BLOCK_KIT.modalButton),
    close: plain("Cancel", BLOCK_KIT.modalButton),
    blocks: [
      { type: "section", text: ownMrkdwn(`*${concern.reference}*`) },
      {
        type: "input",
        block_id: "department",
        label: plain("New department", 2000),
        element: { type: "static_select", action_id: "value", options: departments },
      },
      textInput("reason", "Reason", { multiline: true, max: NOTE_MAX_LENGTH, optional: true }),
    ],
  };
}
