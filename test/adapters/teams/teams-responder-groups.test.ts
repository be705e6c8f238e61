import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeBotConnector } from "../../support/fake-bot-connector.ts";
import { waitFor } from "../../support/slack-liaison.ts";
import {
  botAddedToTeam,
  NURSE,
  postActivity,
  TEAM_ID,
  type TeamsUser,
} from "../../support/teams-activities.ts";
import { startTeamsLiaison, TEAMS_FORM } from "../../support/teams-liaison.ts";

/** Dana floats to 4 West: she is in the unit's team, and in nobody's directory file. */
const DANA: TeamsUser = {
  id: "29:dana-park",
  name: "Dana Park",
  aadObjectId: "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
};

/** Teams telling the bot that someone left a team it is installed in. */
function memberLeft(serviceUrl: string, who: TeamsUser) {
  const added = botAddedToTeam(serviceUrl);
  return {
    ...added,
    id: `f:left-${Date.now()}`,
    membersAdded: undefined,
    membersRemoved: [{ id: who.id, aadObjectId: who.aadObjectId }],
    channelData: { ...added.channelData, eventType: "teamMemberRemoved" },
  };
}

const text = (value: unknown) => JSON.stringify(value);

describe("4 West's responders from its Teams team, over /api/messages", () => {
  let rig: Awaited<ReturnType<typeof startTeamsLiaison>>;
  const connector = new FakeBotConnector();

  beforeAll(async () => {
    connector.teams.set(TEAM_ID, { name: "Nursing 4 West", members: [DANA] });
    rig = await startTeamsLiaison({ CHAT_CALL_TIMEOUT_SECONDS: "2" }, connector);
  });
  afterAll(async () => {
    await rig?.stop();
  });

  const teamHealth = async () => {
    const health = (await (await fetch(`${rig.baseUrl}/healthz`)).json()) as {
      responderGroups: { groups: Record<string, unknown>[] };
    };
    return health.responderGroups.groups.find((g) => g.platform === "teams");
  };

  async function painConcern(): Promise<string> {
    const answer = await rig.invoke(NURSE, "liaison.raise", TEAMS_FORM);
    const reference = /PR-\d{4}-\d{5}/.exec(text(answer.value))![0];
    return (await rig.liaison.context.concerns.findByReference(reference))!.id;
  }

  it("the roster is listed as soon as Liaison is added to the team, and a float nurse in it acknowledges under her Teams name", async () => {
    expect(
      await waitFor(async () => ((await teamHealth())?.state === "current" ? teamHealth() : undefined)),
    ).toMatchObject({
      label: "Nursing 4 West",
      members: 1,
      departments: ["nursing-4w"],
    });
    const concernId = await painConcern();
    const acked = await rig.invoke(DANA, "liaison.acknowledge", { concernId });
    expect(text(acked.value)).toContain("Acknowledged by Dana Park at");
    const trail = await rig.liaison.context.concerns.auditTrail(concernId as never);
    expect(trail.find((e) => e.type === "acknowledged")?.actor).toMatchObject({
      key: `teams:${DANA.aadObjectId}`,
      displayName: "Dana Park",
      authorizedBy: "member of the Nursing 4 West team (Teams)",
    });
  });

  it("while the Bot Connector does not answer, the roster call gives up and the last known list stays in force", async () => {
    connector.hang((method, path) => method === "GET" && path.includes("/pagedmembers"));
    expect((await postActivity(rig.baseUrl, memberLeft(connector.url, NURSE))).status).toBe(200);
    const health = await waitFor(async () => {
      const g = await teamHealth();
      return g?.state === "last-known" ? g : undefined;
    });
    expect(health).toMatchObject({ members: 1, lastError: expect.any(String) });
    const concernId = await painConcern();
    expect(text((await rig.invoke(DANA, "liaison.acknowledge", { concernId })).value)).toContain(
      "Acknowledged by Dana Park at",
    );
    connector.recover();
  });

  it("when Dana leaves the team, Teams says so, the roster is listed again, and she can no longer act", async () => {
    connector.teams.set(TEAM_ID, { name: "Nursing 4 West", members: [] });
    expect((await postActivity(rig.baseUrl, memberLeft(connector.url, DANA))).status).toBe(200);
    await waitFor(async () => {
      const g = await teamHealth();
      return g?.state === "current" && g.members === 0;
    });
    const concernId = await painConcern();
    const refused = await rig.invoke(DANA, "liaison.acknowledge", { concernId });
    expect(text(refused.value)).toContain(
      "Only Nursing 4 West's responders (and members of the Nursing 4 West team), head or manager",
    );
    expect((await rig.liaison.context.concerns.findById(concernId as never))!.status).toBe("open");
  });
});
