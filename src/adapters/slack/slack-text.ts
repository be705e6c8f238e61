import type {
  ContextBlock,
  MrkdwnElement,
  PlainTextElement,
  RichTextBlock,
  RichTextElement,
  RichTextSection,
  SectionBlock,
} from "@slack/types";
import { BLOCK_KIT, truncate } from "./block-kit-limits.ts";

/*
 * The one place Slack text is made safe. Text that came from a person or a profile (descriptions,
 * notes, unit and room, display names) is only ever shown through Block Kit objects Slack does not
 * parse: `plain_text` objects and rich-text `text` elements. mrkdwn has no escape for `*`, `_`, `~`
 * or backticks, so mrkdwn objects carry Liaison's own words only. The top-level `text` that every
 * message needs (notifications, screen readers) goes through `fallbackText`, which neutralises
 * mentions, links and entities.
 */

/** A piece of rich text: literal text, optionally bold or marked (a likely identifier), or a link Liaison made. */
export type Span = { text: string; bold?: boolean; marked?: boolean } | { text: string; link: string };

/** Slack's control sequences (<!channel>, <@U…>, <url|label>) all start with "<"; entities with "&". */
export function escapeControlSequences(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Text objects must not be empty: an empty value is shown as a dash rather than refused by Slack. */
const nonEmpty = (text: string) => (text.trim().length > 0 ? text : "—");

/** A person's words as a plain_text object: shown exactly as typed, never parsed, emoji codes included. */
export function literal(text: string, max: number = BLOCK_KIT.sectionText): PlainTextElement {
  return { type: "plain_text", text: truncate(nonEmpty(text), max), emoji: false };
}

/** Liaison's own formatted words (bold, code) — never with a person's text inside. */
export function ownMrkdwn(text: string, max: number = BLOCK_KIT.sectionText): MrkdwnElement {
  return { type: "mrkdwn", text: truncate(text, max), verbatim: true };
}

/** The top-level `text` of a message: a notification preview that can never ping or link. */
export function fallbackText(text: string): string {
  const escaped = escapeControlSequences(nonEmpty(text));
  if (Array.from(escaped).length <= BLOCK_KIT.messageText) return escaped;
  // Cut, then drop an entity the cut split ("&am…" would show literally).
  const cut = truncate(escaped, BLOCK_KIT.messageText);
  return cut.replace(/&[a-z]{0,3}…$/, "…");
}

/** A section showing a person's words (or Liaison's sentence that quotes them) literally. */
export function literalSection(text: string): SectionBlock {
  return { type: "section", text: literal(text) };
}

/** Long words over as many sections as they need, so nothing a person typed is cut off. */
export function literalSections(text: string): SectionBlock[] {
  const chars = Array.from(text);
  const sections: SectionBlock[] = [];
  for (let i = 0; i < chars.length; i += BLOCK_KIT.sectionText) {
    sections.push(literalSection(chars.slice(i, i + BLOCK_KIT.sectionText).join("")));
  }
  return sections.length > 0 ? sections.slice(0, BLOCK_KIT.blocksPerMessage - 1) : [literalSection(text)];
}

/** Slack member ids as Slack hands them out; anything else is never put in a mention. */
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,20}$/;

/**
 * A line that @mentions people, so Slack notifies them. Built only from member ids Liaison looked up
 * (the directory, or the id someone acted with), never from text a person typed.
 */
export function mentionLine(userIds: readonly string[]): ContextBlock | undefined {
  const ids = userIds.filter((id) => SLACK_USER_ID.test(id));
  if (ids.length === 0) return undefined;
  return { type: "context", elements: [ownMrkdwn(ids.map((id) => `<@${id}>`).join(" "))] };
}

export function literalContext(lines: readonly string[]): ContextBlock {
  return { type: "context", elements: lines.map((l) => literal(l, BLOCK_KIT.contextText)) };
}

function element(span: Span, max: number): RichTextElement {
  if ("link" in span) return { type: "link", url: span.link, text: truncate(span.text, max) };
  // Rich text has no highlight colour: a marked span is bold and boxed as code, which stands out.
  const style = span.marked ? { bold: true, code: true } : span.bold ? { bold: true } : undefined;
  return { type: "text", text: truncate(span.text, max), ...(style ? { style } : {}) };
}

/** Non-empty spans, each cut so the whole line stays within a section's length. */
export function richSection(spans: readonly Span[]): RichTextSection {
  const kept = spans.filter((s) => s.text.length > 0);
  const max = Math.max(1, Math.floor(BLOCK_KIT.sectionText / Math.max(1, kept.length)));
  return { type: "rich_text_section", elements: kept.map((s) => element(s, max)) };
}

/** Lines of rich text; none of it is parsed, so a person's words stay words. */
export function richText(lines: readonly (readonly Span[])[]): RichTextBlock {
  return {
    type: "rich_text",
    elements: [richSection(lines.flatMap((l, i) => (i === 0 ? l : [{ text: "\n" }, ...l])))],
  };
}

/** A bulleted list of rich-text lines. */
export function richList(items: readonly (readonly Span[])[]): RichTextBlock {
  return {
    type: "rich_text",
    elements: [{ type: "rich_text_list", style: "bullet", elements: items.map((i) => richSection(i)) }],
  };
}
