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
    // The answer replies to this message; a hand-over's direct message may arrive around it.
    const reply = await waitFor(() =>
      rig.connector
        .sent()
        .slice(before)
        .find((c) => c.body.replyToId === activity.id && typeof c.body.summary === "string"),
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
    // Each hand-over reached its new holder in their Teams chat, from the person who made it.
    const told = await waitFor(() => {
      const summaries = rig.connector.sent().map((c) => String(c.body.summary));
      const handOvers = summaries.filter((text) => text.includes("made you charge nurse"));
      return handOvers.length === 3 ? handOvers : undefined;
    });
    expect(told.map((text) => text.replace(/until \d\d:00/, "until …"))).toEqual([
      "Lee Chen made you charge nurse for 4 West until ….",
      "Jo Kim made you charge nurse for 4 West until ….",
      "Lee Chen made you charge nurse for 4 West until ….",
    ]);
    expect(await say(NURSE, "duty charge-nurse 4W")).toBe(
      "Only people in Liaison's directory can take a duty; ask your administrator to add you.",
    );
  });
});
