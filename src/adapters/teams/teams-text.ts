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

/** A message that shows `text` literally (it may quote a person), optionally with a concern and a link. */
export function literalMessage(text: string, concern?: CardView, link?: string): Partial<Activity> {
  return { ...MessageFactory.attachment(asAttachment(messageCard(text, concern, link))), summary: text };
}
