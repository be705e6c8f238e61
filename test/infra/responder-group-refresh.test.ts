import { afterEach, describe, expect, it } from "vitest";
import { ResponderGroupMembers } from "../../src/core/directory/responder-group-members.ts";
import {
  GroupGoneError,
  type GroupSnapshot,
  type GroupSource,
} from "../../src/core/ports/group-source.port.ts";
import { ResponderGroupRefresh } from "../../src/infra/groups/responder-group-refresh.ts";
import { PrismaGroupSnapshots } from "../../src/infra/store/prisma-group-snapshots.ts";
import { FakeClock } from "../support/fake-clock.ts";
import { RecordingLogger } from "../support/recording-logger.ts";
import { sampleDirectory } from "../support/sample-directory.ts";
import { openTestDatabase, STORE_KINDS, type TestDatabase } from "../support/test-database.ts";

const FOUR_WEST = "S04WNURSES1";
const NURSING_4W = sampleDirectory().requireDepartment("nursing-4w" as never);

/** Slack as a test plays it: answers with the group it holds, or is down. */
class ScriptedSlackGroups implements GroupSource {
  readonly platform = "slack" as const;
  down = false;
  gone = false;
  calls = 0;
  members = [{ userId: "U04DANAPRK1", displayName: "Dana Park" }];
  async fetch(groupId: string): Promise<Omit<GroupSnapshot, "fetchedAt">> {
    this.calls++;
    if (this.gone) throw new GroupGoneError("Slack says no_such_subteam");
    if (this.down) throw new Error("An HTTP protocol error occurred: statusCode = 503");
    return { platform: "slack", groupId, label: "@4w-nurses", members: this.members };
  }
}

function liaisonGroups(test: TestDatabase, slack: GroupSource, clock: FakeClock) {
  const members = new ResponderGroupMembers();
  const logger = new RecordingLogger();
  const refresh = new ResponderGroupRefresh({
    members,
    sources: new Map([["slack", slack]]),
    store: new PrismaGroupSnapshots(test.db.prisma),
    directory: () => sampleDirectory(),
    clock,
    logger,
    refreshAfterMs: 15 * 60_000,
  });
  const isMember = (userId: string) => members.membership("slack", userId, NURSING_4W) !== undefined;
  return { members, refresh, logger, isMember };
}

describe.each(STORE_KINDS)("4 West's Slack group through a Slack outage, on the %s store", (kind) => {
  let test: TestDatabase | undefined;
  afterEach(async () => {
    await test?.dispose();
  });

  it("the group listed once keeps working through an outage and a restart during it; /healthz says the list is the last known", async () => {
    test = await openTestDatabase(kind);
    const clock = new FakeClock("2026-12-02T02:00:00Z");
    const slack = new ScriptedSlackGroups();
    const first = liaisonGroups(test, slack, clock);
    await first.refresh.refresh();
    expect(first.isMember("U04DANAPRK1")).toBe(true);
    expect(first.refresh.health()).toEqual([
      {
        platform: "slack",
        group: FOUR_WEST,
        departments: ["nursing-4w"],
        state: "current",
        label: "@4w-nurses",
        members: 1,
        fetchedAt: "2026-12-02T02:00:00.000Z",
      },
    ]);

    // Slack goes down, and Liaison restarts while it is.
    slack.down = true;
    clock.advanceMinutes(20);
    const restarted = liaisonGroups(test, slack, clock);
    expect(restarted.isMember("U04DANAPRK1")).toBe(false);
    await restarted.refresh.loadKept();
    await restarted.refresh.refresh();
    expect(restarted.isMember("U04DANAPRK1")).toBe(true);
    expect(restarted.refresh.health()[0]).toMatchObject({
      state: "last-known",
      members: 1,
      fetchedAt: "2026-12-02T02:00:00.000Z",
      lastError: "An HTTP protocol error occurred: statusCode = 503",
      lastAttemptAt: "2026-12-02T02:20:00.000Z",
    });
    expect(restarted.logger.lines.some((l) => l.message.includes("last known members may still act"))).toBe(
      true,
    );

    // Slack is back: the next run lists the group again, and Dana has left it meanwhile.
    slack.down = false;
    slack.members = [];
    clock.advanceMinutes(1);
    await restarted.refresh.refresh();
    expect(restarted.isMember("U04DANAPRK1")).toBe(false);
    expect(restarted.refresh.health()[0]).toMatchObject({ state: "current", members: 0 });
  });

  it("a group Slack says is gone stops counting at once, and is not brought back from the store", async () => {
    test = await openTestDatabase(kind);
    const clock = new FakeClock("2026-12-02T02:00:00Z");
    const slack = new ScriptedSlackGroups();
    const { refresh, isMember } = liaisonGroups(test, slack, clock);
    await refresh.refresh();
    slack.gone = true;
    clock.advanceMinutes(16);
    await refresh.refresh();
    expect(isMember("U04DANAPRK1")).toBe(false);
    clock.advanceMinutes(1);
    await refresh.refresh();
    expect(isMember("U04DANAPRK1")).toBe(false);
    expect(refresh.health()[0]).toMatchObject({ state: "none", lastError: "Slack says no_such_subteam" });
  });

  it("through an outage the last list counts for a day, then no longer", async () => {
    test = await openTestDatabase(kind);
    const clock = new FakeClock("2026-12-02T02:00:00Z");
    const slack = new ScriptedSlackGroups();
    const { refresh, isMember } = liaisonGroups(test, slack, clock);
    await refresh.refresh();
    slack.down = true;
    clock.advanceMinutes(23 * 60);
    await refresh.refresh();
    expect(isMember("U04DANAPRK1")).toBe(true);
    clock.advanceMinutes(2 * 60);
    await refresh.refresh();
    expect(isMember("U04DANAPRK1")).toBe(false);
    expect(refresh.health()[0]).toMatchObject({ state: "none" });
  });

  it("an instance's slower, older listing never overwrites a newer one another instance kept", async () => {
    test = await openTestDatabase(kind);
    const store = new PrismaGroupSnapshots(test.db.prisma);
    const snapshot = (at: string, members: number) => ({
      platform: "slack" as const,
      groupId: FOUR_WEST,
      label: "@4w-nurses",
      members: Array.from({ length: members }, (_, i) => ({
        userId: `U0MEMBER${i}`,
        displayName: `Nurse ${i}`,
      })),
      fetchedAt: new Date(at),
    });
    await store.save(snapshot("2026-12-02T02:10:00Z", 3));
    await store.save(snapshot("2026-12-02T02:05:00Z", 1));
    expect((await store.all()).map((s) => [s.fetchedAt.toISOString(), s.members.length])).toEqual([
      ["2026-12-02T02:10:00.000Z", 3],
    ]);
  });

  it("a healthy list is asked for again only when it is older than the refresh interval", async () => {
    test = await openTestDatabase(kind);
    const clock = new FakeClock("2026-12-02T02:00:00Z");
    const slack = new ScriptedSlackGroups();
    const { refresh } = liaisonGroups(test, slack, clock);
    await refresh.refresh();
    clock.advanceMinutes(14);
    await refresh.refresh();
    expect(slack.calls).toBe(1);
    clock.advanceMinutes(1);
    await refresh.refresh();
    expect(slack.calls).toBe(2);
  });
});
