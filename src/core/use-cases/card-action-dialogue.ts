import {
  scannableTexts,
  type ActionForm,
  type FieldId,
  type FormErrors,
  type FormSubject,
  type FormValues,
} from "../actions/action-form.ts";
import { authorizeAction } from "../concern/authorize-action.ts";
import { localDate, localTime } from "../escalation/business-time.ts";
import type { CardAction } from "../actions/card-actions.ts";
import { CARD_ACTION_SPECS, type ActionInputSpec, type FormReading } from "../actions/card-action-specs.ts";
import { channelCardView, type CardView } from "../views/channel-card-view.ts";
import type { Concern } from "../concern/concern.ts";
import {
  alreadyDone,
  requireLegal,
  type ConcernAction,
  type TransitionOutcome,
} from "../concern/concern-state-machine.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import { InvalidInputError, LiaisonError, NotFoundError } from "../errors.ts";
import { parseConcernId, type ConcernId } from "../ids.ts";
import { identifyActor, type PlatformIdentity } from "../concern/identify-actor.ts";
import { CONCERN_GONE, notSavedReply, refusedReply, SOMETHING_WENT_WRONG } from "../actions/replies.ts";
import { actOnConcern, type ActOptions } from "./act-on-concern.ts";
import { findIdentifiers, overrideOf, type IdentifierOverride } from "../privacy/identifier-warning.ts";
import type { LiaisonContext } from "./liaison-context.ts";

/**
 * What a person sees after a click or a submitted form, neutral: each adapter renders it (a modal or an
 * input card; the card, or a line only they see; a message) and decides nothing itself.
 */
export type ActionReply =
  /** Asking for the action's input: the first click, or again with what is wrong and all that was typed. */
  | { kind: "form"; form: ActionForm }
  /** The concern as it is now; `changed` when this click changed it, `notice` a line for the clicker. */
  | { kind: "card"; view: CardView; changed: boolean; notice?: string }
  /** Nothing to show but words (the concern is gone, or the store could not be read). */
  | { kind: "message"; text: string };

const message = (text: string): ActionReply => ({ kind: "message", text });

/** The form for an action, as it should be shown: values typed so far and what is wrong with them. */
export function actionForm(
  directory: DirectoryIndex,
  action: CardAction,
  subject: FormSubject,
  values: FormValues = {},
  errors: FormErrors = {},
): ActionForm {
  const input = inputOf(action);
  return {
    action,
    subject,
    title: input.title,
    submitLabel: input.submitLabel,
    fields: input.fields(subject, directory),
    values,
    errors,
  };
}

/**
 * Checks a submitted form without the store (Slack must answer a submission within 3 s, with the
 * error next to its field): the core action to apply, or what to show.
 */
export function readActionForm(
  directory: DirectoryIndex,
  action: CardAction,
  subject: FormSubject,
  values: FormValues,
  now: Date,
): FormReading {
  return inputOf(action).read(values, subject, directory, localDate(now, directory.hospital.timeZone));
}

/** A submitted form read and scanned: the action to apply (with a warning posted anyway), or the form again. */
export type FormCheck =
  { action: ConcernAction; identifiersOverride?: IdentifierOverride } | { form: ActionForm };

/**
 * Everything checked of a submitted form before the store is read, in memory: its fields, then its
 * free text for likely identifiers. On a hit the form comes back with all that was typed and the
 * warning, until the text is edited clean or the person chooses "Post anyway" (postAnyway "yes").
 */
export function checkActionForm(
  ctx: LiaisonContext,
  action: CardAction,
  subject: FormSubject,
  values: FormValues,
): FormCheck {
  const directory = ctx.directory();
  const reading = readActionForm(directory, action, subject, values, ctx.clock.now());
  if ("errors" in reading) return { form: actionForm(directory, action, subject, values, reading.errors) };
  const form = actionForm(directory, action, subject, values);
  const warning = findIdentifiers(ctx.identifiers, scannableTexts(form.fields, values));
  if (!warning) return { action: reading.action };
  if (values.postAnyway !== "yes") return { form: { ...form, identifiers: warning } };
  return { action: reading.action, identifiersOverride: overrideOf(warning) };
}

/** The sentence that says a form was not saved and why, for surfaces that cannot show the form again. */
export function whyNotSaved(form: ActionForm): string {
  return form.errors.form ?? refusedReply(form.action, Object.values(form.errors).join(" "));
}

/** A button on a concern's card was pressed: act at once, or ask for what the action needs. */
export async function clickCardAction(
  ctx: LiaisonContext,
  rawConcernId: string,
  action: CardAction,
  who: PlatformIdentity,
): Promise<ActionReply> {
  const concernId = parseConcernId(rawConcernId);
  if (!concernId) return message(CONCERN_GONE);
  if (!CARD_ACTION_SPECS[action].input) return applyClick(ctx, concernId, action, who);
  try {
    const directory = ctx.directory();
    const concern = await ctx.concerns.findById(concernId);
    if (!concern) return message(CONCERN_GONE);
    const actor = identifyActor(directory, who);
    authorizeAction({ directory, groups: ctx.groups }, actor, concern, action);
    // A stale card may still show the button: say so now, not after the person has typed.
    const done = alreadyDone(concern, action);
    if (done?.kind === "already-done") return alreadyDoneReply(ctx, done);
    requireLegal(concern, action);
    const defaults = inputOf(action).defaults?.(concern, directory, actor, ctx.clock.now()) ?? {};
    return { kind: "form", form: actionForm(directory, action, concern, defaults) };
  } catch (error) {
    if (error instanceof LiaisonError) return refusedOnCard(ctx, concernId, error.message);
    ctx.logger.error({ err: error, action }, "could not open an action's form");
    return message(SOMETHING_WENT_WRONG);
  }
}

/** A form the person filled in was submitted: apply it, or give it back with what is wrong. */
export async function submitCardAction(
  ctx: LiaisonContext,
  rawConcernId: string,
  action: CardAction,
  values: FormValues,
  who: PlatformIdentity,
): Promise<ActionReply> {
  const concernId = parseConcernId(rawConcernId);
  if (!concernId) return message(CONCERN_GONE);
  const directory = ctx.directory();
  // Until the concern is read, the form is shown with what the platform gave back.
  let subject: FormSubject = { id: concernId, reference: "", departmentId: "", isGrievance: false };
  try {
    const concern = await ctx.concerns.findById(concernId);
    if (!concern) return message(CONCERN_GONE);
    subject = concern;
    const checked = checkActionForm(ctx, action, concern, values);
    if ("form" in checked) return { kind: "form", form: checked.form };
    return await applied(ctx, concernId, checked.action, who, {
      identifiersOverride: checked.identifiersOverride,
    });
  } catch (error) {
    return {
      kind: "form",
      form: actionForm(
        directory,
        action,
        subject,
        values,
        notSavedErrors(ctx, error, action, fieldsOf(directory, action, subject)),
      ),
    };
  }
}

/** The card as it is now, for a person who asked to see it (Teams' refresh). */
export async function showConcernCard(ctx: LiaisonContext, rawConcernId: string): Promise<ActionReply> {
  const concernId = parseConcernId(rawConcernId);
  if (!concernId) return message(CONCERN_GONE);
  try {
    const concern = await ctx.concerns.findById(concernId);
    return concern ? { kind: "card", view: viewOf(ctx, concern), changed: false } : message(CONCERN_GONE);
  } catch (error) {
    ctx.logger.error({ err: error }, "could not read a concern's card");
    return message(SOMETHING_WENT_WRONG);
  }
}

const fieldsOf = (directory: DirectoryIndex, action: CardAction, subject: FormSubject) =>
  inputOf(action)
    .fields(subject, directory)
    .map((f) => f.id);

function inputOf(action: CardAction): ActionInputSpec {
  const input = CARD_ACTION_SPECS[action].input;
  if (!input) throw new Error(`${action} asks for no input`);
  return input;
}

const viewOf = (ctx: LiaisonContext, concern: Concern) =>
  channelCardView(ctx.directory(), concern, ctx.clock.now());

async function applyClick(
  ctx: LiaisonContext,
  concernId: ConcernId,
  action: CardAction,
  who: PlatformIdentity,
): Promise<ActionReply> {
  try {
    return await applied(ctx, concernId, { type: action } as ConcernAction, who);
  } catch (error) {
    if (error instanceof NotFoundError) return message(CONCERN_GONE);
    if (error instanceof LiaisonError) {
      return refusedOnCard(ctx, concernId, refusedReply(action, error.message));
    }
    ctx.logger.error({ err: error, attempt: action }, "card action not saved");
    return message(notSavedReply(action));
  }
}

async function applied(
  ctx: LiaisonContext,
  concernId: ConcernId,
  action: ConcernAction,
  who: PlatformIdentity,
  options: ActOptions = {},
): Promise<ActionReply> {
  const outcome = await actOnConcern(ctx, concernId, action, who, options);
  if (outcome.kind === "changed") {
    // The link itself goes in a direct message; the clicker is told where to find it.
    const notice = outcome.survey
      ? "The survey link is in your direct messages with Liaison; give it (or its printed QR code) only to the patient."
      : undefined;
    return { kind: "card", view: viewOf(ctx, outcome.concern), changed: true, ...(notice ? { notice } : {}) };
  }
  return alreadyDoneReply(ctx, outcome);
}

function alreadyDoneReply(
  ctx: LiaisonContext,
  done: Extract<TransitionOutcome, { kind: "already-done" }>,
): ActionReply {
  const at = localTime(done.at, ctx.directory().hospital.timeZone);
  const notice = `${done.concern.reference} was already ${done.action}d by ${done.by.displayName} at ${at}.`;
  return { kind: "card", view: viewOf(ctx, done.concern), changed: false, notice };
}

/** A refusal is shown on the card as it is now; if the card cannot be read, in words alone. */
async function refusedOnCard(
  ctx: LiaisonContext,
  concernId: ConcernId,
  notice: string,
): Promise<ActionReply> {
  const concern = await ctx.concerns.findById(concernId).catch(() => undefined);
  return concern ? { kind: "card", view: viewOf(ctx, concern), changed: false, notice } : message(notice);
}

/**
 * Why a submitted form was not saved: a refusal the person can act on next to its field, anything else
 * (the store is down) for the whole form, saying plainly it was NOT saved.
 */
function notSavedErrors(
  ctx: LiaisonContext,
  error: unknown,
  action: CardAction,
  fields: readonly FieldId[],
): FormErrors {
  if (error instanceof InvalidInputError) {
    const entries = Object.entries(error.fieldErrors);
    // Next to the field it is about when the form has that field; otherwise next to its first field.
    if (entries.every(([key]) => fields.includes(key as FieldId))) return Object.fromEntries(entries);
    return { [fields[0] ?? "form"]: entries.map(([, text]) => text).join(" ") };
  }
  if (error instanceof NotFoundError) return { form: CONCERN_GONE };
  if (error instanceof LiaisonError) return { form: refusedReply(action, error.message) };
  ctx.logger.error({ err: error, attempt: action }, "card action not saved");
  return { form: notSavedReply(action) };
}
