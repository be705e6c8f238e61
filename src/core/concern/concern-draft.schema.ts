import { z } from "zod";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import { InvalidInputError } from "../errors.ts";
import { asCategoryId, type CategoryId } from "../ids.ts";
import { SEVERITIES, type Severity } from "./severity.ts";
import { unknownUnitMessage } from "../directory/unit-names.ts";
import { normalisePatientInitials, PATIENT_INITIALS_PROBLEM } from "./patient-initials.ts";

export const DESCRIPTION_MAX_LENGTH = 3000;

/** What a person typed to raise a concern, as any platform hands it over (all strings, maybe empty). */
export interface ConcernDraftInput {
  unit?: string;
  room?: string;
  patientReference?: string;
  patientInitials?: string;
  category?: string;
  severity?: string;
  description?: string;
  grievance?: boolean;
  /** Warned that the description may identify the patient, the reporter chose to post it as it is. */
  postAnyway?: boolean;
}

export interface ConcernDraft {
  unit: string;
  room: string;
  patientReference?: string;
  /** "JD": shown only where the directory lets cards show initials. */
  patientInitials?: string;
  category: CategoryId;
  severity: Severity;
  description: string;
  grievance: boolean;
}

/** A required text field, its messages in the words of the form's label ("Unit", "What happened"). */
const text = (missing: string, named: string, max: number) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(max, `${named} is too long: at most ${max} characters.`);

const capitalised = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/**
 * With units in the directory, a unit is one of them, however it was spelled ("4 West", "4-west"), and
 * the concern stores its id; an unknown one is refused with the nearest names, never sent to the
 * fallback department by chance. Without units it is the text as typed.
 */
function unitField(directory: DirectoryIndex) {
  const typed = text("Please enter the unit.", "The unit", 40);
  const units = directory.directory.units;
  if (units.length === 0) return typed;
  return typed.transform((value, ctx) => {
    const unit = directory.unitFor(value);
    if (unit) return unit.id as string;
    ctx.addIssue({ code: "custom", message: unknownUnitMessage(units, value) });
    return z.NEVER;
  });
}

/** Ids such as an encounter or account number; a name in a chat channel would be a privacy incident. */
const PATIENT_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9-]{1,39}$/;

function buildSchema(directory: DirectoryIndex) {
  const categoryIds = directory.directory.categories.map((c) => c.id as string);
  // People see the categories' labels in the form's list, never their ids.
  const categoryLabels = directory.directory.categories.map((c) => c.label);
  return z.object({
    unit: unitField(directory),
    room: text("Please enter the room or bed.", "The room or bed", 20),
    patientReference: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine((v) => v === undefined || PATIENT_REFERENCE.test(v), {
        message:
          "Use an encounter or account number (letters, digits and dashes, no spaces), not the patient's name.",
      }),
    patientInitials: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        if (!v) return undefined;
        const initials = normalisePatientInitials(v);
        if (!initials) ctx.addIssue({ code: "custom", message: PATIENT_INITIALS_PROBLEM });
        return initials;
      }),
    category: z.string({ error: "Please choose a category." }).refine((v) => categoryIds.includes(v), {
      message: `Please choose one of: ${categoryLabels.join(", ")}.`,
    }),
    severity: z.enum(SEVERITIES, {
      error: `Please choose a severity: ${SEVERITIES.map(capitalised).join(", ")}.`,
    }),
    description: text("Please describe what happened.", "What happened", DESCRIPTION_MAX_LENGTH),
    grievance: z.boolean().optional().default(false),
  });
}

// Building the schema costs more than a parse: build it once per loaded directory.
const schemas = new WeakMap<DirectoryIndex, ReturnType<typeof buildSchema>>();

function schemaFor(directory: DirectoryIndex) {
  let schema = schemas.get(directory);
  if (!schema) {
    schema = buildSchema(directory);
    schemas.set(directory, schema);
  }
  return schema;
}

/**
 * Validates a draft against the directory. All field errors come back at once, keyed by field, so a
 * form can show each next to its input and keep everything the person typed.
 */
export function parseConcernDraft(directory: DirectoryIndex, input: ConcernDraftInput): ConcernDraft {
  const result = schemaFor(directory).safeParse(input);
  if (!result.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? "form");
      fieldErrors[field] ??= issue.message;
    }
    throw new InvalidInputError(fieldErrors);
  }
  const category = asCategoryId(result.data.category);
  // Abuse, rights, safety and privacy concerns are grievances whether or not the box was ticked.
  const grievance = result.data.grievance || (directory.category(category)?.grievance ?? false);
  return { ...result.data, category, grievance };
}
