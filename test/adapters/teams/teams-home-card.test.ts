import { describe, expect, it } from "vitest";
import { homeCard } from "../../../src/adapters/teams/teams-home-card.ts";
import { TEAMS_CARD_BYTE_LIMIT } from "../../../src/adapters/teams/teams-report-card.ts";
import { buildHome } from "../../../src/core/use-cases/build-home.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { adaptiveCardSchemaIssues } from "../../support/adaptive-card-schema.ts";
import { checkAdaptiveCard } from "../../support/adaptive-card-validation.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { SLACK } from "../../support/sample-directory.ts";

const PAT = { platform: "slack", userId: "U04PMORGN07", displayName: "Pat Morgan" } as const;
const LONG = "B".repeat(17);

describe("the Teams home card", () => {
  it("a liaison's full home (every section past its glance, long names) stays a valid card under 28 KB", async () => {
    const { ctx, clock } = coreContext("2026-11-24T20:00:00Z");
    for (let i = 0; i < 30; i++) {
      await raiseConcern(
        ctx,
        { ...PAIN_DRAFT, room: `${LONG}${i}`, severity: i % 2 ? "high" : "low" },
        SLACK.nurse,
      );
      clock.set(new Date(clock.now().getTime() + 60_000));
    }
    const home = await buildHome(ctx, PAT);
    expect(home.sections.find((s) => s.id === "queue")!.more).toBeGreaterThan(0);
    const card = homeCard(ctx.directory(), home, ["29:pat-morgan"]);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(TEAMS_CARD_BYTE_LIMIT);
    expect(adaptiveCardSchemaIssues(card)).toEqual([]);
    expect(checkAdaptiveCard(card).issues).toEqual([]);
    expect(JSON.stringify(card)).toMatch(/and \d+ more: send mine/);
  });

  it("an empty home says so in every section", async () => {
    const { ctx } = coreContext("2026-11-24T20:00:00Z");
    const card = homeCard(ctx.directory(), await buildHome(ctx, SLACK.responder), []);
    const text = JSON.stringify(card);
    for (const words of ["Nothing is overdue.", "No other concern is open.", "You have no open concern."]) {
      expect(text).toContain(words);
    }
    expect(card.refresh).toBeUndefined(); // no viewer to refresh it for
    expect(adaptiveCardSchemaIssues(card)).toEqual([]);
  });
});
