import type { ActorRef, Concern } from "../concern/concern.ts";
import { sanitizeText } from "../concern/sanitize-text.ts";
import type { FamilyConcernSettings, FamilyLanguage } from "../directory/directory.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import { selectPolicy } from "../escalation/select-policy.ts";
import { raiseConcernFrom } from "../use-cases/raise-concern.ts";
import type { LiaisonContext } from "../use-cases/liaison-context.ts";

/** Long enough for a worried paragraph, short enough to read on a card at a glance. */
export const FAMILY_DESCRIPTION_MAX = 2000;
/** A name and a phone number or two. */
export const FAMILY_CONTACT_MAX = 200;

/** What the family page's form holds, as typed. */
export interface FamilyForm {
  description: string;
  contact: string;
}

/** What may be wrong with it; the page says each in the visitor's language. */
export type FamilyFormProblem = "description-missing" | "description-too-long" | "contact-too-long";

/** The form's words, cleaned for storage and trimmed; and what is wrong with them, field by field. */
export function checkFamilyForm(typed: Partial<FamilyForm>): {
  form: FamilyForm;
  problems: Partial<Record<keyof FamilyForm, FamilyFormProblem>>;
} {
  const form = {
    description: sanitizeText(typed.description ?? "").trim(),
    contact: sanitizeText(typed.contact ?? "").trim(),
  };
  const problems: Partial<Record<keyof FamilyForm, FamilyFormProblem>> = {};
  if (!form.description) problems.description = "description-missing";
  else if (form.description.length > FAMILY_DESCRIPTION_MAX) problems.description = "description-too-long";
  if (form.contact.length > FAMILY_CONTACT_MAX) problems.contact = "contact-too-long";
  return { form, problems };
}

/** The family page's settings when the hospital has turned it on; otherwise undefined. */
export function familyConcernsOn(directory: DirectoryIndex): FamilyConcernSettings | undefined {
  const settings = directory.hospital.familyConcerns;
  return settings?.enabled ? settings : undefined;
}

/** A room as its QR code names it, and what the trail records of the sending. */
export interface FamilySubmission {
  unit: string;
  room: string;
  form: FamilyForm;
  language: FamilyLanguage;
  /** Which secret signed the room's code (so a rotation can be traced). */
  keyId: string;
  /** A keyed hash of the sender's address: enough to see a pattern, never the address. */
  from: string;
}

/** The room is the reporter: the same key for every visit from it, and no person's name. */
export const familyReporter = (unit: string, room: string): ActorRef => ({
  key: `family:${unit}:${room}`,
  displayName: "Patient or family (room code)",
  platform: "api",
});

/**
 * Raises a concern a patient or family member sent, like any other: routed by the hospital's family
 * category and the room's unit, at the severity the hospital chose, and marked a grievance candidate
 * (CMS counts a patient's complaint that staff cannot resolve promptly as a grievance: staff decide).
 */
export async function raiseFamilyConcern(ctx: LiaisonContext, sent: FamilySubmission): Promise<Concern> {
  const settings = familyConcernsOn(ctx.directory());
  if (!settings) throw new Error("the family page is not turned on in the directory");
  return raiseConcernFrom(
    ctx,
    {
      unit: sent.unit,
      room: sent.room,
      category: settings.category,
      severity: settings.severity,
      description: sent.form.description,
    },
    {
      actor: familyReporter(sent.unit, sent.room),
      family: {
        contact: sent.form.contact || undefined,
        trail: {
          keyId: sent.keyId,
          language: sent.language,
          contactLeft: sent.form.contact !== "",
          from: sent.from,
        },
      },
    },
  );
}

/** How soon someone should answer a family's concern: the acknowledge deadline of its policy, in minutes. */
export function familyAnswerWithinMinutes(
  directory: DirectoryIndex,
  settings: FamilyConcernSettings,
): number {
  return selectPolicy(directory.directory, settings.severity, settings.category).acknowledgeWithinMinutes;
}
