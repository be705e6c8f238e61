import { type Activity, MessageFactory } from "botbuilder";
import type { CardView } from "../../core/index.ts";
import { asAttachment, messageCard } from "./teams-cards.ts";

/*
 * The one place Teams text is made safe. Teams renders Markdown in a message's text, in TextBlocks and
 * in FactSets, so text that came from a person or a profile (descriptions, notes, unit and room,
 * display names) is only ever shown as a TextRun inside a RichTextBlock, which Teams never parses:
 * the card templates in adaptive-cards/ bind such fields to TextRuns only (a test checks every
 * template against hostile input), and every message with words goes out as a card through here.
 */

/** What Markdown or a mention tag could make of a name: taken out of the name shown inside <at>…</at>. */
const MENTION_UNSAFE = /[<>[\]()*_~`#|\\\r\n]/g;

/**
 * A message card that also @mentions people, so Teams notifies them: one line of `<at>name</at>` tags
 * with their mention entities. The names come from the directory or a Teams profile, so whatever could
 * be read as Markdown or as another tag is removed from them; the ids are Entra object ids.
 */
export function withMentions(
  message: Partial<Activity>,
  mentions: readonly { name: string; userId: string }[],
): Partial<Activity> {
  if (mentions.length === 0) return message;
  const tagged = mentions.map((m) => ({
    id: m.userId,
    name: m.name.replace(MENTION_UNSAFE, "").trim() || "someone",
  }));
  const attachment = message.attachments![0]!;
  const card = attachment.content as { body?: unknown[]; msteams?: Record<string, unknown> };
  const content = {
    ...card,
    body: [
      ...(card.body ?? []),
      {
        type: "TextBlock",
        text: tagged.map((t) => `<at>${t.name}</at>`).join(" "),
        wrap: true,
        size: "small",
      },
    ],
    msteams: {
      ...card.msteams,
      entities: tagged.map((t) => ({
        type: "mention",
        text: `<at>${t.name}</at>`,
        mentioned: { id: t.id, name: t.name },
      })),
    },
  };
  return { ...message, attachments: [{ ...attachment, content }] };
}

/** A message that shows `text` literally (it may quote a person), optionally with a concern and a link. */
export function literalMessage(text: string, concern?: CardView, link?: string): Partial<Activity> {
  return { ...MessageFactory.attachment(asAttachment(messageCard(text, concern, link))), summary: text };
}
