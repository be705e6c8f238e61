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
  async function say(
    from: TeamsUser,
    text: string,
    mentions: Record<string, unknown>[] = [],
  ): Promise<string> {
    const before = rig.connector.sent().length;
    const activity = { ...personalMessage(rig.connector.url, from, text), entities: mentions };
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

  /** A mention as Teams sends it: the tag in the text, and an entity naming who it is. */
  const mention = (text: string, user: TeamsUser, withEntraId: boolean) => ({
    type: "mention",
    text,
    mentioned: { id: user.id, name: user.name, ...(withEntraId ? { aadObjectId: user.aadObjectId } : {}) },
  });

  it("Lee takes charge nurse for 4 West, then hands it to Jo with an @mention", async () => {
    expect(await say(LEE, "duty charge-nurse 4W")).toMatch(
      /^You are charge nurse for 4 West until (07|19):00\.$/,
    );
    // Teams shows the name Jo goes by there; the entity's Entra id says who Jo is.
    expect(await say(LEE, "duty charge-nurse 4W <at>Jo</at>", [mention("<at>Jo</at>", JO, true)])).toMatch(
      /^Jo Kim is charge nurse for 4 West until (07|19):00, taking over from Lee Chen\.$/,
    );
    // A mention without an Entra id is found by the name it shows.
    expect(
      await say(JO, "duty charge-nurse 4W <at>Lee Chen</at>", [mention("<at>Lee Chen</at>", LEE, false)]),
    ).toMatch(/^Lee Chen is charge nurse for 4 West until (07|19):00, taking over from Jo Kim\.$/);
    expect(
      await say(LEE, "duty charge-nurse 4W <at>Jo Kim</at>", [mention("<at>Jo Kim</at>", JO, false)]),
    ).toMatch(/^Jo Kim is charge nurse/);
    expect(await say(NURSE, "duty")).toMatch(/Charge nurse for 4 West: Jo Kim until/);
    expect(await say(NURSE, "duty charge-nurse 4W")).toBe(
      "Only people in Liaison's directory can take a duty; ask your administrator to add you.",
    );
  });
});
