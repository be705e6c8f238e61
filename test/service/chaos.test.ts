import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Concern } from "../../src/core/concern/concern.ts";
import { raiseConcern } from "../../src/core/use-cases/raise-concern.ts";
import { toConcernRow } from "../../src/infra/store/concern-row-mapping.ts";
import { openDatabase, type Database } from "../../src/infra/store/open-database.ts";
import { PrismaOutboxRepository } from "../../src/infra/store/prisma-outbox-repository.ts";
import { coreContext, PAIN_DRAFT } from "../support/core-context.ts";
import { cardOf, FakeBotConnector } from "../support/fake-bot-connector.ts";
import { FakeSlackApi } from "../support/fake-slack-api.ts";
import { RecordingLogger } from "../support/recording-logger.ts";
import { SAMPLE_DIRECTORY_FILE, SLACK } from "../support/sample-directory.ts";
import { waitFor } from "../support/slack-liaison.ts";
import {
  interactionBody,
  postToSlackEndpoint,
  SIGNING_SECRET,
  viewSubmissionPayload,
} from "../support/slack-requests.ts";
import { botAddedToTeam, cardAction, NURSE, postActivity } from "../support/teams-activities.ts";
import { createPostgresDatabase } from "../support/test-database.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const INSTANCES = 3;
const CHAOS_MS = 24_000;
const KILL_EVERY_MS = 4_000;
const RAISE_EVERY_MS = 300;
/** Concerns seeded so that their acknowledgement deadline passes during the chaos, one every 150 ms. */
const DUE_DURING_CHAOS = 120;
const JO_KIM_SLACK = "U04JOKIMH03";
const NURSING_4W_SLACK = "C04NURS4W01";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** One real Liaison process (src/main.ts as `npm start` runs it) on the shared PostgreSQL. */
class Instance {
  child?: ChildProcess;
  ready = false;
  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  start(): void {
    this.ready = false;
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, ...this.env, PORT: String(this.port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.resume();
    child.stderr!.resume();
    this.child = child;
    void this.awaitHealthy(child);
  }

  /** Ready once it answers /healthz, as a load balancer would judge it. */
  private async awaitHealthy(child: ChildProcess): Promise<void> {
    while (child.exitCode === null && this.child === child) {
      const ok = await fetch(`${this.url}/healthz`).then(
        (r) => r.status < 500,
        () => false,
      );
      if (ok) {
        this.ready = true;
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async kill(): Promise<void> {
    const child = this.child;
    this.ready = false;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }
}

/**
 * Critical concerns raised almost 5 minutes ago, with their cards still to post, whose acknowledgement
 * deadlines then pass during the chaos, one every 150 ms.
 */
async function seedDueConcerns(db: Database, firstDueAt: number): Promise<Concern[]> {
  const concerns: Concern[] = [];
  const outbox = new PrismaOutboxRepository(db.prisma);
  const h = coreContext(new Date(firstDueAt - 5 * 60_000).toISOString());
  for (let i = 0; i < DUE_DURING_CHAOS; i++) {
    const raisedAt = new Date(firstDueAt + i * 150 - 5 * 60_000);
    h.clock.set(raisedAt);
    const draft = { ...PAIN_DRAFT, severity: "critical", room: String(500 + i) } as const;
    const queued = h.concerns.outboxRows.length;
    const raised = await raiseConcern(h.ctx, draft, SLACK.nurse);
    const concern = { ...raised, reference: raised.reference.replace("PR", "DU") };
    await db.prisma.concern.create({ data: { id: concern.id, ...toConcernRow(concern) } });
    await outbox.enqueue(h.concerns.outboxRows.slice(queued), raisedAt);
    concerns.push(concern);
  }
  return concerns;
}

describe("chaos: 3 instances on PostgreSQL, one killed every few seconds, under a steady stream of concerns", () => {
  let url: string;
  let drop: () => Promise<void>;
  let db: Database;
  const slack = new FakeSlackApi();
  const teams = new FakeBotConnector();
  const instances: Instance[] = [];

  beforeAll(async () => {
    ({ url, drop } = await createPostgresDatabase());
    db = await openDatabase({ databaseUrl: url, dataDir: "-", logger: new RecordingLogger() });
    await Promise.all([slack.start(), teams.start()]);
    const env = {
      DATABASE_URL: url,
      HOST: "127.0.0.1",
      LIAISON_DIRECTORY_FILE: SAMPLE_DIRECTORY_FILE,
      LOG_LEVEL: "warn",
      SLACK_BOT_TOKEN: "xoxb-chaos",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.url,
      TEAMS_LOCAL_MODE: "true",
      SWEEP_INTERVAL_SECONDS: "1",
      DELIVERY_INTERVAL_SECONDS: "1",
    };
    for (let i = 0; i < INSTANCES; i++) instances.push(new Instance(await freePort(), env));
  });
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.kill()));
    await Promise.all([slack.stop(), teams.stop()]);
    await db?.close();
    await drop?.();
  });

  it("every concern gets one card per platform, every due escalation is sent, nothing is stuck", async () => {
    instances.forEach((i) => i.start());
    await waitFor(() => instances.every((i) => i.ready), 60_000, "all instances listening");
    expect((await postActivity(instances[0]!.url, botAddedToTeam(teams.url))).status).toBe(200);
    const chaosStartsAt = Date.now() + 3_000;
    const due = await seedDueConcerns(db, chaosStartsAt);

    const acknowledged: string[] = [];
    const killedAt: number[] = [];
    let kills = 0;
    let n = 0;
    const outcomes = new Map<string, number>();
    const note = (what: string) => outcomes.set(what, (outcomes.get(what) ?? 0) + 1);
    const raiseOne = async () => {
      const alive = instances.filter((i) => i.ready);
      const target = alive[n % alive.length];
      const description = `Chaos concern ${++n}: call light unanswered.`;
      if (!target) return;
      try {
        if (n % 4 === 0) {
          const values = { ...PAIN_DRAFT, description, grievance: "false" };
          const res = await postActivity(target.url, cardAction(teams.url, NURSE, "liaison.raise", values));
          // Accepted only when Teams shows "… was sent to …"; the form back (NOT saved, busy) keeps all typed.
          const accepted = res.status === 200 && (await res.text()).includes("was sent to");
          note(`teams ${res.status}${accepted ? "" : " (form back)"}`);
          if (accepted) acknowledged.push(description);
        } else {
          const payload = viewSubmissionPayload(
            { id: "U04NIAOKF01", name: "nia.okafor" },
            "liaison_concern",
            {
              ...PAIN_DRAFT,
              description,
            },
          );
          const res = await postToSlackEndpoint(
            target.url,
            interactionBody(payload),
            "application/x-www-form-urlencoded",
          );
          // Accepted only when the form closes (an empty 200); "errors" keeps it open with all typed.
          const accepted = res.status === 200 && !(await res.text()).includes('"response_action":"errors"');
          note(`slack ${res.status}${accepted ? "" : " (form kept open)"}`);
          if (accepted) acknowledged.push(description);
        }
      } catch {
        note("connection refused or reset");
        // The instance died under the request: like Slack or Teams, the nurse sees an error and tries again.
      }
    };

    await waitFor(() => Date.now() >= chaosStartsAt || undefined, 20_000);
    const raising = setInterval(() => void raiseOne(), RAISE_EVERY_MS);
    const killing = setInterval(() => {
      const victim = instances[kills++ % INSTANCES]!;
      killedAt.push(Date.now());
      void victim.kill().then(() => victim.start());
    }, KILL_EVERY_MS);
    await new Promise((r) => setTimeout(r, CHAOS_MS));
    clearInterval(raising);
    clearInterval(killing);
    await waitFor(() => instances.every((i) => i.ready), 60_000, "all instances back");

    const pending = () => db.prisma.outboxMessage.count({ where: { status: "pending" } });
    await waitFor(
      async () => ((await pending()) === 0 ? true : undefined),
      90_000,
      "the outbox to drain",
    ).catch(async (error: Error) => {
      const stuck = await db.prisma.outboxMessage.findMany({
        where: { status: "pending" },
        select: {
          kind: true,
          platform: true,
          attempts: true,
          lastError: true,
          nextAttemptAt: true,
          lockedUntil: true,
        },
        take: 10,
      });
      throw new Error(`${error.message}: ${await pending()} pending, e.g. ${JSON.stringify(stuck)}`);
    });
    const concerns = await db.prisma.concern.findMany({
      select: { id: true, reference: true, description: true },
    });
    const raised = concerns.filter((c) => c.description.startsWith("Chaos concern"));

    /** When each concern's card (or each escalation) was sent, keyed by concern id or reference. */
    const sends = (entries: [string | undefined, number][]) => {
      const byKey = new Map<string, number[]>();
      for (const [key, at] of entries) if (key) byKey.set(key, [...(byKey.get(key) ?? []), at]);
      return byKey;
    };
    const slackCards = sends(
      slack
        .callsTo("chat.postMessage")
        .filter((c) => c.args.channel === NURSING_4W_SLACK && !c.args.thread_ts)
        .map((c) => [/"value":"([0-9a-f-]{36})"/.exec(JSON.stringify(c.args.blocks))?.[1], c.at]),
    );
    const teamsCards = sends(
      teams.calls
        .filter((c) => c.path === "/v3/conversations")
        .map((c) => [/"concernId":"([0-9a-f-]{36})"/.exec(JSON.stringify(cardOf(c.body) ?? {}))?.[1], c.at]),
    );
    const escalationDms = sends(
      slack
        .callsTo("chat.postMessage")
        .filter((c) => c.args.channel === JO_KIM_SLACK)
        .map((c) => [/^(DU-\d{4}-\d{5}) · .*has not been acknowledged/.exec(String(c.args.text))?.[1], c.at]),
    );
    // A message sent twice must have been in flight (sent, not yet marked) when its instance was killed.
    const repeats = [...slackCards.values(), ...teamsCards.values(), ...escalationDms.values()].filter(
      (times) => times.length > 1,
    );
    const unexplained = repeats.filter(
      (times) => !killedAt.some((k) => times[0]! <= k + 1_000 && k - times[0]! <= 15_000),
    );

    const lost = acknowledged.filter((d) => !raised.some((c) => c.description === d));
    console.log(
      `chaos: ${kills} kills, ${acknowledged.length} concerns acknowledged to reporters, ${raised.length} saved, ${lost.length} lost; ` +
        `${repeats.length} message(s) sent twice, each in flight at a kill; answers: ${JSON.stringify([...outcomes])}`,
    );

    expect(kills).toBeGreaterThanOrEqual(4);
    expect(lost).toEqual([]);
    const missing = [
      ...raised.filter((c) => !slackCards.has(c.id)).map((c) => `Slack card of ${c.reference}`),
      ...raised.filter((c) => !teamsCards.has(c.id)).map((c) => `Teams card of ${c.reference}`),
      ...due.filter((c) => !escalationDms.has(c.reference)).map((c) => `escalation of ${c.reference}`),
    ];
    expect(missing).toEqual([]);
    expect(unexplained).toEqual([]);
    // Nothing is stuck: no message parked, no concern left overdue and unswept.
    expect(await db.prisma.outboxMessage.count({ where: { status: { not: "sent" } } })).toBe(0);
    const escalatedOnce = await db.prisma.auditEvent.groupBy({
      by: ["concernId"],
      where: { type: "escalated" },
      _count: true,
    });
    expect(
      escalatedOnce.filter((g) => due.some((c) => c.id === g.concernId)).every((g) => g._count === 1),
    ).toBe(true);
  }, 240_000);
});
