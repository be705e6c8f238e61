import { localDateTime } from "../escalation/business-time.ts";
import { formatMinutes } from "../escalation/duration.ts";
import { SEVERITY_MARK } from "../concern/severity.ts";
import type { DigestContent, DigestItem } from "./digest.ts";

/*
 * A digest's words, decided once for both platforms: each draws them its own way (Slack rich text,
 * Teams TextRuns) and adds only links. The owner's name is a person's text: shown literally.
 */

/** "Overdue concerns · Tue 1 Dec 07:00": with the date, since a digest is read later too. */
export const digestHeading = (digest: DigestContent) =>
  `Overdue concerns · ${localDateTime(new Date(digest.generatedAt), digest.timeZone)}`;

export const ALL_CLEAR = "✅ All clear: nothing is overdue or at risk.";

/** What follows an item's reference: " · 🟠 High · Pain not managed · 4W 412 · acknowledge 6 h 2 min overdue · …". */
export function digestItemLine(item: DigestItem): string {
  const when =
    item.state === "overdue"
      ? `${formatMinutes(item.overdueMinutes)} overdue`
      : `due in ${formatMinutes(-item.overdueMinutes)}`;
  const clock = item.clock === "grievance" ? "grievance notice" : item.clock;
  const owner = item.ownerName ? `owner ${item.ownerName}` : "no owner";
  return ` · ${SEVERITY_MARK[item.severity]} · ${item.categoryLabel} · ${item.unit} ${item.room} · ${clock} ${when} · age ${formatMinutes(item.ageMinutes)} · ${owner}`;
}

/** Said when a department has more items than a message can hold: nothing disappears silently. */
export const moreItems = (hidden: number) => `…and ${hidden} more`;

export const moreDepartments = (hidden: number) =>
  `…and ${hidden} more departments with overdue or at-risk concerns.`;

/** A manager can do nothing with a health page; they can tell the person who can. */
export const parkedNote = (count: number) =>
  `⚠️ ${count} message(s) could not be delivered after every retry. Please tell your Liaison administrator.`;

/** Duties nobody has taken in the recipient's departments, one line each after the heading. */
export const unfilledDutiesNote = (lines: readonly string[]) =>
  ["Duties nobody has taken this shift:", ...lines.map((l) => `• ${l}`)].join("\n");
