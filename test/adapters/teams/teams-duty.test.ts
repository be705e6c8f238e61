import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTeamsLiaison } from "../../support/teams-liaison.ts";
import { waitFor } from "../../support/slack-liaison.ts";
import {
  JO,
  LEE,
  NURSE,
  personalMessage,
  postActivity,
  type TeamsUser,
} from "../../support/teams-activities.ts";

describe("on duty in Teams, over /api/messages", () => {
  let rig: Awaited<ReturnType<typeof startTeamsLiaison>>;
  beforeAll(async () => {
    rig = await startTeamsLiaison();
  });
  afterAll(async () => {
    await rig?.stop();
  });

  /** Sends a personal chat message and returns the text of Liaison's answer. */
  async function say(from: TeamsUser, text: string, mentions: TeamsUser[] = []): Promise<string> {
    const before = rig.connector.sent().length;
    const activity = {
      ...personalMessage(rig.connector.url, from, text),
      entities: mentions.map((m) => ({
        type: "mention",
        text: `<at>${m.name}</at>`,
        mentioned: { id: m.id, name: m.name },
      })),
    };
    expect((await postActivity(rig.baseUrl, activity)).status).toBe(200);
    const reply = await waitFor(() =>
      rig.connector
        .sent()
        .slice(before)
        .find((c) => typeof c.body.summary === "string"),
    );
    // Words that may quote a person come as a card; its summary is the plain sentence.
    return String(reply.body.summary);
  }

  it("Lee takes charge nurse for 4 West, then hands it to Jo with an @mention", async () => {
    expect(await say(LEE, "duty charge-nurse 4W")).toMatch(
      /^You are charge nurse for 4 West until (07|19):00\.$/,
    );
    expect(await say(LEE, "duty charge-nurse 4W <at>Jo Kim</at>", [JO])).toMatch(
      /^Jo Kim is charge nurse for 4 West until (07|19):00, taking over from Lee Chen\.$/,
    );
    expect(await say(NURSE, "duty")).toMatch(/Charge nurse for 4 West: Jo Kim until/);
    expect(await say(NURSE, "duty charge-nurse 4W")).toBe(
      "Only people in Liaison's directory can take a duty; ask your administrator to add you.",
    );
  });
});
