import { createHash } from "node:crypto";
import {
  ActivityTypes,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  TeamsActivityHandler,
  TurnContext,
  MessageFactory,
} from "botbuilder";
import { authorizeAction } from "../../core/authorize-action.ts";
import { localTime } from "../../core/business-time.ts";
import type { CardAction } from "../../core/card-actions.ts";
import { channelCardView } from "../../core/channel-card-view.ts";
import type { ConcernDraftInput } from "../../core/concern-draft.schema.ts";
import type { ConcernAction } from "../../core/concern-state-machine.ts";
import { InvalidInputError, LiaisonBusyError, LiaisonError } from "../../core/errors.ts";
import { asDepartmentId, type ConcernId, parseConcernId } from "../../core/ids.ts";
import { identifyActor, type PlatformIdentity } from "../../core/identify-actor.ts";
import { answerConcernCommand, commandOfMessage } from "../../core/use-cases/answer-concern-command.ts";
import {
  ALREADY_RECEIVED,
  type Attempt,
  CONCERN_GONE,
  notSavedReply,
  refusedReply,
  SOMETHING_WENT_WRONG,
} from "../../core/replies.ts";
import { sanitizeInbound } from "../../core/sanitize-text.ts";
import { actOnConcern } from "../../core/use-cases/act-on-concern.ts";
import type { LiaisonContext } from "../../core/use-cases/liaison-context.ts";
import { raiseConcern } from "../../core/use-cases/raise-concern.ts";
import { asAttachment, concernCard, concernFormCard, messageCard, textInputCard } from "./teams-cards.ts";
import type { TeamsConversationStore } from "../../core/ports/teams-conversation-store.port.ts";
import { cardActionForVerb, RAISE_VERB, REFRESH_VERB, SUBMIT_SUFFIX, TEAMS_VERBS } from "./teams-verbs.ts";
import { commandActivity } from "./teams-replies.ts";

export interface TeamsBotDeps {
  ctx: LiaisonContext;
  conversations: TeamsConversationStore;
  kickDelivery: () => void;
  /** True the first time a key is seen by any instance: a re-posted activity is handled once. */
  isFirstDelivery: (key: string) => Promise<boolean>;
}

/** Activities that change something; the others (installs, member changes) are safe to see twice. */
const EFFECTFUL = new Set(["message", "invoke"]);

/** Whatever a concern card must know of its concern; a stored Concern fits, so do a card's own data. */
interface AskTarget {
  id: string;
  reference?: string;
  departmentId?: string;
  isGrievance?: boolean;
}

type CardJson = ReturnType<typeof concernCard>;

const cardResponse = (card: CardJson): AdaptiveCardInvokeResponse => ({
  statusCode: 200,
  type: "application/vnd.microsoft.card.adaptive",
  value: card,
});

const TEXT_COPY: Record<"resolve" | "add-note" | "reopen", { title: string; label: string }> = {
  resolve: { title: "Resolve concern", label: "Resolution note" },
  "add-note": { title: "Add a note", label: "Note" },
  reopen: { title: "Reopen concern", label: "Why is it being reopened?" },
};

/**
 * The Teams adapter: messages are commands, Action.Execute invokes are card actions (one small handler
 * per verb), and every answer is the card the person should now see. Other messages go via the outbox.
 */
export class LiaisonTeamsBot extends TeamsActivityHandler {
  constructor(private readonly deps: TeamsBotDeps) {
    super();
    this.onConversationUpdate(async (context, next) => {
      await this.remember(context);
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
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? "";
    const answer = await answerConcernCommand(this.ctx, commandOfMessage(text), this.who(context), "");
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
    const match = cardActionForVerb(verb);
    if (typeof data.concernId !== "string" || (!match && verb !== REFRESH_VERB)) {
      return cardResponse(messageCard("This card is out of date; send `help` to see what Liaison can do."));
    }
    const concernId = parseConcernId(data.concernId);
    if (!concernId) return cardResponse(messageCard(CONCERN_GONE));
    if (!match) return this.currentCard(concernId).catch((error) => this.failed(error));
    return this.act(context, match.action, match.submit, concernId, data);
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
      category: str("category"),
      severity: str("severity"),
      description: str("description"),
      grievance: str("grievance") === "true",
    };
    try {
      const concern = await raiseConcern(this.ctx, input, this.who(context));
      this.deps.kickDelivery();
      const view = channelCardView(directory, concern, this.ctx.clock.now());
      return cardResponse(
        messageCard(
          `${concern.reference} was sent to ${view.department}. It must be acknowledged by ${localTime(concern.acknowledgeBy, directory.hospital.timeZone)}.`,
          view,
        ),
      );
    } catch (error) {
      // The form comes back with the errors next to the fields and everything typed still in it.
      if (error instanceof InvalidInputError)
        return cardResponse(concernFormCard(directory, input, error.fieldErrors));
      // Shown where Slack shows it too, beside the text the person would least like to type again.
      if (error instanceof LiaisonBusyError)
        return cardResponse(concernFormCard(directory, input, { description: error.message }));
      return cardResponse(concernFormCard(directory, input, { form: this.notSaved(error, "raise") }));
    }
  }

  private async currentCard(concernId: ConcernId, notice?: string): Promise<AdaptiveCardInvokeResponse> {
    const concern = await this.ctx.concerns.findById(concernId);
    if (!concern) return cardResponse(messageCard(CONCERN_GONE));
    return cardResponse(
      concernCard(channelCardView(this.ctx.directory(), concern, this.ctx.clock.now()), notice),
    );
  }

  private async act(
    context: TurnContext,
    action: CardAction,
    submit: boolean,
    concernId: ConcernId,
    data: Record<string, unknown>,
  ): Promise<AdaptiveCardInvokeResponse> {
    const directory = this.ctx.directory();
    const who = this.who(context);
    const spec = TEAMS_VERBS[action];
    const typed = typedValues(data);
    try {
      const concern = await this.ctx.concerns.findById(concernId);
      if (!concern) return cardResponse(messageCard(CONCERN_GONE));
      if (spec.asks && !submit) {
        // First click: check who may, then ask for the text or the department.
        authorizeAction(directory, identifyActor(directory, who), concern, action);
        return cardResponse(this.askCard(action, concern));
      }
      const required = action !== "resolve" || concern.isGrievance;
      if (spec.asks === "text" && required && typed.text.length === 0) {
        return cardResponse(
          this.askCard(action, concern, {
            text: `Please enter ${TEXT_COPY[action as keyof typeof TEXT_COPY].label.toLowerCase()}.`,
          }),
        );
      }
      let coreAction: ConcernAction;
      if (action === "resolve") coreAction = { type: "resolve", resolutionNote: typed.text || undefined };
      else if (action === "reopen") coreAction = { type: "reopen", reason: typed.text };
      else if (action === "add-note") coreAction = { type: "add-note", text: typed.text };
      else if (action === "reassign") {
        const department = typed.department
          ? directory.department(asDepartmentId(typed.department))
          : undefined;
        if (!department) {
          return cardResponse(
            this.askCard(
              action,
              concern,
              { department: "Please choose the department to reassign to." },
              typed,
            ),
          );
        }
        coreAction = {
          type: "reassign",
          toDepartment: department.id,
          toDepartmentName: department.name,
          reason: typed.reason || undefined,
        };
      } else coreAction = { type: action };

      const outcome = await actOnConcern(this.ctx, concernId, coreAction, who);
      if (outcome.kind === "already-done") {
        const at = localTime(outcome.at, directory.hospital.timeZone);
        return this.currentCard(
          concernId,
          `${outcome.concern.reference} was already ${outcome.action}d by ${outcome.by.displayName} at ${at}.`,
        );
      }
      this.deps.kickDelivery();
      return cardResponse(concernCard(channelCardView(directory, outcome.concern, this.ctx.clock.now())));
    } catch (error) {
      return this.actFailed(error, action, submit, concernId, typed);
    }
  }

  /**
   * A refusal the person can act on shows on the card (next to the field when it is about one); any
   * other failure (the store is down) must not read the store again: the person gets the same input
   * card back with what they typed and a NOT saved message, or a card saying the click was not saved.
   */
  private async actFailed(
    error: unknown,
    action: CardAction,
    submit: boolean,
    concernId: ConcernId,
    typed: TypedValues,
  ): Promise<AdaptiveCardInvokeResponse> {
    const asks = TEAMS_VERBS[action].asks;
    if (!(error instanceof LiaisonError)) {
      const reply = this.notSaved(error, action);
      if (asks && submit)
        return cardResponse(this.askCard(action, { id: concernId }, { form: reply }, typed));
      return cardResponse(messageCard(reply));
    }
    if (error instanceof InvalidInputError && asks) {
      const message = Object.values(error.fieldErrors)[0];
      const field = action === "reassign" ? { department: message } : { text: message };
      const concern = await this.ctx.concerns.findById(concernId).catch(() => undefined);
      return cardResponse(this.askCard(action, concern ?? { id: concernId }, field, typed));
    }
    return this.currentCard(concernId, error.message).catch(() => cardResponse(messageCard(error.message)));
  }

  /** The card that asks for a note, a reason or a department; it keeps what was typed. */
  private askCard(
    action: CardAction,
    concern: AskTarget,
    errors: { text?: string; department?: string; form?: string } = {},
    typed: Partial<TypedValues> = {},
  ): CardJson {
    // Reassign's free text is its "reason" input; the others' is "text".
    const verb = `${TEAMS_VERBS[action].verb}${SUBMIT_SUFFIX}`;
    const base = { verb, concernId: concern.id, reference: concern.reference ?? "" };
    if (action === "reassign") {
      const departments = this.ctx
        .directory()
        .directory.departments.filter((d) => d.id !== concern.departmentId)
        .map((d) => ({ title: d.name, value: d.id }));
      return textInputCard(
        {
          ...base,
          title: "Reassign concern",
          label: "New department",
          submitTitle: "Reassign",
          required: false,
          departments,
        },
        { department: typed.department, reason: typed.reason },
        errors,
      );
    }
    const copy = TEXT_COPY[action as keyof typeof TEXT_COPY];
    const required = action !== "resolve" || (concern.isGrievance ?? false);
    return textInputCard(
      { ...base, title: copy.title, label: copy.label, submitTitle: copy.title.split(" ")[0]!, required },
      { text: typed.text },
      errors,
    );
  }

  private failed(error: unknown): AdaptiveCardInvokeResponse {
    return cardResponse(messageCard(this.explain(error)));
  }

  private explain(error: unknown): string {
    if (error instanceof LiaisonError) return error.message;
    this.ctx.logger.error({ err: error }, "teams handler failed");
    return SOMETHING_WENT_WRONG;
  }

  /** The reply to a submission that failed: it says plainly that nothing was saved. */
  private notSaved(error: unknown, attempt: Attempt): string {
    if (error instanceof LiaisonError) return refusedReply(attempt, error.message);
    this.ctx.logger.error({ err: error, attempt }, "teams submission not saved");
    return notSavedReply(attempt);
  }
}

interface TypedValues {
  text: string;
  department?: string;
  reason: string;
}

/** What the person typed or chose on an input card, as the invoke's data carries it. */
function typedValues(data: Record<string, unknown>): TypedValues {
  const str = (k: string) => (typeof data[k] === "string" ? (data[k] as string).trim() : "");
  return { text: str("text"), department: str("department") || undefined, reason: str("reason") };
}
