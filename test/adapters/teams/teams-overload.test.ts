import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BoundedQueue } from "../../../src/core/use-cases/bounded-queue.ts";
import type { RunningLiaison } from "../../../src/main.ts";
import type { FakeBotConnector } from "../../support/fake-bot-connector.ts";
import { startTeamsLiaison, TEAMS_FORM } from "../../support/teams-liaison.ts";
import { cardAction, NURSE, postActivity } from "../../support/teams-activities.ts";

describe("Teams forms while Liaison is overloaded (defect 14)", () => {
  let rig: Awaited<ReturnType<typeof startTeamsLiaison>>;
  let liaison: RunningLiaison;
  let connector: FakeBotConnector;
  let baseUrl: string;

  beforeAll(async () => {
    rig = await startTeamsLiaison();
    ({ liaison, connector, baseUrl } = rig);
  });
  afterAll(async () => {
    await rig?.stop();
  });

  it("with the raise queue full, the form comes back saying Liaison is busy, with everything typed kept", async () => {
    const ctx = liaison.context;
    ctx.raises = new BoundedQueue(1, 0);
    let release = () => {};
    let entered = () => {};
    const inStore = new Promise<void>((resolve) => (entered = resolve));
    const insert = ctx.concerns.insert.bind(ctx.concerns);
    ctx.concerns.insert = async (change) => {
      entered();
      await new Promise<void>((resolve) => (release = resolve));
      await insert(change);
    };
    const first = postActivity(baseUrl, cardAction(connector.url, NURSE, "liaison.raise", TEAMS_FORM));
    await inStore; // the first raise now holds the only place

    const answer = await postActivity(
      baseUrl,
      cardAction(connector.url, NURSE, "liaison.raise", { ...TEAMS_FORM, room: "414" }),
    );
    expect(answer.status).toBe(200);
    const card = JSON.stringify(await answer.json());
    expect(card).toContain("Liaison is busy, try again");
    expect(card).toContain("Call light ignored 40 minutes.");
    expect(card).toContain("414");

    release();
    expect(JSON.stringify(await (await first).json())).toMatch(/PR-\d{4}-\d{5} was sent to/);
  });
});
