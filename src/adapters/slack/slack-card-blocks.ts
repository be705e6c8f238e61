import type { KnownBlock } from "@slack/types";
import {
  ALL_CLEAR,
  type CardView,
  type DigestContent,
  type DigestDepartment,
  type DigestItem,
  digestHeading,
  digestItemLine,
  moreDepartments,
  moreItems,
  parkedNote,
  unfilledDutiesNote,
} from "../../core/index.ts";
import { BLOCK_KIT, plain } from "./block-kit-limits.ts";
import { slackButtons } from "./slack-action-table.ts";
import {
  fallbackText,
  literalContext,
  literalSection,
  ownMrkdwn,
  richList,
  richText,
  type Span,
} from "./slack-text.ts";

/** A Block Kit block, typed by @slack/types and checked against the limits by a property test. */
export type Block = KnownBlock;

/**
 * A concern's card as Block Kit. Its state comes first, in the header, then the deadline in bold, so a
 * glance at the channel tells what needs doing; the facts, the description and the history follow.
 */
export function cardBlocks(view: CardView): Block[] {
  const fact = (label: string, value: string): Span[] => [
    { text: `${label}: `, bold: true },
    { text: value },
  ];
  const blocks: Block[] = [
    { type: "header", text: plain(`${view.stateLabel} · ${view.title}`, BLOCK_KIT.headerText) },
    richText([[{ text: view.statusLine, bold: true }]]),
    richText([
      fact("Unit / room", `${view.unit} · ${view.room}`),
      // What the directory lets this card show of the patient; at "room only", nothing.
      ...(view.patient ? [fact(view.patientLabel ?? "Patient", view.patient)] : []),
      fact("Category", view.category),
      fact("Department", view.department),
    ]),
    // A repeat or a merge changes how the concern is read, so it sits with the facts.
    ...[view.repeatLine, view.mergeLine]
      .filter((line): line is string => Boolean(line))
      .map((line) => richText([[{ text: line, bold: true }]])),
  ];
  // Shortened or withheld at the directory's level for this card; the hint says the full text exists.
  if (view.description) blocks.push(literalSection(view.description));
  if (view.descriptionHint) blocks.push(literalContext([view.descriptionHint]));
  // Before anything else is done with it, staff should see who sent it and how to reach them.
  if (view.familyLine) blocks.push(literalSection(view.familyLine));
  if (view.resolutionLine) blocks.push(literalSection(view.resolutionLine));
  if (view.noticeLine) {
    // The link is Liaison's own (an unguessable token); the line beside it is plain text.
    const link: Span[] = view.letterUrl
      ? [{ text: view.letterTitle ?? "Letter (PDF)", link: view.letterUrl }, { text: " · " }]
      : [];
    blocks.push(richText([[...link, { text: view.noticeLine }]]));
  }
  const notes = [
    view.escalationLine,
    view.reassignedLine,
    view.grievanceLine,
    view.patientUpdateLine,
    view.qioLine,
    view.satisfactionLine,
    view.raisedLine,
  ];
  blocks.push(literalContext(notes.filter((x): x is string => Boolean(x))));
  if (view.movedTo) {
    blocks.push(
      literalContext([`Follow the concern in ${view.movedTo}'s channel; this card is kept for the record.`]),
    );
  }
  // A card without actions (one sent in a direct message, a merged one) gets no buttons at all.
  if (view.actions.length > 0) {
    blocks.push({
      type: "actions",
      block_id: "liaison_card_actions",
      elements: slackButtons(view.concernId, view.actions),
    });
  }
  return blocks;
}

/** Notification text (shown in alerts and to screen readers); no description, no patient reference. */
export function cardFallbackText(view: CardView): string {
  return fallbackText(
    `${view.stateLabel} · ${view.title} · ${view.category} · ${view.unit} ${view.room} · ${view.statusLine}`,
  );
}

export const slackPermalink = (channelId: string, ts: string) =>
  `https://slack.com/archives/${channelId}/p${ts.replace(".", "")}`;

function digestLine(item: DigestItem, link: string | undefined): Span[] {
  return [
    link ? { text: item.reference, link } : { text: item.reference, bold: true },
    { text: digestItemLine(item) },
  ];
}

/** Within a message's 50 blocks: the header, two per department shown, the "more" line, the parked note. */
const DEPARTMENTS_SHOWN = 23;
/** Items listed per department; the rest are counted, never cut silently. */
const ITEMS_SHOWN = 20;

function departmentBlocks(dept: DigestDepartment, linkFor: (id: string) => string | undefined): Block[] {
  const lines = dept.items.slice(0, ITEMS_SHOWN).map((i) => digestLine(i, linkFor(i.concernId)));
  if (dept.items.length > ITEMS_SHOWN) lines.push([{ text: moreItems(dept.items.length - ITEMS_SHOWN) }]);
  return [richText([[{ text: `${dept.name} (${dept.items.length})`, bold: true }]]), richList(lines)];
}

/** A manager's overdue digest: grouped by department, oldest first, a link to each card. */
export function digestBlocks(
  digest: DigestContent,
  linkFor: (concernId: string) => string | undefined,
): Block[] {
  const blocks: Block[] = [{ type: "header", text: plain(digestHeading(digest), BLOCK_KIT.headerText) }];
  const withItems = digest.departments.filter((d) => d.items.length > 0);
  if (withItems.length === 0) blocks.push({ type: "section", text: ownMrkdwn(ALL_CLEAR) });
  for (const dept of withItems.slice(0, DEPARTMENTS_SHOWN)) blocks.push(...departmentBlocks(dept, linkFor));
  if (withItems.length > DEPARTMENTS_SHOWN) {
    blocks.push(literalContext([moreDepartments(withItems.length - DEPARTMENTS_SHOWN)]));
  }
  if (digest.unfilledDuties?.length) blocks.push(literalContext([unfilledDutiesNote(digest.unfilledDuties)]));
  if (digest.parkedDeliveries > 0) blocks.push(literalContext([parkedNote(digest.parkedDeliveries)]));
  return blocks;
}
