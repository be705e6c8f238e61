import type { Concern } from "../concern/concern.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import { formatMinutes } from "../escalation/duration.ts";
import { runningClock } from "../escalation/next-due-at.ts";
import { channelCardView, type CardView } from "../views/channel-card-view.ts";

/** One concern on a person's home: its card's words and buttons, and the time left on its deadline. */
export interface HomeItem {
  concern: Concern;
  view: CardView;
  /** "Acknowledge within 12 min", "Resolution overdue by 1 h 5 min". */
  deadlineLine: string;
  overdue: boolean;
}

export type HomeSectionId = "overdue" | "queue" | "mine";

export interface HomeSection {
  id: HomeSectionId;
  title: string;
  /** What the section says when it has nothing: an empty queue is news too. */
  empty: string;
  items: readonly HomeItem[];
  /** How many more there are than the section shows. */
  more: number;
}

/** What a person's home shows them now (Slack's App Home tab, the Teams personal chat's home card). */
export interface HomeView {
  heading: string;
  /** Who and what the departments' sections cover, in words. */
  scopeLine: string;
  /** "Updated 14:05": a home is a snapshot, refreshed when its concerns change. */
  updatedLine: string;
  sections: readonly HomeSection[];
}

/**
 * How many concerns each section shows: a glance, not a list to scroll (and within Slack's 100 blocks
 * for a home tab, and Teams' 28 KB for a card). The rest are counted; `/concern mine` and the channels
 * hold them all.
 */
export const HOME_SHOWN: Readonly<Record<HomeSectionId, number>> = { overdue: 8, queue: 8, mine: 6 };

const CLOCK_WORDS = {
  acknowledge: {
    within: "Acknowledge within",
    now: "Acknowledge now",
    overdue: "Acknowledgement overdue by",
  },
  resolve: { within: "Resolve within", now: "Resolve now", overdue: "Resolution overdue by" },
} as const;

export function homeItem(directory: DirectoryIndex, concern: Concern, now: Date): HomeItem {
  const { clock, deadline } = runningClock(concern);
  const minutes = (deadline.getTime() - now.getTime()) / 60_000;
  const overdue = isOverdue(concern, now);
  const words = CLOCK_WORDS[clock];
  // Under a minute left reads as "now": "within 0 min" would look like a fault.
  const deadlineLine = overdue
    ? `${words.overdue} ${formatMinutes(-minutes)}`
    : minutes < 1
      ? words.now
      : `${words.within} ${formatMinutes(minutes)}`;
  return { concern, view: channelCardView(directory, concern, now), deadlineLine, overdue };
}

/** A section of the concerns given (in the order shown): only the shown ones are drawn, the rest counted. */
export function homeSection(
  id: HomeSectionId,
  words: { title: string; empty: string },
  concerns: readonly Concern[],
  draw: (concern: Concern) => HomeItem,
): HomeSection {
  const shown = concerns.slice(0, HOME_SHOWN[id]);
  return { id, ...words, items: shown.map(draw), more: concerns.length - shown.length };
}

/** Whether the concern's running deadline (to acknowledge, or to resolve once acknowledged) has passed. */
export const isOverdue = (concern: Concern, now: Date) => now > runningClock(concern).deadline;
