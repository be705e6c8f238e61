import type { CardView } from "../../core/channel-card-view.ts";
import type { DigestContent } from "../../core/digest.ts";
import { localTime } from "../../core/business-time.ts";
import { BLOCK_KIT, escapeMrkdwn, mrkdwn, plain, truncate } from "./block-kit-limits.ts";
import { slackButtons } from "./slack-action-table.ts";

/** A Block Kit block; built as plain data and checked against the limits by a property test. */
export type Block = { type: string; block_id?: string; [key: string]: unknown };

/** A concern's card as Block Kit: header, facts, description, status, buttons. */
export function cardBlocks(view: CardView): Block[] {
  const blocks: Block[] = [
    { type: "header", text: plain(view.title, BLOCK_KIT.headerText) },
    {
      type: "section",
      fields: [
        mrkdwn(`*Unit / room*\n${view.unit} · ${view.room}`, BLOCK_KIT.fieldText),
        mrkdwn(`*Patient ref.*\n${view.patient}`, BLOCK_KIT.fieldText),
        mrkdwn(`*Category*\n${view.category}`, BLOCK_KIT.fieldText),
        mrkdwn(`*Department*\n${view.department}`, BLOCK_KIT.fieldText),
      ],
    },
    { type: "section", text: mrkdwn(view.description, BLOCK_KIT.sectionText) },
    {
      type: "context",
      elements: [
        mrkdwn(view.raisedLine, BLOCK_KIT.contextText),
        mrkdwn(`*${view.statusLine}*`, BLOCK_KIT.contextText),
      ],
    },
  ];
  const notes = [view.escalationLine, view.grievanceLine].filter((x): x is string => Boolean(x));
  if (notes.length > 0) {
    blocks.push({ type: "context", elements: notes.map((n) => mrkdwn(n, BLOCK_KIT.contextText)) });
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
  return truncate(`${view.title} · ${view.category} · ${view.unit} ${view.room} · ${view.statusLine}`, 3000);
}

export const slackPermalink = (channelId: string, ts: string) =>
  `https://slack.com/archives/${channelId}/p${ts.replace(".", "")}`;

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
  const total = digest.departments.reduce((n, d) => n + d.items.length, 0);
  if (total === 0)
    blocks.push({ type: "section", text: mrkdwn("All clear: nothing is overdue or at risk.", 3000) });
  // Room for the header, the parked note and one "more" line: 47 departments' worth of blocks.
  for (const dept of digest.departments.filter((d) => d.items.length > 0).slice(0, 40)) {
    const lines = dept.items.map((i) => {
      const link = linkFor(i.concernId);
      const ref = link ? `<${link}|${i.reference}>` : i.reference;
      const when =
        i.state === "overdue" ? `${i.overdueMinutes} min overdue` : `due in ${-i.overdueMinutes} min`;
      const clock = i.clock === "grievance" ? "grievance notice" : i.clock;
      const owner = i.ownerName ? `owner ${escapeMrkdwn(i.ownerName)}` : "no owner";
      return `• ${ref} · ${i.severity} · ${escapeMrkdwn(i.categoryLabel)} · ${escapeMrkdwn(`${i.unit} ${i.room}`)} · ${clock} ${when} · age ${Math.round(i.ageMinutes / 60)} h · ${owner}`;
    });
    // Built from escaped pieces and our own links, so the section itself is not escaped again.
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: truncate(`*${dept.name}* (${dept.items.length})\n${lines.join("\n")}`, BLOCK_KIT.sectionText),
      },
    });
  }
  if (digest.parkedDeliveries > 0) {
    blocks.push({
      type: "context",
      elements: [
        mrkdwn(
          `⚠️ ${digest.parkedDeliveries} message(s) could not be delivered after every retry; see /healthz.`,
          2000,
        ),
      ],
    });
  }
  return blocks;
}
