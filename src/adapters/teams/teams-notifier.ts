import { type Activity, type CloudAdapter, type ConversationReference, MessageFactory } from "botbuilder";
import { channelCardView, type CardView } from "../../core/channel-card-view.ts";
import { currentCard, needsMovedMark, threadCard } from "../../core/concern-cards.ts";
import type { Clock } from "../../core/clock.port.ts";
import type { Concern } from "../../core/concern.ts";
import type { DirectoryIndex } from "../../core/directory-index.ts";
import { digestCardLocations } from "../../core/digest-card-locations.ts";
import type { ConcernId } from "../../core/ids.ts";
import type { ChatMessage, OutboxEntry } from "../../core/outbound-message.ts";
import type { ChatNotifier, DeliveryOutcome } from "../../core/ports/chat-notifier.port.ts";
import type { ConcernRepository } from "../../core/ports/concern-repository.port.ts";
import { asAttachment, concernCard, digestCard, teamsMessageLink } from "./teams-cards.ts";
import { literalMessage } from "./teams-text.ts";
import type { TeamsConversationStore } from "../../core/ports/teams-conversation-store.port.ts";
import { ThreadThrottle } from "./thread-throttle.ts";

type MessageOf<K extends ChatMessage["kind"]> = Extract<ChatMessage, { kind: K }>;

export interface TeamsNotifierDeps {
  adapter: CloudAdapter;
  /** Empty in local (Emulator) mode. */
  appId: string;
  tenantId?: string;
  conversations: TeamsConversationStore;
  concerns: Pick<ConcernRepository, "findById" | "saveCard">;
  directory: () => DirectoryIndex;
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

/** Liaison's outbox, said in Teams: proactive channel cards, in-place updates, replies and 1:1 chats. */
export class TeamsNotifier implements ChatNotifier {
  readonly platform = "teams" as const;

  private readonly throttle: ThreadThrottle;

  constructor(private readonly deps: TeamsNotifierDeps) {
    this.throttle = new ThreadThrottle(() => deps.clock.now().getTime());
  }

  async deliver(entry: OutboxEntry): Promise<DeliveryOutcome> {
    const wait = this.throttle.acquire(await this.threadOf(entry));
    if (wait > 0) return { kind: "defer", reason: "Teams per-thread rate limit", retryAfterMs: wait };
    try {
      return await this.send(entry);
    } catch (error) {
      return classifyTeamsError(error);
    }
  }

  /** The Teams thread a message will land in, for the per-thread limits. */
  private async threadOf(entry: OutboxEntry): Promise<string> {
    const m = entry.message;
    switch (m.kind) {
      case "post-card":
        return this.deps.directory().department(m.departmentId)?.teamsChannelId ?? "none";
      case "update-cards":
      case "thread-reply": {
        const card = (await this.deps.concerns.findById(m.concernId))?.cards.find(
          (c) => c.platform === "teams",
        );
        return card ? `${card.channelId};messageid=${card.messageId}` : "none";
      }
      case "direct":
      case "digest":
        return `person:${m.personId}`;
      case "direct-to-user":
        return `user:${m.platformUserId}`;
    }
  }

  private async concern(id: ConcernId): Promise<Concern> {
    const concern = await this.deps.concerns.findById(id);
    if (!concern) throw new Error(`concern ${id} not found`);
    return concern;
  }

  private async serviceUrl(): Promise<string | undefined> {
    return this.deps.conversations.serviceUrl(this.deps.tenantId);
  }

  /** A reference to a channel message's thread, for updating it or replying under it. */
  private threadReference(
    serviceUrl: string,
    channelId: string,
    messageId: string,
  ): Partial<ConversationReference> {
    return {
      channelId: "msteams",
      serviceUrl,
      conversation: {
        id: `${channelId};messageid=${messageId}`,
        isGroup: true,
        conversationType: "channel",
        tenantId: this.deps.tenantId,
        name: "",
      },
    };
  }

  private async send(entry: OutboxEntry): Promise<DeliveryOutcome> {
    const serviceUrl = await this.serviceUrl();
    if (!serviceUrl) {
      return {
        kind: "failed",
        error: "Liaison has not been installed in Teams yet: add the app to the department's team first",
      };
    }
    const m = entry.message;
    switch (m.kind) {
      case "post-card":
        return this.postCard(serviceUrl, m);
      case "update-cards":
        return this.updateCards(serviceUrl, m);
      case "thread-reply":
        return this.threadReply(serviceUrl, m);
      case "direct":
        return this.direct(serviceUrl, m);
      case "direct-to-user": {
        const message = this.directMessage(m.text, await this.concern(m.concernId));
        await this.sendToPerson(serviceUrl, m.platformUserId, message);
        return { kind: "sent" };
      }
      case "digest":
        return this.digest(serviceUrl, m);
    }
  }

  private async postCard(serviceUrl: string, m: MessageOf<"post-card">): Promise<DeliveryOutcome> {
    const directory = this.deps.directory();
    const { adapter, appId, tenantId } = this.deps;
    const channelId = directory.department(m.departmentId)?.teamsChannelId;
    if (!channelId) return { kind: "failed", error: `department ${m.departmentId} has no Teams channel` };
    const view = channelCardView(
      directory,
      await this.concern(m.concernId),
      this.deps.clock.now(),
      m.departmentId,
    );
    let conversationId = "";
    const parameters = {
      isGroup: true,
      bot: { id: appId, name: "Liaison" },
      channelData: { channel: { id: channelId }, ...(tenantId ? { tenant: { id: tenantId } } : {}) },
      activity: MessageFactory.attachment(asAttachment(concernCard(view))),
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
    return {
      kind: "sent",
      card: { platform: "teams", departmentId: m.departmentId, channelId, messageId, state: "active" },
    };
  }

  private async updateCards(serviceUrl: string, m: MessageOf<"update-cards">): Promise<DeliveryOutcome> {
    const directory = this.deps.directory();
    const concern = await this.concern(m.concernId);
    for (const card of concern.cards.filter((c) => c.platform === "teams")) {
      const view = channelCardView(directory, concern, this.deps.clock.now(), card.departmentId);
      const reference = this.threadReference(serviceUrl, card.channelId, card.messageId);
      await this.deps.adapter.continueConversationAsync(this.deps.appId, reference, async (context) => {
        await context.updateActivity({
          id: card.messageId,
          type: "message",
          attachments: [asAttachment(concernCard(view))],
        });
      });
      if (needsMovedMark(concern, card)) {
        await this.deps.concerns.saveCard(concern.id, { ...card, state: "moved" });
      }
    }
    return { kind: "sent" };
  }

  private async threadReply(serviceUrl: string, m: MessageOf<"thread-reply">): Promise<DeliveryOutcome> {
    const card = threadCard(await this.concern(m.concernId), "teams");
    if (!card) return { kind: "retry", error: "the card has not been posted yet" };
    const reference = this.threadReference(serviceUrl, card.channelId, card.messageId);
    await this.deps.adapter.continueConversationAsync(this.deps.appId, reference, async (context) => {
      await context.sendActivity(literalMessage(m.text));
    });
    return { kind: "sent" };
  }

  private async direct(serviceUrl: string, m: MessageOf<"direct">): Promise<DeliveryOutcome> {
    const directory = this.deps.directory();
    const person = directory.person(m.personId);
    if (!person?.teamsAadObjectId) return { kind: "failed", error: `${m.personId} has no Teams object id` };
    const concern = m.concernId ? await this.concern(m.concernId) : undefined;
    const view =
      m.withCard && concern ? channelCardView(directory, concern, this.deps.clock.now()) : undefined;
    await this.sendToPerson(serviceUrl, person.teamsAadObjectId, this.directMessage(m.text, concern, view));
    return { kind: "sent" };
  }

  private async digest(serviceUrl: string, m: MessageOf<"digest">): Promise<DeliveryOutcome> {
    const person = this.deps.directory().person(m.personId);
    if (!person?.teamsAadObjectId) return { kind: "failed", error: `${m.personId} has no Teams object id` };
    const cards = await digestCardLocations(this.deps.concerns, m.digest, "teams");
    const link = (id: string) => {
      const card = cards.get(id);
      return card && teamsMessageLink(card.channelId, card.messageId);
    };
    const message = MessageFactory.attachment(asAttachment(digestCard(m.digest, link)));
    await this.sendToPerson(serviceUrl, person.teamsAadObjectId, message);
    return { kind: "sent" };
  }

  /** A direct message: plain text, or a card with the concern's summary and a link to its channel card. */
  private directMessage(text: string, concern: Concern | undefined, view?: CardView) {
    const card = concern && currentCard(concern, "teams");
    const link = card ? teamsMessageLink(card.channelId, card.messageId) : undefined;
    return literalMessage(text, view, link);
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
