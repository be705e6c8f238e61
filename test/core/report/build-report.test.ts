import { describe, expect, it } from "vitest";
import { buildReport } from "../../../src/core/use-cases/build-report.ts";
import { historyConcerns, NOW } from "../../fixtures/report-history.ts";
import { coreContext } from "../../support/core-context.ts";
import { SLACK } from "../../support/sample-directory.ts";

const PAT = { platform: "slack", userId: "U04PMORGN07", displayName: "Pat Morgan" } as const;

async function hospitalWithHistory() {
  const core = coreContext(NOW.toISOString());
  for (const concern of historyConcerns()) await core.concerns.insert({ concern, events: [], messages: [] });
  return core;
}

describe("asking for a report", () => {
  it("a liaison gets the hospital's November against October", async () => {
    const { ctx } = await hospitalWithHistory();
    const answer = await buildReport(ctx, PAT, "2026-11");
    if (answer.kind !== "report") throw new Error(answer.message);
    expect(answer.content.title).toBe(
      "Concerns report: the hospital, November 2026 (compared with October 2026)",
    );
    expect(answer.content.lines[0]).toBe("Concerns raised: 11 (▲ 6 vs October 2026: 5)");
  });

  it("a Nursing 4 West responder sees their department only, and is refused another by name", async () => {
    const { ctx } = await hospitalWithHistory();
    const own = await buildReport(ctx, SLACK.responder, "2026-11");
    if (own.kind !== "report") throw new Error(own.message);
    // The billing concern (N12) is Patient Financial Services'.
    expect(own.content.title).toBe(
      "Concerns report: Nursing 4 West, November 2026 (compared with October 2026)",
    );
    expect(own.content.numbers.current.raised).toBe(10);
    const other = await buildReport(ctx, SLACK.responder, "Patient Financial Services last month");
    expect(other).toEqual({
      kind: "refused",
      code: "not-allowed",
      message:
        "You may see reports for Nursing 4 West only; Patient Financial Services is not one of your departments.",
    });
  });

  it("a unit's or a category's report counts only its concerns; no period means this month", async () => {
    const { ctx } = await hospitalWithHistory();
    const unit = await buildReport(ctx, PAT, "5E 2026-11");
    if (unit.kind !== "report") throw new Error(unit.message);
    expect(unit.content.numbers.current.raised).toBe(3); // N3, N6, N9
    expect(unit.content.scope).toBe("unit 5 East");
    const pain = await buildReport(ctx, PAT, "pain");
    if (pain.kind !== "report") throw new Error(pain.message);
    // Asked on 3 December: December (D1) against November (N1, N2, N5).
    expect(pain.content.title).toBe(
      "Concerns report: category Pain not managed, December 2026 (compared with November 2026)",
    );
    expect([pain.content.numbers.current.raised, pain.content.numbers.previous.raised]).toEqual([1, 3]);
  });

  it("answers words it cannot read with what it expected", async () => {
    const { ctx } = await hospitalWithHistory();
    expect(await buildReport(ctx, PAT, "4W 2026-13")).toMatchObject({
      kind: "refused",
      code: "invalid-input",
      message: expect.stringContaining("2026-13 is not a month; expected this week"),
    });
    expect(await buildReport(ctx, SLACK.nurse, "")).toMatchObject({ kind: "refused", code: "not-allowed" });
  });
});
