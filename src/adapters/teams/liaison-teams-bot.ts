import { createHash } from "node:crypto";
import {
  type Activity,
  ActivityTypes,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type FileConsentCardResponse,
  TeamsActivityHandler,
  TurnContext,
  MessageFactory,
} from "botbuilder";
import {
  type ActionReply,
  ALREADY_RECEIVED,
  answerConcernCommand,
  type Attempt,
  buildHome,
  channelCardView,
  type ChartPainter,
  type ExportFileWriter,
  clickCardAction,
  commandOfMessage,
  type ConcernDraftInput,
  type DirectoryIndex,
  concernSent,
  FIELD_IDS,
  type FormValues,
  IdentifiersFoundError,
  InvalidInputError,
  LiaisonBusyError,
  type LiaisonContext,
  LiaisonError,
  localTime,
  notSavedReply,
  type PlatformIdentity,
  raiseConcern,
  refusedReply,
  revealConcernDetails,
  sanitizeInbound,
  showConcernCard,
  submitCardAction,
  type TeamsConversationStore,
} from "../../core/index.ts";
import { actionFormCard, asAttachment, concernCard, concernFormCard, messageCard } from "./teams-cards.ts";
import {
  acceptExport,
  declineExport,
  type ExportDeliveryDeps,
  offerExport,
} from "./teams-export-delivery.ts";
import { HeldExports } from "./teams-export-file.ts";
import { homeCard } from "./teams-home-card.ts";
import { cardActionForVerb, HOME_VERB, RAISE_VERB, REFRESH_VERB, SHOW_DETAILS_VERB } from "./teams-verbs.ts";
import { commandActivity } from "./teams-replies.ts";
import { literalMessage } from "./teams-text.ts";
import { teamsReportCard } from "./teams-report-card.ts";

/**
 * Someone @mentioned (handing over a duty) arrives as <at>Name</at> with a mention entity: one whose
 * Entra id the directory knows becomes that person's id; any other, the name the core looks up.
 */
export function mentionsAsPeople(directory: DirectoryIndex, activity: Activity, text: string): string {
  let result = text;
  for (const entity of activity.entities ?? []) {
    const mention = entity as { type?: string; text?: string; mentioned?: { aadObjectId?: string } };
    const aad = mention.mentioned?.aadObjectId;
    const person = aad ? directory.personOnPlatform("teams", aad) : undefined;
    if (mention.type === "mention" && mention.text && person)
      result = result.split(mention.text).join(person.id);
  }
  return result.replace(/<at>([^<]*)<\/at>/g, "$1");
}

export interface TeamsBotDeps {
  ctx: LiaisonContext;
  conversations: TeamsConversationStore;
  kickDelivery: () => void;
  /** True the first time a key is seen by any instance: a re-posted activity is handled once. */
  isFirstDelivery: (key: string) => Promise<boolean>;
  /** Paints a report's chart (a PNG) for the report's card. */
  charts: ChartPainter;
  /** Writes the surveyor's export as a file (CSV or JSON), uploaded once the asker accepts it. */
  exports: ExportFileWriter;
  /** Each call Liaison makes itself (an export's upload to OneDrive) gives up after this long. */
  callTimeoutMs?: number;
  /** Teams said a team's members changed (Liaison added to it, or someone joining or leaving). */
  teamMembersChanged?: (teamId: string) => void;
}

const DEFAULT_UPLOAD_TIMEOUT_MS = 10_000;

/** Answers for one person (a home, a report, an export) are given only in their own chat, never a channel's thread. */
const PERSONAL_ONLY = /^(home$|report\b|export\b)/i;
export const PERSONAL_ONLY_REPLY =
  "Your home, reports and exports are for you alone: send home, report or export in your chat with Liaison (Apps → Liaison → Chat).";

/** conversationUpdate events that change who is in a team (the bot's own install is one). */
const TEAM_MEMBER_EVENTS = new Set(["teamMemberAdded", "teamMemberRemoved"]);

/** Activities that change something; the others (installs, member changes) are safe to see twice. */
const EFFECTFUL = new Set(["message", "invoke"]);

type CardJson = ReturnType<typeof concernCard>;

const cardResponse = (card: CardJson): AdaptiveCardInvokeResponse => ({
  statusCode: 200,
  type: "application/vnd.microsoft.card.adaptive",
  value: card,
});

/**
 * The Teams adapter: messages are commands, Action.Execute invokes are card actions (one small handler
 * per verb), and every answer is the card the person should now see. Other messages go via the outbox.
 */
export class LiaisonTeamsBot extends TeamsActivityHandler {
  constructor(private readonly deps: TeamsBotDeps) {
    super();
    this.onConversationUpdate(async (context, next) => {
      await this.remember(context);
      const data = (context.activity.channelData ?? {}) as { eventType?: string; team?: { id?: string } };
      if (data.team?.id && TEAM_MEMBER_EVENTS.has(data.eventType ?? ""))
        deps.teamMembersChanged?.(data.team.id);
      await next();
    });
    this.onInstallationUpdate(async (context, next) => {
      await this.remember(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.remember(context);
      await this.handleMessage(context);
      await next();
    });
  }

  private get ctx(): LiaisonContext {
    return this.deps.ctx;
  }

  private readonly held = new HeldExports();

  private get exportDeps(): ExportDeliveryDeps {
    const { ctx, exports, callTimeoutMs = DEFAULT_UPLOAD_TIMEOUT_MS } = this.deps;
    return { ctx, exports, held: this.held, uploadTimeoutMs: callTimeoutMs };
  }

  protected override async handleTeamsFileConsentAccept(
    context: TurnContext,
    response: FileConsentCardResponse,
  ): Promise<void> {
    await acceptExport(context, this.exportDeps, response, this.who(context));
  }

  protected override async handleTeamsFileConsentDecline(
    context: TurnContext,
    response: FileConsentCardResponse,
  ): Promise<void> {
    await declineExport(context, this.exportDeps, response);
  }

  /** Every activity is cleaned first (PostgreSQL cannot store NUL or lone surrogates) and handled once. */
  override async run(context: TurnContext): Promise<void> {
    sanitizeInbound(context.activity);
    if (await this.isReplay(context)) {
      await this.answerReplay(context);
      return;
    }
    await super.run(context);
  }

  private async isReplay(context: TurnContext): Promise<boolean> {
    const a = context.activity;
    if (!a.id || !EFFECTFUL.has(a.type)) return false;
    // Activity ids are unique within a conversation; the hash keeps the key short whatever they hold.
    const key = `teams-activity:${createHash("sha256").update(`${a.channelId}|${a.conversation.id}|${a.id}`).digest("base64url")}`;
    try {
      return !(await this.deps.isFirstDelivery(key));
    } catch (error) {
      // The store is down: handle it (its own write fails too and says NOT saved) rather than drop it.
      this.ctx.logger.warn({ err: error }, "could not record a teams activity");
      return false;
    }
  }

  /** A replay changes nothing; an invoke still needs an answer, so it says so. */
  private async answerReplay(context: TurnContext): Promise<void> {
    this.ctx.logger.info(
      { activity: context.activity.type },
      "teams activity already handled: replay ignored",
    );
    if (context.activity.type !== "invoke") return;
    const body =
      context.activity.name === "adaptiveCard/action"
        ? cardResponse(messageCard(ALREADY_RECEIVED))
        : undefined;
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
  }

  private who(context: TurnContext): PlatformIdentity {
    const from = context.activity.from;
    return {
      platform: "teams",
      userId: (from.aadObjectId ?? from.id).toLowerCase(),
      displayName: from.name ?? "Teams user",
    };
  }

  /**
   * Keeps the conversation reference: a bot can only post proactively where it has been. It is kept
   * again on the next activity, so a store failure here must not stop what the person asked for.
   */
  private async remember(context: TurnContext): Promise<void> {
    try {
      await this.saveConversation(context);
    } catch (error) {
      this.ctx.logger.warn({ err: error }, "could not keep a teams conversation reference");
    }
  }

  private async saveConversation(context: TurnContext): Promise<void> {
    const a = context.activity;
    const data = (a.channelData ?? {}) as { tenant?: { id?: string }; team?: { id?: string } };
    const conversationType = a.conversation?.conversationType;
    await this.deps.conversations.save(
      {
        conversationId: a.conversation.id,
        kind:
          conversationType === "personal"
            ? "personal"
            : conversationType === "groupChat"
              ? "groupChat"
              : "channel",
        tenantId: data.tenant?.id ?? a.conversation.tenantId,
        teamId: data.team?.id,
        aadObjectId: conversationType === "personal" ? a.from?.aadObjectId?.toLowerCase() : undefined,
        serviceUrl: a.serviceUrl,
        reference: TurnContext.getConversationReference(a),
      },
      this.ctx.clock.now(),
    );
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const directory = this.ctx.directory();
    // Action.Submit, the fallback of clients without Universal Actions, arrives as a message with a value.
    const submitted = context.activity.value as { verb?: string } | undefined;
    if (submitted?.verb) {
      const response = await this.handleVerb(context, submitted.verb, submitted as Record<string, unknown>);
      await context.sendActivity(MessageFactory.attachment(asAttachment(response.value as CardJson)));
      return;
    }
    const typed = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? "";
    const text = commandOfMessage(mentionsAsPeople(directory, context.activity, typed));
    if (context.activity.conversation.conversationType !== "personal" && PERSONAL_ONLY.test(text)) {
      await context.sendActivity(literalMessage(PERSONAL_ONLY_REPLY));
      return;
    }
    const answer = await answerConcernCommand(this.ctx, text, this.who(context), "");
    if (answer.kind === "export") {
      await offerExport(context, this.exportDeps, answer.exported);
      return;
    }
    if (answer.kind === "home") {
      const card = homeCard(directory, answer.home, [context.activity.from.id]);
      await context.sendActivity(MessageFactory.attachment(asAttachment(card)));
      return;
    }
    if (answer.kind === "report") {
      const card = await teamsReportCard(answer.content, {
        charts: this.deps.charts,
        logger: this.ctx.logger,
      });
      await context.sendActivity(MessageFactory.attachment(asAttachment(card)));
      return;
    }
    await context.sendActivity(commandActivity(directory, answer, this.ctx.clock.now()));
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    await this.remember(context);
    return this.handleVerb(
      context,
      invokeValue.action.verb,
      (invokeValue.action.data ?? {}) as Record<string, unknown>,
    );
  }

  /** One handler per verb; each returns the card the clicker should see now. */
  private async handleVerb(
    context: TurnContext,
    verb: string,
    data: Record<string, unknown>,
  ): Promise<AdaptiveCardInvokeResponse> {
    if (verb === RAISE_VERB) return this.raise(context, data);
    if (verb === HOME_VERB) return this.home(context);
    if (verb === SHOW_DETAILS_VERB && typeof data.concernId === "string")
      return this.showDetails(context, data.concernId);
    const match = cardActionForVerb(verb);
    if (typeof data.concernId !== "string" || (!match && verb !== REFRESH_VERB)) {
      return cardResponse(messageCard("This card is out of date; send `help` to see what Liaison can do."));
    }
    if (!match) return this.render(await showConcernCard(this.ctx, data.concernId));
    const reply = match.submit
      ? await submitCardAction(this.ctx, data.concernId, match.action, typedValues(data), this.who(context))
      : await clickCardAction(this.ctx, data.concernId, match.action, this.who(context));
    // Pressed on the home card: the home comes back, changed, with what the card would have said.
    if (data.home === "yes" && reply.kind !== "form") {
      if (reply.kind === "card" && reply.changed) this.deps.kickDelivery();
      return this.home(context, reply.kind === "card" ? reply.notice : reply.text);
    }
    return this.render(reply);
  }

  /** The presser's home, as it stands now, refreshing itself for them alone when they look at it. */
  private async home(context: TurnContext, notice?: string): Promise<AdaptiveCardInvokeResponse> {
    const home = await buildHome(this.ctx, this.who(context));
    return cardResponse(homeCard(this.ctx.directory(), home, [context.activity.from.id], notice));
  }

  /** The core's answer as the card the clicker sees now; a change also starts its delivery elsewhere. */
  private render(reply: ActionReply): AdaptiveCardInvokeResponse {
    switch (reply.kind) {
      case "form":
        return cardResponse(actionFormCard(reply.form));
      case "card":
        if (reply.changed) this.deps.kickDelivery();
        return cardResponse(concernCard(reply.view, reply.notice));
      case "message":
        return cardResponse(messageCard(reply.text));
    }
  }

  /**
   * "Show details": the answer to an invoke is seen by its presser alone, so the card comes back with
   * the details under it for them; everyone else's card is unchanged.
   */
  private async showDetails(context: TurnContext, concernId: string): Promise<AdaptiveCardInvokeResponse> {
    const reply = await revealConcernDetails(this.ctx, concernId, this.who(context));
    if (reply.kind === "details") return cardResponse(concernCard(reply.view, undefined, reply.details));
    return cardResponse(reply.view ? concernCard(reply.view, reply.text) : messageCard(reply.text));
  }

  private async raise(
    context: TurnContext,
    data: Record<string, unknown>,
  ): Promise<AdaptiveCardInvokeResponse> {
    const directory = this.ctx.directory();
    const str = (k: string) => (typeof data[k] === "string" ? (data[k] as string) : undefined);
    const input: ConcernDraftInput = {
      unit: str("unit"),
      room: str("room"),
      patientReference: str("patientReference"),
      patientInitials: str("patientInitials"),
      category: str("category"),
      severity: str("severity"),
      description: str("description"),
      grievance: str("grievance") === "true",
      postAnyway: str("postAnyway") === "yes",
    };
    try {
      const concern = await raiseConcern(this.ctx, input, this.who(context));
      this.deps.kickDelivery();
      const view = channelCardView(directory, concern, this.ctx.clock.now());
      const by = localTime(concern.acknowledgeBy, directory.hospital.timeZone);
      return cardResponse(messageCard(concernSent(concern.reference, view.department, by), view));
    } catch (error) {
      // The form comes back with the errors next to the fields and everything typed still in it.
      if (error instanceof InvalidInputError)
        return cardResponse(concernFormCard(directory, input, error.fieldErrors));
      // The same form, as typed, with what may identify the patient highlighted and "Post anyway".
      if (error instanceof IdentifiersFoundError)
        return cardResponse(concernFormCard(directory, input, {}, error.warning));
      // Shown where Slack shows it too, beside the text the person would least like to type again.
      if (error instanceof LiaisonBusyError)
        return cardResponse(concernFormCard(directory, input, { description: error.message }));
      return cardResponse(concernFormCard(directory, input, { form: this.notSaved(error, "raise") }));
    }
  }

  /** The reply to a submission that failed: it says plainly that nothing was saved. */
  private notSaved(error: unknown, attempt: Attempt): string {
    if (error instanceof LiaisonError) return refusedReply(attempt, error.message);
    this.ctx.logger.error({ err: error, attempt }, "teams submission not saved");
    return notSavedReply(attempt);
  }
}

/** What the person typed or chose on an action's input card, as the invoke's data carries it. */
function typedValues(data: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const id of FIELD_IDS) {
    if (typeof data[id] === "string") values[id] = data[id];
  }
  return values;
}
