import {
  concernSummary,
  type DirectoryIndex,
  type HomeItem,
  type HomeSection,
  type HomeView,
} from "../../core/index.ts";
import { type CardJson, expandCard, withNotice } from "./teams-cards.ts";
import { TEAMS_CARD_BYTE_LIMIT } from "./teams-report-card.ts";
import { homeButtons } from "./teams-verbs.ts";

function itemData(directory: DirectoryIndex, item: HomeItem) {
  return {
    summary: concernSummary(directory, item.concern),
    statusLine: `${item.view.department} · ${item.view.statusLine}`,
    deadlineLine: item.deadlineLine,
    deadlineWeight: item.overdue ? "bolder" : "default",
    deadlineColor: item.overdue ? "attention" : "default",
    style: item.overdue ? "attention" : "default",
    buttons: homeButtons(item.view.actions).map((b) => ({ ...b, concernId: item.view.concernId })),
  };
}

function sectionData(directory: DirectoryIndex, section: HomeSection, dropped: number) {
  const more = section.more + dropped;
  const items = section.items.slice(0, section.items.length - dropped);
  return {
    heading: `${section.title} (${section.items.length + section.more})`,
    empty: section.empty,
    items: items.map((i) => itemData(directory, i)),
    moreLine: more > 0 ? `and ${more} more: send mine, or open the department's channel` : "",
  };
}

const bytesOf = (card: CardJson) => Buffer.byteLength(JSON.stringify(card), "utf8");

/**
 * A person's home as a card in their chat with Liaison. It refreshes itself when they look at it
 * (Adaptive Card `refresh` for their user id), so it shows the concerns as they are, not as they were
 * when it was sent. A card must stay under 28 KB: the longest section gives up its last lines first.
 */
export function homeCard(
  directory: DirectoryIndex,
  home: HomeView,
  userIds: readonly string[],
  notice?: string,
): CardJson {
  const dropped = home.sections.map(() => 0);
  const shown = (i: number) => home.sections[i]!.items.length - dropped[i]!;
  for (;;) {
    const card = withNotice(
      expandCard("home-card", {
        heading: home.heading,
        scopeLine: home.scopeLine,
        updatedLine: home.updatedLine,
        sections: home.sections.map((s, i) => sectionData(directory, s, dropped[i]!)),
        userIds: [...userIds],
      }),
      notice,
    );
    const longest = home.sections.reduce((best, _, i) => (shown(i) > shown(best) ? i : best), 0);
    if (bytesOf(card) <= TEAMS_CARD_BYTE_LIMIT || shown(longest) === 0) return card;
    dropped[longest]!++;
  }
}
