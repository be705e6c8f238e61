import { describe, expect, it } from "vitest";
import { exportFromChat } from "../../../src/core/use-cases/export-from-chat.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { SLACK } from "../../support/sample-directory.ts";

const PAT = { platform: "slack", userId: "U04PMORGN07", displayName: "Pat Morgan" } as const;
const DANA = { platform: "slack", userId: "U04DWHITE05", displayName: "Dana White" } as const;

/** 3 December 2026, with one concern raised on 24 November. */
async function hospital() {
  const h = coreContext("2026-11-24T20:00:00Z");
  await raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse);
  h.clock.set(new Date("2026-12-03T16:00:00Z"));
  return h;
}

describe("the surveyor's export asked for in chat", () => {
  it("a liaison's 'last month' is 1–30 November, hospital days, CSV unless asked; the export is audited with the platform", async () => {
    const { ctx, concerns } = await hospital();
    const answer = await exportFromChat(ctx, PAT, "last month");
    expect(answer.kind).toBe("export");
    if (answer.kind !== "export") return;
    expect(answer.exported.range).toMatchObject({ from: "2026-11-01", to: "2026-11-30" });
    expect(answer.exported.format).toBe("csv");
    expect(answer.exported.concerns).toHaveLength(1);
    const page = await concerns.auditEventsBetween(
      new Date("2026-12-03T00:00:00Z"),
      new Date("2026-12-04T00:00:00Z"),
      10,
    );
    const recorded = page.events.find((e) => e.type === "audit-exported")!;
    expect(recorded.actor.displayName).toBe("Pat Morgan");
    expect(recorded.detail).toMatchObject({
      from: "2026-11-01",
      to: "2026-11-30",
      via: "slack",
      events: answer.exported.eventCount,
    });
  });

  it("a director may name the days and the format", async () => {
    const { ctx } = await hospital();
    const answer = await exportFromChat(ctx, DANA, "2026-11-20..2026-11-25 json");
    expect(answer).toMatchObject({
      kind: "export",
      exported: { format: "json", range: { from: "2026-11-20", to: "2026-11-25" } },
    });
  });

  it("a department's people and anyone unknown are refused, with who may", async () => {
    const { ctx } = await hospital();
    for (const who of [SLACK.responder, SLACK.manager, SLACK.stranger]) {
      expect(await exportFromChat(ctx, who, "last month")).toMatchObject({
        kind: "refused",
        code: "not-allowed",
        message: expect.stringContaining("liaisons, directors and admins"),
      });
    }
  });

  it("days it cannot read, or none, are answered with what to write", async () => {
    const { ctx } = await hospital();
    expect(await exportFromChat(ctx, PAT, "")).toMatchObject({
      kind: "refused",
      message: expect.stringContaining("export 2026-01-01..2026-03-31 csv"),
    });
    expect(await exportFromChat(ctx, PAT, "2026-02-30..2026-03-01")).toMatchObject({
      kind: "refused",
      message: expect.stringContaining("2026-02-30"),
    });
  });
});
