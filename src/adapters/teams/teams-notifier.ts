import { type Activity, type CloudAdapter, type ConversationReference, MessageFactory } from "botbuilder";
import type {
  ChatNotifier,
  Clock,
  Delivery,
  DeliveryOf,
  DeliveryOutcome,
  MessageLocation,
  TeamsConversationStore,
} from "../../core/index.ts";
import { asAttachment, concernCard, digestCard, teamsMessageLink } from "./teams-cards.ts";
import { literalMessage, withMentions } from "./teams-text.ts";
import { ThreadThrottle } from "./thread-throttle.ts";

/** How Liaison reaches Teams: the bot's adapter and identity, and the conversations Teams told it about. */
export interface TeamsNotifierDeps {
  adapter: CloudAdapter;
  /** Empty in local (Emulator) mode. */
  appId: string;
  tenantId?: string;
  conversations: TeamsConversationStore;
  /** For the per-thread throttle's windows. */
  clock: Clock;
}

/** Teams answers worth retrying (throttled, precondition, gateway); others need a person to fix. */
const RETRYABLE = new Set([408, 412, 429, 500, 502, 503, 504]);

/** Turns a Bot Connector failure into what the delivery loop should do about it. */
export function classifyTeamsError(error: unknown): DeliveryOutcome {
  const e = error as {
    statusCode?: number;
    response?: { headers?: { get?: (n: string) => string | undefined } };
    message?: string;
  };
  const status = e.statusCode;
  if (status === undefined) return { kind: "retry", error: e.message ?? String(error) };
  const retryAfter = Number(e.response?.headers?.get?.("retry-after"));
  if (RETRYABLE.has(status)) {
    return {
      kind: "retry",
      error: `HTTP ${status}`,
      ...(retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
    };
  }
  return { kind: "failed", error: `HTTP ${status}: ${(e.message ?? "").split("\n")[0]}` };
}

/** A channel message's thread, as Teams names the conversation. */
const threadId = (card: MessageLocation) => `${card.channelId};messageid=${card.messageId}`;

/** The Teams thread a message will land in, for the per-thread limits. */
function threadOf(d: Delivery): string {
  switch (d.kind) {
    case "post-card":
      return d.channelId;
    case "update-cards":
      return d.cards[0] ? threadId(d.cards[0].card) : "none";
    case "thread-reply":
      return threadId(d.card);
    case "direct":
    case "digest":
      return `user:${d.userId}`;
  }
}

/*
 * What each message delivery sends, drawn in one place so the notifier and the card-schema test
 * (test/adaptive-cards/official-schema.test.ts) look at the same activity.
 */

/** A reply under a concern's card: its text shown literally, with the people it @mentions. */
export function threadReplyActivity(d: DeliveryOf<"thread-reply">): Partial<Activity> {
  return withMentions(literalMessage(d.text), d.mentions);
}

/** A 1:1 message: its text shown literally, with the concern and a link to its card when it has them. */
export function directMessageActivity(d: DeliveryOf<"direct">): Partial<Activity> {
  const link = d.link && teamsMessageLink(d.link.channelId, d.link.messageId);
  return literalMessage(d.text, d.view, link);
}

/** A manager's digest, each concern linked to its card where Liaison knows where that card is. */
export function digestActivity(d: DeliveryOf<"digest">): Partial<Activity> {
  const link = (id: string) => {
    const card = d.cards.get(id);
    return card && teamsMessageLink(card.channelId, card.messageId);
  };
  return MessageFactory.attachment(asAttachment(digestCard(d.digest, link)));
}

/**
 * Liaison's outbox, said in Teams: proactive channel cards, in-place updates, replies and 1:1 chats.
 * Everything it sends is already resolved by the core; it draws Adaptive Cards, addresses them through
 * the stored conversation references, paces each thread and classifies errors.
 */
export class TeamsNotifier implements ChatNotifier {
  readonly platform = "teams" as const;

  private readonly throttle: ThreadThrottle;

  constructor(private readonly deps: TeamsNotifierDeps) {
    this.throttle = new ThreadThrottle(() => deps.clock.now().getTime());
  }

  async deliver(delivery: Delivery): Promise<DeliveryOutcome> {
    const wait = this.throttle.acquire(threadOf(delivery));
    if (wait > 0) return { kind: "defer", reason: "Teams per-thread rate limit", retryAfterMs: wait };
    try {
      return await this.send(delivery);
    } catch (error) {
      return classifyTeamsError(error);
    }
  }

  private async serviceUrl(): Promise<string | undefined> {
    return this.deps.conversations.serviceUrl(this.deps.tenantId);
  }

  /** A reference to a channel message's thread, for updating it or replying under it. */
  private threadReference(serviceUrl: string, card: MessageLocation): Partial<ConversationReference> {
    return {
      channelId: "msteams",
      serviceUrl,
      conversation: {
        id: threadId(card),
        isGroup: true,
        conversationType: "channel",
        tenantId: this.deps.tenantId,
        name: "",
      },
    };
  }

  private async send(d: Delivery): Promise<DeliveryOutcome> {
    const serviceUrl = await this.serviceUrl();
    if (!serviceUrl) {
      return {
        kind: "failed",
        error: "Liaison has not been installed in Teams yet: add the app to the department's team first",
      };
    }
    switch (d.kind) {
      case "post-card":
        return this.postCard(serviceUrl, d);
      case "update-cards":
        return this.updateCards(serviceUrl, d);
      case "thread-reply":
        return this.threadReply(serviceUrl, d);
      case "direct":
        await this.sendToPerson(serviceUrl, d.userId, directMessageActivity(d));
        return { kind: "sent" };
      case "digest":
        await this.sendToPerson(serviceUrl, d.userId, digestActivity(d));
        return { kind: "sent" };
    }
  }

  private async postCard(serviceUrl: string, d: DeliveryOf<"post-card">): Promise<DeliveryOutcome> {
    const { adapter, appId, tenantId } = this.deps;
    let conversationId = "";
    const parameters = {
      isGroup: true,
      bot: { id: appId, name: "Liaison" },
      channelData: { channel: { id: d.channelId }, ...(tenantId ? { tenant: { id: tenantId } } : {}) },
      activity: MessageFactory.attachment(asAttachment(concernCard(d.view))),
      tenantId,
    };
    await adapter.createConversationAsync(
      appId,
      "msteams",
      serviceUrl,
      "",
      parameters as never,
      async (context) => {
        conversationId = context.activity.conversation.id;
      },
    );
    // A new channel thread's conversation id ends with ";messageid=<the card's message id>".
    const messageId = conversationId.split(";messageid=")[1];
    if (!messageId)
      return { kind: "failed", error: `Teams did not return the card's message id (${conversationId})` };
    return { kind: "sent", posted: { channelId: d.channelId, messageId } };
  }

  private async updateCards(serviceUrl: string, d: DeliveryOf<"update-cards">): Promise<DeliveryOutcome> {
    for (const { card, view } of d.cards) {
      const reference = this.threadReference(serviceUrl, card);
      await this.deps.adapter.continueConversationAsync(this.deps.appId, reference, async (context) => {
        await context.updateActivity({
          id: card.messageId,
          type: "message",
          attachments: [asAttachment(concernCard(view))],
        });
      });
    }
    return { kind: "sent" };
  }

  private async threadReply(serviceUrl: string, d: DeliveryOf<"thread-reply">): Promise<DeliveryOutcome> {
    const reference = this.threadReference(serviceUrl, d.card);
    await this.deps.adapter.continueConversationAsync(this.deps.appId, reference, async (context) => {
      await context.sendActivity(threadReplyActivity(d));
    });
    return { kind: "sent" };
  }

  /** A 1:1 chat: the stored one when the person has talked to Liaison, else a new one by object id. */
  private async sendToPerson(
    serviceUrl: string,
    aadObjectId: string,
    activity: Partial<Activity>,
  ): Promise<void> {
    const { adapter, appId } = this.deps;
    const chat = await this.deps.conversations.personalChat(aadObjectId);
    if (chat) {
      // The reference is the one botbuilder gave this adapter when the chat was opened.
      const reference = chat.reference as Partial<ConversationReference>;
      await adapter.continueConversationAsync(appId, reference, async (context) => {
        await context.sendActivity(activity);
      });
      return;
    }
    await adapter.createConversationAsync(
      appId,
      "msteams",
      serviceUrl,
      "",
      {
        isGroup: false,
        bot: { id: appId, name: "Liaison" },
        members: [{ id: aadObjectId, name: "" }],
        tenantId: this.deps.tenantId,
        ...(this.deps.tenantId ? { channelData: { tenant: { id: this.deps.tenantId } } } : {}),
      } as never,
      async (context) => {
        await context.sendActivity(activity);
      },
    );
  }
}
