import type { KnownBlock, ModalView } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import type { Activity, CloudAdapter } from "botbuilder";
import { actionModal, concernModal } from "../../src/adapters/slack/slack-modals.ts";
import { detailsModal } from "../../src/adapters/slack/slack-details-modal.ts";
import { SlackNotifier } from "../../src/adapters/slack/slack-notifier.ts";
import { homeTab } from "../../src/adapters/slack/slack-home.ts";
import { commandReply } from "../../src/adapters/slack/slack-replies.ts";
import { SLACK_ACTIONS } from "../../src/adapters/slack/slack-action-table.ts";
import { actionFormCard, concernCard, concernFormCard } from "../../src/adapters/teams/teams-cards.ts";
import { homeCard } from "../../src/adapters/teams/teams-home-card.ts";
import { TeamsNotifier } from "../../src/adapters/teams/teams-notifier.ts";
import { commandActivity } from "../../src/adapters/teams/teams-replies.ts";
import {
  actionForm,
  answerConcernCommand,
  asDepartmentId,
  asPersonId,
  buildHome,
  CARD_ACTION_SPECS,
  channelCardView,
  type CardAction,
  type Clock,
  type CommandAnswer,
  type Concern,
  type ConcernDraftInput,
  DEFAULT_DELIVERY_POLICY,
  type Delivery,
  deliverOutbox,
  type DepartmentId,
  type GrievanceResolution,
  IdentifiersFoundError,
  type LiaisonContext,
  revealConcernDetails,
  type PlatformIdentity,
  queueDigest,
  raiseConcern,
  sweepDueConcerns,
  type TeamsConversationStore,
} from "../../src/core/index.ts";
import { actOnConcern } from "../../src/core/use-cases/act-on-concern.ts";
import { coreContext } from "../../test/support/core-context.ts";
import type { RecordedDelivery } from "../../test/support/recording-notifier.ts";
import { reportPreview } from "./report-pictures.ts";
import type { SlackMessage } from "./slack-html.ts";

/*
 * The sample hospital's afternoon, played through the core as Liaison runs it (raise, act, sweep,
 * digest, deliver), then drawn by the real Slack and Teams notifiers, builders and modals. Nothing
 * here writes a card: whatever the adapters make of the live code is what the pictures show.
 */

export type CardJson = Record<string, unknown>;

export type SlackPicture =
  | { kind: "message"; message: SlackMessage }
  | { kind: "modal"; view: ModalView }
  | { kind: "home"; blocks: KnownBlock[] };

/** One picture per platform of one thing Liaison shows; `time` is the message's local time. */
export interface Preview {
  name: string;
  /** What it is, for the script's output. */
  caption: string;
  time: string;
  slack?: SlackPicture;
  teams?: CardJson;
}

// Tuesday 24 November 2026 in Chicago (UTC-6): 13:05 is 19:05Z.
const localAt = (hhmm: string) => {
  const [h = 0, m = 0] = hhmm.split(":").map(Number);
  return new Date(Date.UTC(2026, 10, 24, h + 6, m));
};

const who = (platform: "slack" | "teams", userId: string, displayName: string): PlatformIdentity => ({
  platform,
  userId,
  displayName,
});
const NIA = who("slack", "U04NIAOKF01", "Nia Okafor");
const SAM = who("slack", "U04SAMRVR02", "Sam Rivera");
const PAT = who("slack", "U04PMORGN07", "Pat Morgan");
const LEE = who("teams", "3b9d7a51-2c4e-4f8a-9b61-7d2e0c5a8f13", "Lee Chen");

const DRAFTS = {
  grievance: {
    unit: "5E",
    room: "508",
    patientReference: "E20261102",
    category: "patient-rights",
    severity: "moderate",
    description:
      "Daughter says her mother was not told her medication changed and asked to see the chart; she wants a written answer.",
    grievance: true,
  },
  callLight: {
    unit: "4W",
    room: "415",
    patientReference: "E20261187",
    category: "call-light",
    severity: "high",
    description:
      "Call light on for 25 minutes overnight; the patient is upset and asked for the charge nurse.",
  },
  discharge: {
    unit: "4W",
    room: "407",
    patientReference: "A55510293",
    category: "discharge",
    severity: "moderate",
    description: "Discharge planned for today but no ride home is arranged; family can come after 18:00.",
  },
  billing: {
    unit: "4W",
    room: "409",
    patientReference: "A55510877",
    category: "billing",
    severity: "high",
    description: "Patient received a bill for a visit insurance already paid and is asking who to call.",
  },
  pain: {
    unit: "4W",
    room: "412",
    patientReference: "E20260417",
    category: "pain",
    severity: "critical",
    description: "Pain not controlled for 2 hours after PRN dose; patient asking for the charge nurse.",
  },
  open: {
    unit: "4W",
    room: "418",
    patientReference: "E20261203",
    category: "pain",
    severity: "moderate",
    description: "Pain 7/10 since physiotherapy; the next dose is not due for an hour.",
  },
} satisfies Record<string, ConcernDraftInput>;

/** What the Slack notifier sends, caught at the Web API client. */
function slackDraw(delivery: Delivery): Promise<SlackMessage> {
  const sent: SlackMessage[] = [];
  const record = async (args: { channel?: string; text?: string; blocks?: KnownBlock[] }) => {
    sent.push({ text: args.text ?? "", blocks: args.blocks ?? [] });
    return { ok: true, channel: args.channel, ts: "1795460700.000100" };
  };
  const client = { chat: { postMessage: record, update: record } } as unknown as WebClient;
  return drawn(new SlackNotifier(client).deliver(delivery), sent, delivery);
}

/** The card in a Teams activity; a text-only activity as a card with that text (approximate). */
function cardOf(activity: Partial<Activity>): CardJson {
  const content = activity.attachments?.[0]?.content as CardJson | undefined;
  return (
    content ?? {
      type: "AdaptiveCard",
      version: "1.5",
      body: [{ type: "TextBlock", text: activity.text ?? "", wrap: true }],
    }
  );
}

/** What the Teams notifier sends, caught at the bot adapter. */
function teamsDraw(delivery: Delivery, clock: Clock): Promise<CardJson> {
  const sent: CardJson[] = [];
  const context = {
    activity: { conversation: { id: "19:preview@thread.tacv2;messageid=1795460700001" } },
    sendActivity: async (a: Partial<Activity>) => {
      sent.push(cardOf(a));
      return { id: "1" };
    },
    updateActivity: async (a: Partial<Activity>) => {
      sent.push(cardOf(a));
    },
  };
  type Logic = (c: typeof context) => Promise<void>;
  const adapter = {
    createConversationAsync: async (...args: unknown[]) => {
      const parameters = args[4] as { activity?: Partial<Activity> };
      if (parameters.activity) sent.push(cardOf(parameters.activity));
      await (args[5] as Logic)(context);
    },
    continueConversationAsync: async (_appId: string, _ref: unknown, logic: Logic) => logic(context),
  } as unknown as CloudAdapter;
  const conversations: TeamsConversationStore = {
    save: async () => {},
    serviceUrl: async () => "https://smba.trafficmanager.net/amer/",
    personalChat: async () => undefined,
  };
  const notifier = new TeamsNotifier({ adapter, appId: "", conversations, clock });
  return drawn(notifier.deliver(delivery), sent, delivery);
}

async function drawn<T>(outcome: Promise<{ kind: string; error?: string }>, sent: T[], d: Delivery) {
  const result = await outcome;
  if (result.kind !== "sent" || sent.length === 0) {
    throw new Error(
      `the ${d.kind} delivery did not draw (${result.kind}: ${result.error ?? "nothing sent"})`,
    );
  }
  return sent[0]!;
}

/** How Pat closed the sample grievance: the four elements its written notice names. */
export const SAMPLE_RESOLUTION: GrievanceResolution = {
  contactPerson: "Pat Morgan, Patient Relations, (217) 555-0100",
  investigationSteps:
    "Met the patient's daughter with the attending physician; reviewed the interpreter request log and the nursing notes for 23 and 24 November.",
  results:
    "An interpreter was not booked at admission. Interpreters are now requested at admission for every patient who asks, and the unit's staff were reminded of the service.",
  completedOn: "2026-11-24",
  language: "en",
};

/** The sample afternoon, and every message, card and form it makes, ready to draw. */
export async function samplePreviews(): Promise<Preview[]> {
  const h = coreContext(localAt("13:05").toISOString());
  const { ctx, clock, directory } = h;
  const tick = async (hhmm: string) => {
    clock.set(localAt(hhmm));
    await sweepDueConcerns(ctx);
    await deliverOutbox(ctx, h.notifiers, { ...DEFAULT_DELIVERY_POLICY, random: () => 0.5 });
  };
  const raise = async (hhmm: string, draft: ConcernDraftInput, by: PlatformIdentity = NIA) => {
    clock.set(localAt(hhmm));
    const concern = await raiseConcern(ctx, draft, by);
    await tick(hhmm);
    return concern;
  };
  const act = async (hhmm: string, c: Concern, action: Parameters<typeof actOnConcern>[2], by = PAT) => {
    clock.set(localAt(hhmm));
    await actOnConcern(ctx, c.id, action, by);
    await tick(hhmm);
  };

  const grievance = await raise("13:05", DRAFTS.grievance);
  await act("13:08", grievance, { type: "acknowledge" });
  const acknowledged = await raise("13:20", DRAFTS.callLight);
  await act("13:26", acknowledged, { type: "acknowledge" }, SAM);
  const moved = await raise("13:30", DRAFTS.discharge);
  const nursing = directory.requireDepartment(asDepartmentId("nursing-4w"));
  await act("13:34", moved, {
    type: "reassign",
    toDepartment: nursing.id,
    toDepartmentName: nursing.name,
    reason: "Case management on 4 West is arranging transport.",
  });
  await raise("13:40", DRAFTS.billing);
  const escalated = await raise("13:42", DRAFTS.pain);
  await tick("13:47"); // the acknowledgement deadline: the department head
  await act("13:50", grievance, {
    type: "resolve",
    grievance: SAMPLE_RESOLUTION,
    resolutionNote: SAMPLE_RESOLUTION.results,
  });
  await tick("13:52"); // five minutes on: the manager
  // The same patient again, an hour on: linked as a repeat, owned, and the family kept informed.
  const informed = await raise("13:44", {
    ...DRAFTS.pain,
    severity: "moderate",
    description: "Daughter says the new pain plan has not started; she would like a call.",
  });
  await act("13:46", informed, { type: "acknowledge" }, SAM);
  await act(
    "13:55",
    informed,
    {
      type: "record-patient-update",
      method: "phone",
      note: "Told the daughter the pain team comes at 15:00.",
    },
    SAM,
  );
  const open = await raise("13:57", DRAFTS.open, LEE);
  await tick("14:00");
  await queueDigest(ctx, asPersonId("maria.lopez"), clock.now());
  await tick("14:00");

  const now = clock.now();
  const stored = async (c: Concern) => (await ctx.concerns.findById(c.id))!;
  const cardDelivery = async (c: Concern, department?: DepartmentId): Promise<Delivery> => ({
    key: `preview:${c.id}`,
    kind: "post-card",
    channelId: "C0PREVIEW",
    view: channelCardView(directory, await stored(c), now, department),
  });
  const recorded = (pick: (r: RecordedDelivery) => boolean): Delivery => {
    const found = [...h.slack.delivered, ...h.teams.delivered].find(pick);
    if (!found) throw new Error("the sample afternoon did not send an expected message");
    return found.delivery;
  };
  const both = async (name: string, caption: string, time: string, d: Delivery): Promise<Preview> => ({
    name,
    caption,
    time,
    slack: { kind: "message", message: await slackDraw(d) },
    teams: await teamsDraw(d, clock),
  });

  const previews: Preview[] = [
    await both("concern-open", "a new concern's card", "13:57", await cardDelivery(open)),
    await both("concern-acknowledged", "acknowledged", "13:20", await cardDelivery(acknowledged)),
    await both("concern-escalated", "escalated, overdue", "13:42", await cardDelivery(escalated)),
    await both(
      "concern-informed-repeat",
      "a repeat concern, owned, the family updated",
      "13:44",
      await cardDelivery(informed),
    ),
    await both("concern-resolved-grievance", "a resolved grievance", "13:05", await cardDelivery(grievance)),
    await both(
      "concern-moved",
      "the card left behind after a reassign",
      "13:30",
      await cardDelivery(moved, asDepartmentId("patient-relations")),
    ),
    await both(
      "raise-confirmation",
      "the reporter's confirmation",
      "13:42",
      recorded(
        (r) =>
          r.delivery.kind === "direct" &&
          r.message.kind === "direct" &&
          r.message.personId === "nia.okafor" &&
          r.concernId === escalated.id,
      ),
    ),
    await both(
      "escalation-direct",
      "an escalation to the department head",
      "13:47",
      recorded(
        (r) =>
          r.delivery.kind === "direct" &&
          r.message.kind === "direct" &&
          r.message.personId === "jo.kim" &&
          r.concernId === escalated.id,
      ),
    ),
    await both(
      "thread-reply",
      "a line in the card's thread",
      "13:47",
      recorded((r) => r.delivery.kind === "thread-reply" && r.concernId === escalated.id),
    ),
    await both(
      "digest",
      "a manager's digest",
      "14:00",
      recorded((r) => r.delivery.kind === "digest"),
    ),
  ];

  const formPreview = (action: CardAction, c: Concern, caption: string, time: string): Preview => {
    // As the form opens: a grievance's Resolve has the liaison, today and English filled in.
    const defaults =
      CARD_ACTION_SPECS[action].input?.defaults?.(
        c,
        directory,
        { ref: c.reporter, identity: PAT, person: directory.person(asPersonId("pat.liaison")) },
        clock.now(),
      ) ?? {};
    const form = actionForm(directory, action, c, defaults);
    return {
      name: `form-${action}`,
      caption,
      time,
      slack: { kind: "modal", view: actionModal(form, SLACK_ACTIONS[action].modalId!) },
      teams: actionFormCard(form),
    };
  };
  previews.push(
    // As Pat saw it before resolving the grievance: the four elements of its written notice.
    formPreview("resolve", await stored(grievance), "Resolve's form, for a grievance", "13:50"),
    formPreview("reassign", await stored(open), "Reassign's form", "14:00"),
    formPreview("add-note", await stored(acknowledged), "Add note's form", "14:00"),
  );

  const command = (text: string): Promise<CommandAnswer> => answerConcernCommand(ctx, text, NIA, "/concern");
  const prefill = await command("rm 412 unit 4W high pain not controlled 2h");
  if (prefill.kind !== "open-form") throw new Error("the /concern words did not open the form");
  previews.push({
    name: "concern-form",
    caption: "the concern form, pre-filled from /concern words",
    time: "14:00",
    slack: { kind: "modal", view: concernModal(directory, prefill.prefill, "") },
    teams: concernFormCard(directory, prefill.prefill),
  });
  previews.push(await identifierWarningPreview(ctx), await detailsPreview(ctx, await stored(acknowledged)));
  previews.push(await reportPreview(), await homePreview(ctx));
  for (const [name, text, caption] of [
    ["reply-mine", "mine", "the answer to “mine”"],
    ["reply-status", `status ${escalated.reference}`, "the answer to “status”"],
    ["reply-help", "help", "help"],
  ] as const) {
    const answer = await command(text);
    if (!isReply(answer)) throw new Error(`"${text}" was not a reply`);
    previews.push({
      name,
      caption,
      time: "14:00",
      slack: { kind: "message", message: commandReply(directory, answer, now) },
      teams: cardOf(commandActivity(directory, answer, now)),
    });
  }
  return previews;
}

type Reply = Extract<CommandAnswer, { kind: "help" | "status" | "mine" | "say" }>;
const isReply = (answer: CommandAnswer): answer is Reply =>
  answer.kind === "help" || answer.kind === "status" || answer.kind === "mine" || answer.kind === "say";

/** The raise form as it comes back when the description may identify the patient. */
async function identifierWarningPreview(ctx: LiaisonContext): Promise<Preview> {
  const typed: ConcernDraftInput = {
    unit: "4W",
    room: "415",
    patientReference: "E20261124",
    category: "call-light",
    severity: "high",
    description:
      "Mrs. Eleanor Whitfield (DOB 03/14/1948) waited 40 minutes for her call light; her son asks to be called on 555-201-7788.",
  };
  const warning = await raiseConcern(ctx, typed, NIA).then(
    () => {
      throw new Error("the identifying description was raised without a warning");
    },
    (error: unknown) => {
      if (error instanceof IdentifiersFoundError) return error.warning;
      throw error;
    },
  );
  return {
    name: "concern-form-identifiers",
    caption: "the concern form, back with likely identifiers marked",
    time: "14:05",
    slack: { kind: "modal", view: concernModal(ctx.directory(), typed, "", {}, warning) },
    teams: concernFormCard(ctx.directory(), typed, {}, warning),
  };
}

/** What Pat Morgan sees after pressing Show details (and only she sees). */
async function detailsPreview(ctx: LiaisonContext, concern: Concern): Promise<Preview> {
  const reply = await revealConcernDetails(ctx, concern.id, PAT);
  if (reply.kind !== "details") throw new Error(`Show details was refused: ${reply.text}`);
  return {
    name: "show-details",
    caption: "Show details, as only its presser sees it",
    time: "14:07",
    slack: { kind: "modal", view: detailsModal(reply.details) },
    teams: concernCard(reply.view, undefined, reply.details),
  };
}

/** Sam Rivera's home in Slack and Lee Chen's in Teams, as the afternoon left 4 West. */
async function homePreview(ctx: LiaisonContext): Promise<Preview> {
  const directory = ctx.directory();
  return {
    name: "home",
    caption: "a responder's home: overdue, the queue with the time left, their own",
    time: "14:05",
    slack: { kind: "home", blocks: homeTab(directory, await buildHome(ctx, SAM)).blocks },
    teams: homeCard(directory, await buildHome(ctx, LEE), ["29:lee-chen"]),
  };
}
