import type { KnownBlock } from "@slack/types";
import { type CardView, type DigestContent, type DigestItem, localTime } from "../../core/index.ts";
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
      fact("Patient ref.", view.patient),
      fact("Category", view.category),
      fact("Department", view.department),
    ]),
    literalSection(view.description),
  ];
  if (view.resolutionLine) blocks.push(literalSection(view.resolutionLine));
  const notes = [view.escalationLine, view.reassignedLine, view.grievanceLine, view.raisedLine];
  blocks.push(literalContext(notes.filter((x): x is string => Boolean(x))));
  if (view.movedTo) {
    blocks.push(
      literalContext([`Follow the concern in ${view.movedTo}'s channel; this card is kept for the record.`]),
    );
  }
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
  const when =
    item.state === "overdue" ? `${item.overdueMinutes} min overdue` : `due in ${-item.overdueMinutes} min`;
  const clock = item.clock === "grievance" ? "grievance notice" : item.clock;
  const owner = item.ownerName ? `owner ${item.ownerName}` : "no owner";
  const age = item.ageMinutes < 60 ? `${item.ageMinutes} min` : `${Math.floor(item.ageMinutes / 60)} h`;
  return [
    link ? { text: item.reference, link } : { text: item.reference, bold: true },
    {
      text: ` · ${item.severity} · ${item.categoryLabel} · ${item.unit} ${item.room} · ${clock} ${when} · age ${age} · ${owner}`,
    },
  ];
}

/** A manager's overdue digest: grouped by department, oldest first, a link to each card. */
export function digestBlocks(
  digest: DigestContent,
  linkFor: (concernId: string) => string | undefined,
): Block[] {
  const blocks: Block[] = [
    {
      type: "header",
      text: plain(
        `Overdue concerns · ${localTime(new Date(digest.generatedAt), digest.timeZone)}`,
        BLOCK_KIT.headerText,
      ),
    },
  ];
  const withItems = digest.departments.filter((d) => d.items.length > 0);
  if (withItems.length === 0)
    blocks.push({ type: "section", text: ownMrkdwn("All clear: nothing is overdue or at risk.") });
  // Two blocks per department, within the 50-block limit with the header and the parked note.
  for (const dept of withItems.slice(0, 23)) {
    blocks.push(richText([[{ text: `${dept.name} (${dept.items.length})`, bold: true }]]));
    blocks.push(richList(dept.items.slice(0, 20).map((i) => digestLine(i, linkFor(i.concernId)))));
  }
  if (withItems.length > 23) {
    blocks.push(literalContext([`…and ${withItems.length - 23} more departments with overdue concerns.`]));
  }
  if (digest.parkedDeliveries > 0) {
    blocks.push({
      type: "context",
      elements: [
        ownMrkdwn(
          `⚠️ ${digest.parkedDeliveries} message(s) could not be delivered after every retry; see /healthz.`,
          BLOCK_KIT.contextText,
        ),
      ],
    });
  }
  return blocks;
}
