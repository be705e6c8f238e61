import type { WebClient } from "@slack/web-api";
import type {
  ChatNotifier,
  Delivery,
  DeliveryOf,
  DeliveryOutcome,
  MessageLocation,
} from "../../core/index.ts";
import {
  cardBlocks,
  cardFallbackText,
  digestBlocks,
  slackPermalink,
  type Block,
} from "./slack-card-blocks.ts";
import { classifySlackError } from "./slack-delivery-error.ts";
import { fallbackText, literalSections, mentionLine, ownMrkdwn } from "./slack-text.ts";

/**
 * A message's words shown literally (they may quote a person), with a link to the concern's card
 * when it has one here, and the same words as the notification text.
 */
function literalMessage(text: string, card?: MessageLocation): { text: string; blocks: Block[] } {
  const blocks: Block[] = literalSections(text);
  if (card) {
    const link = `<${slackPermalink(card.channelId, card.messageId)}|Open the card>`;
    blocks.push({ type: "context", elements: [ownMrkdwn(link)] });
  }
  return { text: fallbackText(text), blocks };
}

/**
 * Liaison's outbox, said in Slack: cards by chat.postMessage / chat.update, the rest as messages.
 * Everything it sends is already resolved by the core; it only draws Block Kit and classifies errors.
 */
export class SlackNotifier implements ChatNotifier {
  readonly platform = "slack" as const;

  constructor(private readonly client: WebClient) {}

  async deliver(delivery: Delivery): Promise<DeliveryOutcome> {
    try {
      return await this.send(delivery);
    } catch (error) {
      return classifySlackError(error);
    }
  }

  private send(d: Delivery): Promise<DeliveryOutcome> {
    switch (d.kind) {
      case "post-card":
        return this.postCard(d);
      case "update-cards":
        return this.updateCards(d);
      case "thread-reply":
        return this.threadReply(d);
      case "direct":
        return this.direct(d);
      case "digest":
        return this.digest(d);
    }
  }

  private async postCard(d: DeliveryOf<"post-card">): Promise<DeliveryOutcome> {
    const res = await this.client.chat.postMessage({
      channel: d.channelId,
      text: cardFallbackText(d.view),
      blocks: cardBlocks(d.view),
      unfurl_links: false,
    });
    return { kind: "sent", posted: { channelId: res.channel ?? d.channelId, messageId: res.ts! } };
  }

  private async updateCards(d: DeliveryOf<"update-cards">): Promise<DeliveryOutcome> {
    for (const { card, view } of d.cards) {
      await this.client.chat.update({
        channel: card.channelId,
        ts: card.messageId,
        text: cardFallbackText(view),
        blocks: cardBlocks(view),
      });
    }
    return { kind: "sent" };
  }

  private async threadReply(d: DeliveryOf<"thread-reply">): Promise<DeliveryOutcome> {
    const message = literalMessage(d.text);
    const mentions = mentionLine(d.mentions.map((m) => m.userId));
    if (mentions) message.blocks.push(mentions);
    await this.client.chat.postMessage({
      channel: d.card.channelId,
      thread_ts: d.card.messageId,
      ...message,
      reply_broadcast: d.broadcast,
    });
    return { kind: "sent" };
  }

  private async direct(d: DeliveryOf<"direct">): Promise<DeliveryOutcome> {
    const message = literalMessage(d.text, d.link);
    if (d.view) message.blocks.push(...cardBlocks(d.view));
    await this.client.chat.postMessage({ channel: d.userId, ...message });
    return { kind: "sent" };
  }

  private async digest(d: DeliveryOf<"digest">): Promise<DeliveryOutcome> {
    const link = (id: string) => {
      const card = d.cards.get(id);
      return card && slackPermalink(card.channelId, card.messageId);
    };
    const count = d.digest.departments.reduce((n, dept) => n + dept.items.length, 0);
    await this.client.chat.postMessage({
      channel: d.userId,
      text:
        count === 0
          ? "Liaison digest: all clear."
          : `Liaison digest: ${count} overdue or at-risk concern(s).`,
      blocks: digestBlocks(d.digest, link),
    });
    return { kind: "sent" };
  }
}
