import type { WebClient } from "@slack/web-api";
import { channelCardView } from "../../core/channel-card-view.ts";
import { currentCard, needsMovedMark, threadCard } from "../../core/concern-cards.ts";
import type { Clock } from "../../core/clock.port.ts";
import type { Concern } from "../../core/concern.ts";
import type { DirectoryIndex } from "../../core/directory-index.ts";
import { digestCardLocations } from "../../core/digest-card-locations.ts";
import type { ConcernId } from "../../core/ids.ts";
import type { ChatMessage, OutboxEntry } from "../../core/outbound-message.ts";
import type { ChatNotifier, DeliveryOutcome } from "../../core/ports/chat-notifier.port.ts";
import type { ConcernRepository } from "../../core/ports/concern-repository.port.ts";
import {
  cardBlocks,
  cardFallbackText,
  digestBlocks,
  slackPermalink,
  type Block,
} from "./slack-card-blocks.ts";
import { classifySlackError } from "./slack-delivery-error.ts";
import { fallbackText, literalSections, ownMrkdwn } from "./slack-text.ts";

type MessageOf<K extends ChatMessage["kind"]> = Extract<ChatMessage, { kind: K }>;

export interface SlackNotifierDeps {
  concerns: Pick<ConcernRepository, "findById" | "saveCard">;
  directory: () => DirectoryIndex;
  clock: Clock;
}

/**
 * A message's words shown literally (they may quote a person), with a link to the concern's card
 * when it has one here, and the same words as the notification text.
 */
function literalMessage(text: string, concern?: Concern): { text: string; blocks: Block[] } {
  const card = concern && currentCard(concern, "slack");
  const blocks: Block[] = literalSections(text);
  if (card) {
    const link = `<${slackPermalink(card.channelId, card.messageId)}|Open the card>`;
    blocks.push({ type: "context", elements: [ownMrkdwn(link)] });
  }
  return { text: fallbackText(text), blocks };
}

/** Liaison's outbox, said in Slack: cards by chat.postMessage / chat.update, the rest as messages. */
export class SlackNotifier implements ChatNotifier {
  readonly platform = "slack" as const;

  constructor(
    private readonly client: WebClient,
    private readonly deps: SlackNotifierDeps,
  ) {}

  async deliver(entry: OutboxEntry): Promise<DeliveryOutcome> {
    try {
      return await this.send(entry);
    } catch (error) {
      return classifySlackError(error);
    }
  }

  private async concern(id: ConcernId): Promise<Concern> {
    const concern = await this.deps.concerns.findById(id);
    if (!concern)
      throw Object.assign(new Error(`concern ${id} not found`), { code: "liaison_missing_concern" });
    return concern;
  }

  private send(entry: OutboxEntry): Promise<DeliveryOutcome> {
    const m = entry.message;
    switch (m.kind) {
      case "post-card":
        return this.postCard(m);
      case "update-cards":
        return this.updateCards(m);
      case "thread-reply":
        return this.threadReply(m);
      case "direct":
        return this.direct(m);
      case "direct-to-user":
        return this.directToUser(m);
      case "digest":
        return this.digest(m);
    }
  }

  private async postCard(m: MessageOf<"post-card">): Promise<DeliveryOutcome> {
    const directory = this.deps.directory();
    const concern = await this.concern(m.concernId);
    const channel = directory.department(m.departmentId)?.slackChannelId;
    if (!channel) return { kind: "failed", error: `department ${m.departmentId} has no Slack channel` };
    const view = channelCardView(directory, concern, this.deps.clock.now(), m.departmentId);
    const res = await this.client.chat.postMessage({
      channel,
      text: cardFallbackText(view),
      blocks: cardBlocks(view),
      unfurl_links: false,
    });
    const card = { departmentId: m.departmentId, channelId: res.channel ?? channel, messageId: res.ts! };
    return { kind: "sent", card: { platform: "slack", ...card, state: "active" } };
  }

  private async updateCards(m: MessageOf<"update-cards">): Promise<DeliveryOutcome> {
    const directory = this.deps.directory();
    const concern = await this.concern(m.concernId);
    for (const card of concern.cards.filter((c) => c.platform === "slack")) {
      const view = channelCardView(directory, concern, this.deps.clock.now(), card.departmentId);
      await this.client.chat.update({
        channel: card.channelId,
        ts: card.messageId,
        text: cardFallbackText(view),
        blocks: cardBlocks(view),
      });
      if (needsMovedMark(concern, card)) {
        await this.deps.concerns.saveCard(concern.id, { ...card, state: "moved" });
      }
    }
    return { kind: "sent" };
  }

  private async threadReply(m: MessageOf<"thread-reply">): Promise<DeliveryOutcome> {
    const card = threadCard(await this.concern(m.concernId), "slack");
    if (!card) return { kind: "retry", error: "the card has not been posted yet" };
    await this.client.chat.postMessage({
      channel: card.channelId,
      thread_ts: card.messageId,
      ...literalMessage(m.text),
      reply_broadcast: m.broadcast,
    });
    return { kind: "sent" };
  }

  private async direct(m: MessageOf<"direct">): Promise<DeliveryOutcome> {
    const directory = this.deps.directory();
    const person = directory.person(m.personId);
    if (!person?.slackUserId) return { kind: "failed", error: `${m.personId} has no Slack user id` };
    const concern = m.concernId ? await this.concern(m.concernId) : undefined;
    const message = literalMessage(m.text, concern);
    if (m.withCard && concern) {
      message.blocks.push(...cardBlocks(channelCardView(directory, concern, this.deps.clock.now())));
    }
    await this.client.chat.postMessage({ channel: person.slackUserId, ...message });
    return { kind: "sent" };
  }

  private async directToUser(m: MessageOf<"direct-to-user">): Promise<DeliveryOutcome> {
    const message = literalMessage(m.text, await this.concern(m.concernId));
    await this.client.chat.postMessage({ channel: m.platformUserId, ...message });
    return { kind: "sent" };
  }

  private async digest(m: MessageOf<"digest">): Promise<DeliveryOutcome> {
    const person = this.deps.directory().person(m.personId);
    if (!person?.slackUserId) return { kind: "failed", error: `${m.personId} has no Slack user id` };
    const cards = await digestCardLocations(this.deps.concerns, m.digest, "slack");
    const link = (id: string) => {
      const card = cards.get(id);
      return card && slackPermalink(card.channelId, card.messageId);
    };
    const count = m.digest.departments.reduce((n, d) => n + d.items.length, 0);
    await this.client.chat.postMessage({
      channel: person.slackUserId,
      text:
        count === 0
          ? "Liaison digest: all clear."
          : `Liaison digest: ${count} overdue or at-risk concern(s).`,
      blocks: digestBlocks(m.digest, link),
    });
    return { kind: "sent" };
  }
}
