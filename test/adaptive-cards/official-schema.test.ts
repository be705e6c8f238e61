import { readdirSync, readFileSync } from "node:fs";
import type { Activity } from "botbuilder";
import { describe, expect, it, vi } from "vitest";
import {
  answerConcernCommand,
  channelCardView,
  clickCardAction,
  commandOfMessage,
  CONCERN_GONE,
  ALREADY_RECEIVED,
  concernSent,
  deliverOutbox,
  DEFAULT_DELIVERY_POLICY,
  IdentifiersFoundError,
  InvalidInputError,
  localTime,
  notSavedReply,
  queueDigest,
  raiseConcern,
  submitCardAction,
  sweepDueConcerns,
  type ActionReply,
  type CardView,
  type Concern,
  type ConcernDraftInput,
  type Delivery,
  type DigestContent,
  type PlatformIdentity,
} from "../../src/core/index.ts";
import { asPersonId, type CommandAnswer, type DepartmentId, localDate } from "../../src/core/index.ts";
import {
  actionFormCard,
  concernCard,
  concernFormCard,
  digestCard,
  expandCard,
  messageCard,
  teamsMessageLink,
} from "../../src/adapters/teams/teams-cards.ts";
import { commandActivity } from "../../src/adapters/teams/teams-replies.ts";
import { literalMessage } from "../../src/adapters/teams/teams-text.ts";
import {
  digestActivity,
  directMessageActivity,
  threadReplyActivity,
} from "../../src/adapters/teams/teams-notifier.ts";
import { adaptiveCardSchemaIssues } from "../support/adaptive-card-schema.ts";
import { teamsCardIssues } from "../support/teams-card-extension.ts";
import {
  cardBytes,
  checkAdaptiveCard,
  TEAMS_MAX_CARD_BYTES,
  TEAMS_MAX_VERSION,
} from "../support/adaptive-card-validation.ts";
import { coreContext, PAIN_DRAFT } from "../support/core-context.ts";
import { SLACK } from "../support/sample-directory.ts";

type Json = Record<string, unknown>;

/*
 * Every Teams card Liaison produces, drawn by the real adapter functions from what the core decided,
 * checked against the official Adaptive Cards 1.5 schema (test/support/adaptive-card-schema.ts).
 */

// --- the check itself ---------------------------------------------------------------------------------

const card = (body: unknown[], more: Json = {}): Json => ({
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
  type: "AdaptiveCard",
  version: "1.5",
  body,
  ...more,
});
const text = (more: Json = {}): Json => ({ type: "TextBlock", text: "Hello", ...more });

/** The chat commands' answers other than a report or a home (whose cards have builders of their own). */
function notReport(answer: CommandAnswer): Exclude<CommandAnswer, { kind: "report" | "home" | "export" }> {
  if (answer.kind === "report" || answer.kind === "home" || answer.kind === "export")
    throw new Error(`a ${answer.kind} was answered`);
  return answer;
}

describe("the official Adaptive Cards 1.5 schema check", () => {
  it("accepts a card using most of 1.5: containers, columns, tables, inputs, inlines, fallbacks, refresh", () => {
    const execute = { type: "Action.Execute", verb: "v", title: "Go", data: { a: 1 } };
    const everything = card(
      [
        text({ color: "Attention", size: "extraLarge", weight: "bolder", style: "heading", wrap: true }),
        {
          type: "RichTextBlock",
          inlines: [
            "plain",
            {
              type: "TextRun",
              text: "run",
              italic: true,
              selectAction: { type: "Action.OpenUrl", url: "https://x" },
            },
          ],
        },
        {
          type: "Container",
          style: "emphasis",
          bleed: true,
          selectAction: { type: "Action.Submit", data: "s" },
          items: [
            {
              type: "ColumnSet",
              columns: [
                { type: "Column", width: "auto", items: [text()] },
                { width: 2, items: [{ type: "Image", url: "https://x/y.png", size: "small" }] },
              ],
            },
          ],
        },
        {
          type: "Table",
          columns: [{ width: 1 }, { width: "50px" }],
          rows: [{ type: "TableRow", cells: [{ type: "TableCell", items: [text()] }, { items: [] }] }],
        },
        { type: "FactSet", facts: [{ title: "a", value: "b" }] },
        { type: "Input.Text", id: "t", label: "T", isRequired: true, errorMessage: "E", maxLength: 10 },
        { type: "Input.ChoiceSet", id: "c", choices: [{ title: "A", value: "a" }], style: "compact" },
        { type: "Input.Toggle", id: "g", title: "G", valueOn: "true", valueOff: "false" },
        { type: "Input.Number", id: "n", min: 0, max: 5, value: 1 },
        { type: "Input.Date", id: "d" },
        { type: "Input.Time", id: "h" },
        { type: "ActionSet", actions: [{ type: "Action.ToggleVisibility", targetElements: ["t"] }] },
        { type: "Media", sources: [{ mimeType: "video/mp4", url: "https://x/v.mp4" }] },
        { type: "ImageSet", images: [{ type: "Image", url: "https://x" }] },
        { ...text(), fallback: "drop", requires: { x: "1.0" } },
      ],
      {
        refresh: { action: execute, userIds: ["29:1"] },
        actions: [
          { ...execute, fallback: { type: "Action.Submit", title: "Go", data: { verb: "v" } } },
          { type: "Action.ShowCard", title: "More", card: { type: "AdaptiveCard", body: [text()] } },
        ],
        fallbackText: "hi",
      },
    );
    expect(adaptiveCardSchemaIssues(everything)).toEqual([]);
  });

  const BAD: [string, Json, string][] = [
    ["an unknown element", card([{ type: "Bogus" }]), '$.body[0]: "Bogus" is not an element'],
    ["an unknown property", card([text({ wrapp: true })]), '$.body[0]: TextBlock has no property "wrapp"'],
    [
      'a wrong enum value (color "red")',
      card([text({ color: "red" })]),
      '$.body[0].color: "red" is not a Colors',
    ],
    ["refresh: null", card([text()], { refresh: null }), "$.refresh: must be a Refresh object, got null"],
    [
      "a TextRun outside a RichTextBlock",
      card([{ type: "TextRun", text: "x" }]),
      '"TextRun" is not an element in Adaptive Cards 1.5 (allowed: ActionSet, ColumnSet, Container, FactSet, Image, ImageSet, Input.ChoiceSet, Input.Date, Input.Number, Input.Text, Input.Time, Input.Toggle, Media, RichTextBlock, Table, TextBlock); a TextRun belongs in a RichTextBlock\'s inlines',
    ],
    [
      "a 1.6-only property on an input (labelPosition)",
      card([{ type: "Input.Text", id: "x", labelPosition: "inline" }]),
      'Input.Text has no property "labelPosition"',
    ],
    [
      "a 1.6-only property on the card (metadata)",
      card([text()], { metadata: { webUrl: "https://x" } }),
      '$: AdaptiveCard has no property "metadata"',
    ],
    [
      "a 1.6-only property of refresh (expires)",
      card([text()], { refresh: { action: { type: "Action.Execute" }, expires: "2026-01-01T00:00:00Z" } }),
      '$.refresh: Refresh has no property "expires"',
    ],
    ["a TextBlock without text", card([{ type: "TextBlock" }]), '$.body[0]: TextBlock requires "text"'],
    ["an input without id", card([{ type: "Input.Text" }]), 'Input.Text requires "id"'],
    [
      "a toggle without title",
      card([{ type: "Input.Toggle", id: "g" }]),
      '$.body[0]: Input.Toggle requires "title"',
    ],
    ["an element without type", card([{ text: "x" }]), '$.body[0]: an element needs a "type"'],
    ["a string where a boolean goes", card([text({ wrap: "true" })]), "$.body[0].wrap: must be a boolean"],
    [
      "a string where a number goes",
      card([{ type: "Input.Text", id: "x", maxLength: "3000" }]),
      "$.body[0].maxLength: must be a number",
    ],
    // The file's enum patterns let these two through; its intent, and these rules, do not.
    [
      'a color that only contains one ("reddark")',
      card([text({ color: "reddark" })]),
      '"reddark" is not a Colors',
    ],
    ["a color that is not a string", card([text({ color: true })]), "$.body[0].color: must be one of"],
    ["a wrong spacing", card([text({ spacing: "huge" })]), '"huge" is not a Spacing'],
    [
      "a wrong horizontalAlignment",
      card([text({ horizontalAlignment: "middle" })]),
      '"middle" is not a HorizontalAlignment',
    ],
    [
      "an unknown property in a TextRun",
      card([{ type: "RichTextBlock", inlines: [{ type: "TextRun", text: "x", bold: true }] }]),
      '$.body[0].inlines[0]: TextRun has no property "bold"',
    ],
    [
      "an inline that is not a TextRun",
      card([{ type: "RichTextBlock", inlines: [text()] }]),
      '$.body[0].inlines[0]: "TextBlock" is not an inline',
    ],
    [
      "an Action.ShowCard as a selectAction",
      card([{ type: "Container", items: [], selectAction: { type: "Action.ShowCard" } }]),
      '$.body[0].selectAction: "Action.ShowCard" is not a selectAction',
    ],
    [
      "an element as an action's fallback",
      card([], { actions: [{ type: "Action.Execute", fallback: text() }] }),
      '$.actions[0].fallback: "TextBlock" is not an action',
    ],
    [
      "a fallback that is neither an element nor drop",
      card([text({ fallback: "skip" })]),
      '$.body[0].fallback: "skip" is not a FallbackOption',
    ],
    [
      "a bad property in an Action.Submit fallback",
      card([], {
        actions: [{ type: "Action.Execute", fallback: { type: "Action.Submit", dataa: {} } }],
      }),
      '$.actions[0].fallback: Action.Submit has no property "dataa"',
    ],
    [
      "an unknown element deep in containers and columns",
      card([
        {
          type: "Container",
          items: [{ type: "ColumnSet", columns: [{ type: "Column", items: [{ type: "Bogus" }] }] }],
        },
      ]),
      '$.body[0].items[0].columns[0].items[0]: "Bogus" is not an element',
    ],
    [
      "a Column whose type is not Column",
      card([{ type: "ColumnSet", columns: [{ type: "Container", items: [] }] }]),
      '$.body[0].columns[0]: "type" must be "Column"',
    ],
    [
      "a bad element inside an Action.ShowCard's card",
      card([], { actions: [{ type: "Action.ShowCard", card: { body: [text({ color: "red" })] } }] }),
      '$.actions[0].card.body[0].color: "red" is not a Colors',
    ],
    [
      "an Action.OpenUrl without url",
      card([], { actions: [{ type: "Action.OpenUrl", title: "Open" }] }),
      '$.actions[0]: Action.OpenUrl requires "url"',
    ],
    [
      "a URL with spaces",
      card([], { actions: [{ type: "Action.OpenUrl", url: "https://x/a b" }] }),
      '$.actions[0].url: "https://x/a b" is not a URI reference',
    ],
    [
      "a card without version",
      { type: "AdaptiveCard", body: [] },
      '$: the top-level card requires "version"',
    ],
    ["a card without type", { version: "1.5", body: [] }, '$.type: must be "AdaptiveCard"'],
    [
      "a type newer than the card's version (Action.Execute on 1.3)",
      { ...card([]), version: "1.3", actions: [{ type: "Action.Execute" }] },
      "$.actions[0]: Action.Execute needs version 1.4, the card declares 1.3",
    ],
    [
      "a property newer than the card's version (a 1.5 heading on 1.4)",
      { ...card([text({ style: "heading" })]), version: "1.4" },
      "$.body[0].style: this property needs version 1.5, the card declares 1.4",
    ],
    ["a template binding left as an object key", card([text({ $when: "${x}" })]), 'no property "$when"'],
  ];

  it.each(BAD)("rejects %s", (_, bad, expected) => {
    const issues = adaptiveCardSchemaIssues(bad);
    expect(issues.join("\n")).toContain(expected);
  });
});

// --- every card Liaison produces ----------------------------------------------------------------------

// Tuesday 24 November 2026, 14:00 in Chicago.
const TUESDAY_2PM = "2026-11-24T20:00:00Z";
const POLICY = { ...DEFAULT_DELIVERY_POLICY, random: () => 0.5 };
const TEAMS = {
  lee: { platform: "teams", userId: "3b9d7a51-2c4e-4f8a-9b61-7d2e0c5a8f13", displayName: "Lee Chen" },
  jo: { platform: "teams", userId: "8e2f4c16-7a3b-4d9e-b5c0-1f6a2d8e4b27", displayName: "Jo Kim" },
} as const satisfies Record<string, PlatformIdentity>;

const contentOf = (activity: Partial<Activity>): Json => {
  const [attachment] = activity.attachments ?? [];
  expect(attachment?.contentType).toBe("application/vnd.microsoft.card.adaptive");
  return attachment!.content as Json;
};

/** A delivery's cards, drawn by the functions src/adapters/teams/teams-notifier.ts sends them with. */
function drawnByTeamsNotifier(d: Delivery): [string, Json][] {
  switch (d.kind) {
    case "post-card":
      return [["posted card", concernCard(d.view)]];
    case "update-cards":
      return d.cards.map(({ view }) => ["updated card", concernCard(view)]);
    case "thread-reply":
      return [["thread reply", contentOf(threadReplyActivity(d))]];
    case "direct":
      return [[`direct message${d.view ? " with concern" : ""}`, contentOf(directMessageActivity(d))]];
    case "digest":
      return [["digest", contentOf(digestActivity(d))]];
  }
}

/** An action's answer drawn as LiaisonTeamsBot.render draws it. */
function drawnByTeamsBot(reply: ActionReply): Json {
  switch (reply.kind) {
    case "form":
      return actionFormCard(reply.form);
    case "card":
      return concernCard(reply.view, reply.notice);
    case "message":
      return messageCard(reply.text);
  }
}

/**
 * One day at the sample hospital, on Teams: concerns raised, acknowledged, overdue, escalated, noted,
 * resolved, reopened and moved, forms shown empty and with errors, messages and digests; every card
 * along the way, labelled by what it shows.
 */
async function everyTeamsCard(): Promise<[string, Json][]> {
  const shown: [string, Json][] = [];
  const h = coreContext(TUESDAY_2PM, ["teams"]);
  const { ctx, directory, clock } = h;
  let seen = 0;
  /** Delivers the outbox and keeps what Teams was sent since the last call. */
  const sent = async (step: string) => {
    await deliverOutbox(ctx, h.notifiers, POLICY);
    for (const { delivery } of h.teams.delivered.slice(seen)) {
      for (const [what, drawn] of drawnByTeamsNotifier(delivery)) shown.push([`${step}: ${what}`, drawn]);
    }
    seen = h.teams.delivered.length;
  };
  const answered = (step: string, reply: ActionReply) => {
    shown.push([
      `${step}: ${reply.kind === "card" && reply.notice ? "card with notice" : reply.kind}`,
      drawnByTeamsBot(reply),
    ]);
    return reply;
  };
  const card = (step: string, concern: Concern, cardDepartment?: DepartmentId) =>
    shown.push([step, concernCard(channelCardView(directory, concern, clock.now(), cardDepartment))]);
  const current = async (id: Concern["id"]) => (await h.concerns.findById(id))!;

  // The raise form, as the `concern` command opens it and as the bot gives it back.
  shown.push(["raise form: empty", concernFormCard(directory, {})]);
  const prefilled = await answerConcernCommand(
    ctx,
    commandOfMessage("concern rm 412 unit 4W high pain not controlled"),
    TEAMS.lee,
    "",
  );
  shown.push([
    "raise form: prefilled by the concern command",
    contentOf(commandActivity(directory, notReport(prefilled), clock.now())),
  ]);
  const badDraft: ConcernDraftInput = {
    unit: "",
    room: "",
    category: "nonsense",
    severity: "urgent",
    description: "",
  };
  const fieldErrors = await raiseConcern(ctx, badDraft, TEAMS.lee).then(
    () => expect.unreachable("an empty draft was accepted"),
    (e: unknown) => (e as InvalidInputError).fieldErrors,
  );
  expect(Object.keys(fieldErrors).length).toBeGreaterThan(1);
  shown.push(["raise form: with field errors", concernFormCard(directory, badDraft, fieldErrors)]);
  const flagged = "Mrs. Ada Byrne (DOB 02/03/1944) waited 40 minutes; call her son on 555-201-7788.";
  const warned = await raiseConcern(ctx, { ...PAIN_DRAFT, description: flagged }, TEAMS.lee).then(
    () => expect.unreachable("a description with identifiers was raised without a warning"),
    (e: unknown) => (e as IdentifiersFoundError).warning,
  );
  shown.push(["raise form: identifiers found", concernFormCard(directory, PAIN_DRAFT, {}, warned)]);
  shown.push([
    "raise form: NOT saved",
    concernFormCard(directory, { ...PAIN_DRAFT, grievance: true }, { form: notSavedReply("raise") }),
  ]);

  // A routine concern, raised from Slack, handled from Teams.
  const routine = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
  await sent("routine raised");
  card("routine: open", routine);
  const confirmation = concernSent(
    routine.reference,
    channelCardView(directory, routine, clock.now()).department,
    localTime(routine.acknowledgeBy, directory.hospital.timeZone),
  );
  shown.push([
    "raise confirmation",
    messageCard(confirmation, channelCardView(directory, routine, clock.now())),
  ]);
  clock.advanceMinutes(16);
  card("routine: open and overdue", await current(routine.id));
  await sweepDueConcerns(ctx);
  await sent("routine escalated");
  card("routine: escalated", await current(routine.id));
  answered("routine acknowledge", await clickCardAction(ctx, routine.id, "acknowledge", TEAMS.lee));
  await sent("routine acknowledged");
  answered("routine acknowledged again", await clickCardAction(ctx, routine.id, "acknowledge", TEAMS.jo));
  answered("routine refused", await clickCardAction(ctx, routine.id, "add-note", SLACK.billingResponder));
  card("routine: acknowledged", await current(routine.id));

  answered("add-note form", await clickCardAction(ctx, routine.id, "add-note", TEAMS.lee));
  answered(
    "add-note form with error",
    await submitCardAction(ctx, routine.id, "add-note", { text: " " }, TEAMS.lee),
  );
  const down = vi.spyOn(h.concerns, "findById").mockRejectedValueOnce(new Error("connection refused"));
  answered(
    "add-note form NOT saved",
    await submitCardAction(ctx, routine.id, "add-note", { text: "Son called." }, TEAMS.lee),
  );
  down.mockRestore();
  answered(
    "add-note form: identifiers found",
    await submitCardAction(ctx, routine.id, "add-note", { text: "Ring 555-201-7788." }, TEAMS.lee),
  );
  answered(
    "add-note",
    await submitCardAction(ctx, routine.id, "add-note", { text: "Son called." }, TEAMS.lee),
  );
  await sent("routine noted");

  clock.advanceMinutes(8 * 60);
  card("routine: acknowledged and overdue", await current(routine.id));
  await sweepDueConcerns(ctx);
  await sent("routine resolution overdue");

  answered("resolve form (optional note)", await clickCardAction(ctx, routine.id, "resolve", TEAMS.lee));
  answered("resolve", await submitCardAction(ctx, routine.id, "resolve", {}, TEAMS.lee));
  await sent("routine resolved");
  card("routine: resolved", await current(routine.id));
  answered("resolve again", await clickCardAction(ctx, routine.id, "resolve", TEAMS.jo));

  answered("reopen form", await clickCardAction(ctx, routine.id, "reopen", TEAMS.lee));
  answered("reopen form with error", await submitCardAction(ctx, routine.id, "reopen", {}, TEAMS.lee));
  answered("reopen", await submitCardAction(ctx, routine.id, "reopen", { text: "Pain is back." }, TEAMS.lee));
  await sent("routine reopened");
  card("routine: reopened", await current(routine.id));

  answered("reassign form", await clickCardAction(ctx, routine.id, "reassign", TEAMS.lee));
  answered(
    "reassign form with error",
    await submitCardAction(ctx, routine.id, "reassign", { reason: "Needs the family liaison." }, TEAMS.lee),
  );
  answered(
    "reassign",
    await submitCardAction(
      ctx,
      routine.id,
      "reassign",
      { department: "patient-relations", reason: "Needs the family liaison." },
      TEAMS.lee,
    ),
  );
  await sent("routine moved");
  const moved = await current(routine.id);
  card("routine: in its new department", moved);
  card("routine: the card left behind", moved, routine.departmentId);

  // A grievance, raised from Teams, escalated and resolved with the four elements of its notice.
  const grievance = await raiseConcern(
    ctx,
    { ...PAIN_DRAFT, severity: "critical", grievance: true },
    TEAMS.lee,
  );
  await sent("grievance raised");
  card("grievance: open", grievance);
  clock.advanceMinutes(6);
  card("grievance: open and overdue", await current(grievance.id));
  await sweepDueConcerns(ctx);
  await sent("grievance escalated");
  answered("grievance escalate now", await clickCardAction(ctx, grievance.id, "escalate", TEAMS.lee));
  await sent("grievance escalated by hand");
  card("grievance: escalated", await current(grievance.id));
  answered("grievance acknowledge", await clickCardAction(ctx, grievance.id, "acknowledge", TEAMS.lee));
  await sent("grievance acknowledged");
  card("grievance: acknowledged", await current(grievance.id));
  answered("interim notice form", await clickCardAction(ctx, grievance.id, "send-interim-notice", TEAMS.lee));
  answered(
    "interim notice form with error",
    await submitCardAction(ctx, grievance.id, "send-interim-notice", { contact: "Pat Morgan" }, TEAMS.lee),
  );
  const promised = localDate(new Date(clock.now().getTime() + 14 * 86_400_000), "America/Chicago");
  answered(
    "interim notice",
    await submitCardAction(
      ctx,
      grievance.id,
      "send-interim-notice",
      {
        contact: "Pat Morgan",
        progress: "Pharmacy review.",
        followUpOn: promised,
        language: "en",
        method: "email",
      },
      TEAMS.lee,
    ),
  );
  await sent("grievance interim notice");
  card("grievance: interim notice sent", await current(grievance.id));
  answered(
    "grievance resolve form (four elements)",
    await clickCardAction(ctx, grievance.id, "resolve", TEAMS.lee),
  );
  answered(
    "grievance resolve form with error",
    await submitCardAction(ctx, grievance.id, "resolve", { contact: "Pat Morgan" }, TEAMS.lee),
  );
  const today = localDate(clock.now(), "America/Chicago");
  const elements = {
    steps: "Met the family.",
    results: "Pain plan changed.",
    completedOn: today,
    language: "es",
  };
  answered(
    "grievance resolve",
    await submitCardAction(ctx, grievance.id, "resolve", { contact: "Pat Morgan", ...elements }, TEAMS.lee),
  );
  await sent("grievance resolved");
  card("grievance: resolved", await current(grievance.id));
  answered("notice-sent form", await clickCardAction(ctx, grievance.id, "mark-notice-sent", TEAMS.lee));
  answered(
    "notice-sent form with error",
    await submitCardAction(ctx, grievance.id, "mark-notice-sent", { sentOn: today }, TEAMS.lee),
  );
  answered(
    "notice sent",
    await submitCardAction(
      ctx,
      grievance.id,
      "mark-notice-sent",
      { method: "mail", sentOn: today },
      TEAMS.lee,
    ),
  );
  await sent("grievance notice sent");
  card("grievance: resolved, notice sent", await current(grievance.id));
  answered(
    "grievance reopen",
    await submitCardAction(ctx, grievance.id, "reopen", { text: "Again." }, TEAMS.lee),
  );
  await sent("grievance reopened");
  card("grievance: reopened", await current(grievance.id));
  answered(
    "grievance reassign",
    await submitCardAction(ctx, grievance.id, "reassign", { department: "patient-relations" }, TEAMS.lee),
  );
  await sent("grievance moved");
  card("grievance: the card left behind", await current(grievance.id), grievance.departmentId);

  // A repeat for the same patient and room, owned, then merged into the concern it repeats.
  const earlier = await raiseConcern(ctx, { ...PAIN_DRAFT, room: "430" }, TEAMS.lee);
  const repeat = await raiseConcern(ctx, { ...PAIN_DRAFT, room: "430", category: "call-light" }, TEAMS.lee);
  await sent("repeat raised");
  card("repeat: linked", repeat);
  answered("repeat acknowledge", await clickCardAction(ctx, repeat.id, "acknowledge", TEAMS.lee));
  await sent("repeat acknowledged");
  answered("merge form", await clickCardAction(ctx, repeat.id, "merge", TEAMS.lee));
  answered("merge form with error", await submitCardAction(ctx, repeat.id, "merge", {}, TEAMS.lee));
  answered(
    "merge",
    await submitCardAction(ctx, repeat.id, "merge", { into: earlier.id, reason: "Same request." }, TEAMS.lee),
  );
  await sent("repeat merged");
  card("repeat: merged", await current(repeat.id));
  card("repeat: the concern it was merged into", await current(earlier.id));

  // Chat commands and plain messages.
  const status = await answerConcernCommand(
    ctx,
    commandOfMessage(`status ${routine.reference}`),
    TEAMS.lee,
    "",
  );
  shown.push(["status command", contentOf(commandActivity(directory, notReport(status), clock.now()))]);
  const mine = await answerConcernCommand(ctx, "mine", TEAMS.lee, "");
  shown.push(["mine command", contentOf(commandActivity(directory, notReport(mine), clock.now()))]);
  const none = await answerConcernCommand(ctx, "mine", TEAMS.jo, "");
  shown.push([
    "mine command, nothing open",
    contentOf(commandActivity(directory, notReport(none), clock.now())),
  ]);
  const which = await answerConcernCommand(ctx, "status", TEAMS.lee, "");
  shown.push([
    "status command without reference",
    contentOf(commandActivity(directory, notReport(which), clock.now())),
  ]);
  answered("a concern that is gone", await clickCardAction(ctx, "not-a-concern", "acknowledge", TEAMS.lee));
  const view: CardView = channelCardView(directory, await current(routine.id), clock.now());
  const link = teamsMessageLink("19:4a8f2c6e9b1d4e7fa3c5d8b2e6f0a9c1@thread.tacv2", "1764000000000");
  shown.push(["message", messageCard(ALREADY_RECEIVED)]);
  shown.push(["message with concern", messageCard(CONCERN_GONE, view)]);
  shown.push(["message with concern and link", messageCard("Escalated to you.", view, link)]);
  shown.push(["message with link only", messageCard("See the card.", undefined, link)]);
  shown.push(["literal message", contentOf(literalMessage("Note from Lee Chen: *not bold* [x](y)"))]);
  shown.push(["literal message with concern and link", contentOf(literalMessage("Overdue.", view, link))]);

  // Digests: all clear, a normal one from the core, and a huge one (the template caps it).
  const priya = asPersonId("priya.shah");
  expect(await queueDigest(ctx, priya, clock.now())).toBe("queued");
  await sent("digest, all clear");
  const food = await raiseConcern(
    ctx,
    { ...PAIN_DRAFT, unit: "3E", category: "food-environment", severity: "moderate" },
    TEAMS.lee,
  );
  await sent("food concern raised");
  clock.advanceMinutes(70);
  await sweepDueConcerns(ctx);
  await sent("food concern escalated");
  expect(await queueDigest(ctx, priya, clock.now())).toBe("queued");
  await sent("digest, overdue");
  const [normal] = shown.filter(([label]) => label === "digest, overdue: digest");
  expect(JSON.stringify(normal)).toContain(food.reference);
  const digests = h.teams.delivered.map((r) => r.delivery).filter((d) => d.kind === "digest");
  const real = digests.at(-1)!.digest;
  const item = real.departments.flatMap((d) => d.items)[0]!;
  const huge: DigestContent = {
    ...real,
    parkedDeliveries: 3,
    departments: Array.from({ length: 12 }, (_, d) => ({
      departmentId: `dept-${d}` as DepartmentId,
      name: `Department number ${d} with a long name`,
      items: Array.from({ length: 12 }, (_, i) => ({
        ...item,
        reference: `PR-2026-${String(d * 100 + i).padStart(5, "0")}`,
        ownerName: i % 2 ? "Alexandra Montgomery-Fitzgerald" : undefined,
        state: i % 3 ? "overdue" : "at-risk",
      })),
    })),
  };
  shown.push(["digest, huge with links", digestCard(huge, () => `${link}?tenantId=${"b".repeat(36)}`)]);
  shown.push(["digest, huge without links", digestCard(huge, () => undefined)]);
  return shown;
}

const SHOWN = await everyTeamsCard();

describe("every Teams card Liaison produces passes the official Adaptive Cards 1.5 schema", () => {
  it("covers every state and every form", () => {
    const labels = SHOWN.map(([label]) => label);
    for (const expected of [
      "raise form: empty",
      "raise form: with field errors",
      "routine: open",
      "routine: open and overdue",
      "routine: escalated",
      "routine: acknowledged",
      "routine: acknowledged and overdue",
      "routine: resolved",
      "routine: reopened",
      "routine: the card left behind",
      "grievance: open",
      "grievance: escalated",
      "grievance: resolved",
      "grievance: resolved, notice sent",
      "grievance: interim notice sent",
      "interim notice form with error: form",
      "grievance: reopened",
      "grievance: the card left behind",
      "add-note form: form",
      "add-note form with error: form",
      "resolve form (optional note): form",
      "grievance resolve form with error: form",
      "notice-sent form: form",
      "notice-sent form with error: form",
      "reopen form with error: form",
      "reassign form with error: form",
      "routine acknowledged again: card with notice",
      "digest, all clear: digest",
      "digest, overdue: digest",
      "digest, huge with links",
      "literal message",
    ]) {
      expect(labels).toContain(expected);
    }
    for (const kind of ["posted card", "updated card", "thread reply", "direct message with concern"]) {
      expect(labels.some((l) => l.endsWith(`: ${kind}`))).toBe(true);
    }
  });

  it("a resolved grievance's card links its drafted letter and offers Mark notice sent, until it is marked", () => {
    const shown = (label: string) => JSON.stringify(SHOWN.find(([l]) => l === label)?.[1]);
    expect(shown("grievance: resolved")).toContain(
      '"type":"Action.OpenUrl","title":"Open written notice (PDF)"',
    );
    expect(shown("grievance: resolved")).toContain('"verb":"liaison.noticeSent"');
    expect(shown("grievance: resolved, notice sent")).toContain("Written notice sent (mail)");
    expect(shown("grievance: resolved, notice sent")).not.toContain('"verb":"liaison.noticeSent"');
    expect(shown("grievance: interim notice sent")).toContain("Grievance: final response promised by");
    expect(shown("grievance: interim notice sent")).toContain("Interim notice sent (email)");
  });

  it("a concern card without user ids to refresh has no refresh key (the template alone leaves null)", () => {
    const cards = SHOWN.filter(([, c]) => JSON.stringify(c).includes('"verb":"liaison.acknowledge"'));
    expect(cards.length).toBeGreaterThan(0);
    for (const [, c] of cards) expect(c).not.toHaveProperty("refresh");
  });

  it.each(SHOWN)("%s", (_, shownCard) => {
    expect(teamsCardIssues(shownCard)).toEqual([]);
    expect(checkAdaptiveCard(shownCard).issues).toEqual([]);
    expect(shownCard.version).toBe(TEAMS_MAX_VERSION);
    expect(JSON.stringify(shownCard)).not.toContain("${");
    expect(cardBytes(shownCard)).toBeLessThan(TEAMS_MAX_CARD_BYTES);
  });

  const TEMPLATES = readdirSync(new URL("../../adaptive-cards/", import.meta.url))
    .filter((f) => f.endsWith(".json") && !f.endsWith(".data.json"))
    .map((f) => f.replace(/\.json$/, ""));

  it.each(TEMPLATES)("%s.json expanded with its sample data", (name) => {
    const sample = JSON.parse(
      readFileSync(new URL(`../../adaptive-cards/${name}.data.json`, import.meta.url), "utf8"),
    ) as Json;
    expect(teamsCardIssues(expandCard(name, sample))).toEqual([]);
  });
});

describe("Teams' own addition to a card, msteams, held to what Teams documents", () => {
  const base = {
    type: "AdaptiveCard",
    version: "1.5",
    body: [{ type: "TextBlock", text: "<at>Jo Kim</at>" }],
  };
  const mention = { type: "mention", text: "<at>Jo Kim</at>", mentioned: { id: "5d8c2e71", name: "Jo Kim" } };

  it("the official schema alone refuses it (AdaptiveCard has additionalProperties: false)", () => {
    expect(adaptiveCardSchemaIssues({ ...base, msteams: { width: "Full" } })).toEqual([
      '$: AdaptiveCard has no property "msteams" in Adaptive Cards 1.5',
    ]);
  });

  it("full width and mentions whose tag is in a TextBlock pass; anything else is named", () => {
    expect(teamsCardIssues({ ...base, msteams: { width: "Full", entities: [mention] } })).toEqual([]);
    expect(teamsCardIssues({ ...base, msteams: { width: "Wide" } })).toEqual([
      '$.msteams.width: must be "Full"',
    ]);
    expect(
      teamsCardIssues({ ...base, msteams: { entities: [{ ...mention, text: "<at>Sam</at>" }] } }),
    ).toEqual([
      "$.msteams.entities[0].text: <at>Sam</at> appears in no TextBlock, so Teams would not render the mention",
    ]);
    expect(teamsCardIssues({ ...base, msteams: { stageview: true } })).toEqual([
      '$.msteams: Teams documents no property "stageview"',
    ]);
  });
});
