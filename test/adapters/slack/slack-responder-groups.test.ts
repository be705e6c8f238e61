import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { openDatabase } from "../../../src/infra/store/open-database.ts";
import { PAIN_DRAFT } from "../../support/core-context.ts";
import { RecordingLogger } from "../../support/recording-logger.ts";
import { FakeSlackApi } from "../../support/fake-slack-api.ts";
import { SLACK } from "../../support/sample-directory.ts";
import { startSlackLiaison, waitFor } from "../../support/slack-liaison.ts";
import { blockActionPayload, interactionBody, postToSlackEndpoint } from "../../support/slack-requests.ts";

/** Dana floats to 4 West: she is in its Slack user group, and in nobody's directory file. */
const DANA = { id: "U04DANAPRK1", name: "dpark" };
const FOUR_WEST_GROUP = "S04WNURSES1";

type Rig = Awaited<ReturnType<typeof startSlackLiaison>>;

async function groupHealth(rig: Rig) {
  const health = (await (await fetch(`${rig.baseUrl}/healthz`)).json()) as {
    responderGroups: { groups: Record<string, unknown>[] };
  };
  return health.responderGroups.groups.find((g) => g.group === FOUR_WEST_GROUP);
}

/** A pain concern on 4 West, its card posted: what Dana's click lands on. */
async function painConcernCard(rig: Rig) {
  const concern = await raiseConcern(rig.liaison.context, PAIN_DRAFT, SLACK.nurse);
  const card = await waitFor(async () =>
    (await rig.liaison.context.concerns.findById(concern.id))?.cards.find((c) => c.platform === "slack"),
  );
  return { concern, card };
}

async function danaAcknowledges(rig: Rig, card: { channelId: string; messageId: string }, concernId: string) {
  const payload = blockActionPayload(
    DANA,
    "liaison_acknowledge",
    concernId,
    { channel: card.channelId, ts: card.messageId },
    `${rig.slack.responseUrlBase}dana`,
  );
  const res = await postToSlackEndpoint(
    rig.baseUrl,
    interactionBody(payload),
    "application/x-www-form-urlencoded",
  );
  expect(res.status).toBe(200);
}

/** The kept list is an hour old, so the next start asks Slack for it again. */
async function listFetchedAnHourAgo(dataDir: string) {
  const db = await openDatabase({ dataDir, logger: new RecordingLogger() });
  await db.prisma.$executeRaw`UPDATE "ResponderGroupSnapshot" SET "fetchedAt" = now() - interval '1 hour'`;
  await db.close();
}

describe("4 West's responders from its Slack user group, over HTTP", () => {
  const running: Rig[] = [];
  const fakes: FakeSlackApi[] = [];
  afterEach(async () => {
    for (const rig of running.splice(0)) await rig.liaison.stop();
    for (const slack of fakes.splice(0)) await slack.stop();
  });

  it("a float nurse only in @4w-nurses acknowledges; the card shows her Slack name; the trail says she is a member; a restart during a Slack outage keeps her list", async () => {
    const slack = new FakeSlackApi();
    fakes.push(slack);
    slack.userGroups.set(FOUR_WEST_GROUP, { handle: "4w-nurses", users: [DANA.id, "U04SAMRVR02"] });
    slack.people.set(DANA.id, "Dana Park");
    const dataDir = mkdtempSync(path.join(tmpdir(), "liaison-groups-"));
    const first = await startSlackLiaison({ slack, dataDir });
    running.push(first);
    expect(
      await waitFor(async () => (await groupHealth(first))?.state === "current" && groupHealth(first)),
    ).toMatchObject({ label: "@4w-nurses", members: 2, departments: ["nursing-4w"] });
    // Sam is in the directory already: only Dana's name was asked for.
    expect(slack.callsTo("users.info").map((c) => c.args.user)).toEqual([DANA.id]);

    const { concern, card } = await painConcernCard(first);
    await danaAcknowledges(first, card, concern.id);
    const update = await waitFor(
      () => slack.callsTo("chat.update").find((c) => JSON.stringify(c.args.blocks).includes("Dana Park")),
      8000,
      "the card updated with Dana's name",
    );
    expect(JSON.stringify(update.args.blocks)).toContain("Acknowledged");
    const trail = await first.liaison.context.concerns.auditTrail(concern.id);
    expect(trail.find((e) => e.type === "acknowledged")?.actor).toMatchObject({
      displayName: "Dana Park",
      authorizedBy: "member of @4w-nurses (Slack user group)",
    });
    await first.liaison.stop();
    running.pop();
    await listFetchedAnHourAgo(dataDir);

    // Slack's user groups are down when Liaison starts again: the kept list is in force.
    slack.script("usergroups.users.list", { status: 503, body: { ok: false } }, 5);
    const second = await startSlackLiaison({ slack, dataDir });
    running.push(second);
    const health = await waitFor(async () => {
      const g = await groupHealth(second);
      return g?.state === "last-known" ? g : undefined;
    });
    expect(health).toMatchObject({
      members: 2,
      label: "@4w-nurses",
      lastError: expect.stringContaining("503"),
    });
    const next = await painConcernCard(second);
    await danaAcknowledges(second, next.card, next.concern.id);
    await waitFor(
      async () =>
        (await second.liaison.context.concerns.findById(next.concern.id))?.owner?.displayName === "Dana Park",
      8000,
      "Dana's acknowledgement during the outage",
    );
  }, 60_000);

  it("someone Slack does not list in the group is refused, and told who may act", async () => {
    const slack = new FakeSlackApi();
    fakes.push(slack);
    slack.userGroups.set(FOUR_WEST_GROUP, { handle: "4w-nurses", users: ["U04SAMRVR02"] });
    const rig = await startSlackLiaison({ slack });
    running.push(rig);
    await waitFor(async () => (await groupHealth(rig))?.state === "current");
    const { concern, card } = await painConcernCard(rig);
    await danaAcknowledges(rig, card, concern.id);
    const answer = await waitFor(() => rig.slack.responses.find((r) => r.path.endsWith("dana")));
    expect(String(answer.body.text)).toContain(
      "Only Nursing 4 West's responders (and members of @4w-nurses), head or manager",
    );
    expect((await rig.liaison.context.concerns.findById(concern.id))?.status).toBe("open");
  }, 30_000);
});
