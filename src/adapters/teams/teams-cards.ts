import { readFileSync } from "node:fs";
// The package root's types pull in adaptivecards' .ts sources; the engine module is the same Template.
import { Template } from "adaptivecards-templating/lib/template-engine.js";
import type { Attachment } from "botbuilder";
import { CardFactory } from "botbuilder";
import {
  type ActionForm,
  type CardState,
  type CardView,
  type ConcernDraftInput,
  type DigestContent,
  type DetailsView,
  type DirectoryIndex,
  type IdentifierWarning,
  ALL_CLEAR,
  cardsMayShowInitials,
  digestHeading,
  digestItemLine,
  moreDepartments,
  moreItems,
  parkedNote,
  unfilledDutiesNote,
} from "../../core/index.ts";
import { identifierWarningData } from "./teams-identifier-warning.ts";
import { SUBMIT_SUFFIX, TEAMS_VERBS, teamsButtons } from "./teams-verbs.ts";

export type CardJson = Record<string, unknown> & { body?: unknown[] };

const TEMPLATES = new URL("../../../adaptive-cards/", import.meta.url);
const cache = new Map<string, Template>();

/**
 * A false `$when` on an object-valued property (concern-card's `refresh` without user ids) leaves the
 * key with `null`, which the Adaptive Cards schema rejects: such keys are dropped, at any depth.
 */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}

/** Expands one of the card templates in adaptive-cards/ with its data (see adaptive-cards/README.md). */
export function expandCard(name: string, data: Record<string, unknown>): CardJson {
  let template = cache.get(name);
  if (!template) {
    template = new Template(JSON.parse(readFileSync(new URL(`${name}.json`, TEMPLATES), "utf8")));
    cache.set(name, template);
  }
  return withoutNulls(template.expand({ $root: data })) as CardJson;
}

/** A line shown only to the person who clicked (the invoke's answer): "already acknowledged by …". */
export function withNotice(card: CardJson, notice: string | undefined): CardJson {
  if (!notice) return card;
  return {
    ...card,
    body: [
      // A notice may name a person ("already acknowledged by …"): a TextRun, which Teams never reads as Markdown.
      {
        type: "RichTextBlock",
        inlines: [{ type: "TextRun", text: notice, color: "attention", weight: "bolder" }],
      },
      ...(card.body ?? []),
    ],
  };
}

/**
 * The state's band on a Teams card: a container style, whose light backgrounds keep the default text
 * readable (text colours such as "warning" and "good" are 1.5:1 and 2:1 on white in Teams' light theme).
 */
const STATE_STYLE: Readonly<Record<CardState, string>> = {
  open: "accent",
  reopened: "accent",
  acknowledged: "accent",
  escalated: "warning",
  overdue: "attention",
  resolved: "good",
  moved: "emphasis",
  merged: "emphasis",
};

/** "Written notice (PDF)" as a button: "Open written notice (PDF)". */
const openTitle = (title = "Letter (PDF)") => `Open ${title.charAt(0).toLowerCase()}${title.slice(1)}`;

/** The details container's data: always given (a missing key would print "${x}"), shown only with details. */
const detailsData = (details: DetailsView | undefined) => ({
  shown: details !== undefined,
  patientReference: details?.patientReference ?? "",
  patientInitials: details?.patientInitials ?? "",
  description: details?.description ?? "",
  recordedLine: details?.recordedLine ?? "",
});

/** A concern's card; with `details`, the answer to "Show details", which only its presser sees. */
export function concernCard(view: CardView, notice?: string, details?: DetailsView): CardJson {
  // Absent lines are given as "": the template engine would print a missing "${x}" literally.
  const data = {
    ...view,
    patient: view.patient ?? "",
    patientLabel: view.patientLabel ?? "",
    descriptionHint: view.descriptionHint ?? "",
    reassignedLine: view.reassignedLine ?? "",
    resolutionLine: view.resolutionLine ?? "",
    noticeLine: view.noticeLine ?? "",
    qioLine: view.qioLine ?? "",
    satisfactionLine: view.satisfactionLine ?? "",
    patientUpdateLine: view.patientUpdateLine ?? "",
    repeatLine: view.repeatLine ?? "",
    mergeLine: view.mergeLine ?? "",
    familyLine: view.familyLine ?? "",
    letterUrl: view.letterUrl ?? "",
    letterTitle: openTitle(view.letterTitle),
    escalationLine: view.escalationLine ?? "",
    grievanceLine: view.grievanceLine ?? "",
    movedTo: view.movedTo ?? "",
    stateStyle: STATE_STYLE[view.state],
    ...teamsButtons(view.actions),
    details: detailsData(details),
    userIds: [],
  };
  return withNotice(expandCard("concern-card", data), notice);
}

export function concernFormCard(
  directory: DirectoryIndex,
  values: ConcernDraftInput,
  errors: Readonly<Record<string, string>> = {},
  identifiers?: IdentifierWarning,
): CardJson {
  return expandCard("concern-form", {
    warning: identifierWarningData(identifiers),
    // With units in the directory the unit is chosen from a list Teams filters as one types.
    units: directory.directory.units.map((u) => ({ title: u.name, value: u.id })),
    categories: directory.directory.categories.map((c) => ({ title: c.label, value: c.id })),
    // Asked only where some card may show them: initials nobody sees are not collected.
    askInitials: cardsMayShowInitials(directory),
    values: { ...values, grievance: values.grievance ? "true" : "false" },
    errors,
  });
}

/**
 * An action's form (resolve, add note, reopen, reassign) as an input card; the button sends the
 * action's verb plus ".submit". Every key the template reads is given, empty when absent: the engine
 * would otherwise print "${hint}" literally.
 */
export function actionFormCard(form: ActionForm): CardJson {
  return expandCard("action-form", {
    title: form.title,
    reference: form.subject.reference,
    concernId: form.subject.id,
    verb: `${TEAMS_VERBS[form.action].verb}${SUBMIT_SUFFIX}`,
    submitTitle: form.submitLabel,
    formError: form.errors.form ?? "",
    warning: identifierWarningData(form.identifiers),
    fields: form.fields.map((field) => ({
      kind: field.kind,
      id: field.id,
      // Teams marks required inputs but not optional ones; Slack adds "(optional)" itself.
      label: field.kind === "text" && !field.required ? `${field.label} (optional)` : field.label,
      required: field.kind !== "text" || field.required,
      multiline: field.kind === "text" && field.multiline,
      maxLength: field.kind === "text" ? field.maxLength : 0,
      placeholder: field.kind === "choice" ? field.placeholder : "",
      missing: field.missing ?? "",
      hint: (field.kind !== "choice" && field.hint) || "",
      error: form.errors[field.id] ?? "",
      value: form.values[field.id] ?? "",
      choices: field.kind === "choice" ? field.options.map((o) => ({ title: o.label, value: o.value })) : [],
    })),
  });
}

export function messageCard(text: string, concern?: CardView, link?: string): CardJson {
  return expandCard("message-card", {
    text,
    ...(concern
      ? {
          concern: {
            title: concern.title,
            category: concern.category,
            department: concern.department,
            unit: concern.unit,
            room: concern.room,
            statusLine: concern.statusLine,
          },
        }
      : {}),
    ...(link ? { link } : {}),
  });
}

/** Departments and items a Teams digest shows: a card must stay under 28 KB; the rest are counted. */
const DIGEST_DEPARTMENTS_SHOWN = 5;
const DIGEST_ITEMS_SHOWN = 8;

/** The digest-card template's data: every word from the core's digest text, links where known. */
export function digestCardData(digest: DigestContent, linkFor: (concernId: string) => string | undefined) {
  const withItems = digest.departments.filter((d) => d.items.length > 0);
  const hidden = withItems.length - DIGEST_DEPARTMENTS_SHOWN;
  return {
    heading: digestHeading(digest),
    recipientName: digest.recipientName,
    allClear: withItems.length === 0,
    allClearText: ALL_CLEAR,
    departments: withItems.slice(0, DIGEST_DEPARTMENTS_SHOWN).map((d) => ({
      title: `${d.name} (${d.items.length})`,
      more: d.items.length > DIGEST_ITEMS_SHOWN ? moreItems(d.items.length - DIGEST_ITEMS_SHOWN) : "",
      items: d.items.slice(0, DIGEST_ITEMS_SHOWN).map((i) => {
        const link = linkFor(i.concernId);
        const item = { reference: i.reference, state: i.state, line: digestItemLine(i) };
        return link ? { ...item, link } : item;
      }),
    })),
    moreDepartments: hidden > 0 ? moreDepartments(hidden) : "",
    duties: digest.unfilledDuties?.length ? unfilledDutiesNote(digest.unfilledDuties) : "",
    parked: digest.parkedDeliveries > 0 ? parkedNote(digest.parkedDeliveries) : "",
  };
}

export function digestCard(
  digest: DigestContent,
  linkFor: (concernId: string) => string | undefined,
): CardJson {
  return expandCard("digest-card", digestCardData(digest, linkFor));
}

export const asAttachment = (card: CardJson): Attachment => CardFactory.adaptiveCard(card);

/** Teams deep link to a channel message (digests link to cards this way). */
export const teamsMessageLink = (channelId: string, messageId: string) =>
  `https://teams.microsoft.com/l/message/${encodeURIComponent(channelId)}/${messageId}`;
