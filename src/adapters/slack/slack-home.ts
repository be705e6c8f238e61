import type { HomeView, WebClient } from "@slack/web-api";
import {
  buildHome,
  type Concern,
  type DirectoryIndex,
  type HomeItem,
  type HomeSection,
  homeViewersOf,
  type HomeView as LiaisonHome,
  type LiaisonContext,
} from "../../core/index.ts";
import { BLOCK_KIT } from "./block-kit-limits.ts";
import { slackButtons } from "./slack-action-table.ts";
import type { Block } from "./slack-card-blocks.ts";
import { summarySpans } from "./slack-replies.ts";
import { literal, richText } from "./slack-text.ts";

export const HOME_IS_ON_ITS_TAB =
  "Your home is up to date on Liaison's Home tab: open Liaison under Apps in the sidebar, then Home.";

function itemBlocks(directory: DirectoryIndex, section: HomeSection, item: HomeItem): Block[] {
  const blocks: Block[] = [
    richText([
      summarySpans(directory, item.concern),
      [{ text: `${item.view.department} · ${item.view.statusLine}` }],
      [{ text: item.deadlineLine, bold: item.overdue }],
    ]),
  ];
  // The card's own buttons, so the home acts as the card would; none where the card has none.
  if (item.view.actions.length > 0) {
    blocks.push({
      type: "actions",
      block_id: `liaison_home_${section.id}_${item.view.concernId}`,
      elements: slackButtons(item.view.concernId, item.view.actions),
    });
  }
  return blocks;
}

function sectionBlocks(directory: DirectoryIndex, section: HomeSection): Block[] {
  const count = section.items.length + section.more;
  const blocks: Block[] = [
    { type: "divider" },
    richText([[{ text: `${section.title} (${count})`, bold: true }]]),
  ];
  if (section.items.length === 0) blocks.push(richText([[{ text: section.empty }]]));
  for (const item of section.items) blocks.push(...itemBlocks(directory, section, item));
  if (section.more > 0) {
    blocks.push(
      richText([[{ text: `and ${section.more} more: /concern mine, or the department's channel` }]]),
    );
  }
  return blocks;
}

/** A person's home as Slack's App Home tab: Liaison's words as rich text, the cards' buttons. */
export function homeTab(directory: DirectoryIndex, home: LiaisonHome): HomeView & { blocks: Block[] } {
  return {
    type: "home",
    blocks: [
      // The heading names the person (a directory or profile name): literal, emoji codes shown as typed.
      { type: "header", text: literal(home.heading, BLOCK_KIT.headerText) },
      richText([[{ text: home.scopeLine }], [{ text: home.updatedLine }]]),
      ...home.sections.flatMap((s) => sectionBlocks(directory, s)),
    ],
  };
}

/** Builds and publishes one person's home tab (views.publish replaces whatever it showed). */
export async function publishHome(ctx: LiaisonContext, client: WebClient, userId: string): Promise<void> {
  const home = await buildHome(ctx, { platform: "slack", userId, displayName: userId });
  await client.views.publish({ user_id: userId, view: homeTab(ctx.directory(), home) });
}

/**
 * Keeps the homes that show a changed concern up to date without flooding Slack: each person's home
 * is published at most once per `minIntervalMs`, and changes meanwhile ride on the publish already
 * waiting (it reads the concerns when it runs, so it shows them all).
 */
export class SlackHomeRefresher {
  private readonly waiting = new Map<string, NodeJS.Timeout>();
  private readonly lastPublished = new Map<string, number>();

  constructor(
    private readonly publish: (userId: string) => Promise<void>,
    private readonly minIntervalMs: number,
  ) {}

  concernsChanged(directory: DirectoryIndex, concerns: readonly Concern[]): void {
    const users = new Set(
      concerns
        .flatMap((c) => homeViewersOf(directory, c).filter((v) => v.platform === "slack"))
        .map((v) => v.userId),
    );
    for (const userId of users) this.schedule(userId);
  }

  /** A person opened their home: published now (not rate-limited: it is their own request). */
  opened(userId: string): Promise<void> {
    this.lastPublished.set(userId, Date.now());
    return this.publish(userId);
  }

  private schedule(userId: string): void {
    if (this.waiting.has(userId)) return;
    const wait = Math.max(0, (this.lastPublished.get(userId) ?? -Infinity) + this.minIntervalMs - Date.now());
    const timer = setTimeout(() => {
      this.waiting.delete(userId);
      this.lastPublished.set(userId, Date.now());
      void this.publish(userId);
    }, wait);
    timer.unref();
    this.waiting.set(userId, timer);
  }

  stop(): void {
    for (const timer of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
  }
}

/** The refresher Liaison runs: a home that cannot be published is logged; the next change tries again. */
export const homeRefresher = (ctx: LiaisonContext, client: WebClient, minIntervalMs: number) =>
  new SlackHomeRefresher(
    (userId) =>
      publishHome(ctx, client, userId).catch((error: unknown) => {
        ctx.logger.warn({ err: (error as Error).message }, "slack app home not published");
      }),
    minIntervalMs,
  );
