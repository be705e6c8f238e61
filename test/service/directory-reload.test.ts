import { createHash } from "node:crypto";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { raiseConcern } from "../../src/core/index.ts";
import type { HealthReport } from "../../src/infra/http/health.ts";
import { PAIN_DRAFT } from "../support/core-context.ts";
import { SAMPLE_DIRECTORY_FILE, SLACK } from "../support/sample-directory.ts";
import { startSlackLiaison, waitFor } from "../support/slack-liaison.ts";
import { createPostgresDatabase, STORE_KINDS, type StoreKind } from "../support/test-database.ts";

const NURSING_4W_CHANNEL = "C04NURS4W01";
const PATIENT_RELATIONS_CHANNEL = "C04PTRELS03";

/** `text` with `from` replaced by `to`; a sample that no longer holds `from` fails here, not later. */
function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`the sample directory no longer contains ${from}`);
  return text.replace(from, to);
}

const PAIN_ON_4W = "- { category: pain, unit: 4w, department: nursing-4w }";

/** Pain on 4W goes to Patient Relations, high concerns get 45 minutes, Maria gets a midday digest too. */
const rerouted = (text: string) =>
  edit(
    edit(
      edit(text, PAIN_ON_4W, "- { category: pain, unit: 4w, department: patient-relations }"),
      "acknowledgeWithin: 15m",
      "acknowledgeWithin: 45m",
    ),
    'schedules: ["0 7 * * *", "0 19 * * *"]',
    'schedules: ["0 7 * * *", "0 13 * * *", "0 19 * * *"]',
  );

/** Saved the way many editors save: a new file renamed over the old one (the watched inode goes away). */
function saveByRename(file: string, text: string) {
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

const lineOf = (text: string, fragment: string) =>
  text.split("\n").findIndex((l) => l.includes(fragment)) + 1;

describe.each(STORE_KINDS)("the directory changes without a restart, on the %s store", (kind: StoreKind) => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  /** Liaison with Slack (played by a fake), its directory a copy of the sample at `file`. */
  async function start(link?: "symlink") {
    const root = mkdtempSync(path.join(tmpdir(), "liaison-reload-"));
    cleanup.push(() => rmSync(root, { recursive: true, force: true }));
    mkdirSync(path.join(root, "etc"));
    const file = path.join(root, "etc", "directory.yaml");
    // The symlinked file lives in another folder, whose changes Liaison does not watch: SIGHUP is the way.
    const real = link ? path.join(root, "hospital.directory.yaml") : file;
    copyFileSync(SAMPLE_DIRECTORY_FILE, real);
    if (link) symlinkSync(real, file);
    let databaseUrl: string | undefined;
    if (kind === "postgresql") {
      const db = await createPostgresDatabase();
      cleanup.push(db.drop);
      databaseUrl = db.url;
    }
    const started = await startSlackLiaison({
      dataDir: path.join(root, "data"),
      databaseUrl,
      config: { LIAISON_DIRECTORY_FILE: file },
    });
    cleanup.push(() => started.slack.stop());
    cleanup.push(() => started.liaison.stop());
    const health = async () => {
      const res = await fetch(`${started.baseUrl}/healthz`);
      return { status: res.status, body: (await res.json()) as HealthReport };
    };
    const firstVersion = (await health()).body.directory.version;
    /** The health report once the directory in force is another version than at start-up. */
    const reloaded = () =>
      waitFor(
        async () => {
          const h = await health();
          return h.body.directory.version !== firstVersion ? h.body : undefined;
        },
        8000,
        "the new directory to be in force",
      );
    return { ...started, file, real, health, firstVersion, reloaded };
  }

  const cardChannels = (slack: { callsTo(m: string): { args: Record<string, unknown> }[] }) =>
    slack.callsTo("chat.postMessage").map((c) => c.args.channel);

  it("a valid new version routes the next concern to the new department; the open one keeps its department and frozen policy", async () => {
    const { liaison, slack, file, health, firstVersion, reloaded } = await start();
    const open = await raiseConcern(liaison.context, PAIN_DRAFT, SLACK.nurse);
    expect(open).toMatchObject({ departmentId: "nursing-4w", policy: { acknowledgeWithinMinutes: 15 } });
    const startedAt = (await health()).body.directory.loadedAt;

    saveByRename(file, rerouted(readFileSync(file, "utf8")));
    const after = await reloaded();
    expect(after.status).toBe("ok");
    expect(after.directory).toEqual({
      hospital: "St. Example General Hospital",
      version: expect.stringMatching(/^[0-9a-f]{12}$/),
      file,
      loadedAt: expect.any(String),
    });
    expect(after.directory.version).not.toBe(firstVersion);
    expect(Date.parse(after.directory.loadedAt)).toBeGreaterThanOrEqual(Date.parse(startedAt));

    const next = await raiseConcern(liaison.context, PAIN_DRAFT, SLACK.nurse);
    expect(next).toMatchObject({
      departmentId: "patient-relations",
      policy: { acknowledgeWithinMinutes: 45 },
    });
    await waitFor(
      () => cardChannels(slack).includes(PATIENT_RELATIONS_CHANNEL),
      8000,
      "the card in Patient Relations",
    );
    expect(cardChannels(slack).filter((c) => c === NURSING_4W_CHANNEL)).toHaveLength(1); // the first concern's

    // The open concern is where it was, on the policy it was raised under.
    expect(await liaison.context.concerns.findById(open.id)).toMatchObject({
      status: "open",
      departmentId: "nursing-4w",
      policy: { acknowledgeWithinMinutes: 15 },
      acknowledgeBy: open.acknowledgeBy,
    });
    // The digest schedules are the new directory's.
    const digests = after.scheduler.jobs as { name: string; schedule: string }[];
    expect(digests.filter((j) => j.name.startsWith("digest:maria.lopez:"))).toEqual([
      expect.objectContaining({ name: "digest:maria.lopez:0", schedule: "0 7 * * *" }),
      expect.objectContaining({ name: "digest:maria.lopez:1", schedule: "0 13 * * *" }),
      expect.objectContaining({ name: "digest:maria.lopez:2", schedule: "0 19 * * *" }),
    ]);
    expect(after.scheduler.alive).toBe(true);
  });

  it("an invalid version is refused with the start-up problems, routing stays; the fixed file clears the refusal", async () => {
    const { liaison, file, health, firstVersion, reloaded } = await start();
    const open = await raiseConcern(liaison.context, PAIN_DRAFT, SLACK.nurse);
    const sample = readFileSync(file, "utf8");
    const invalid = edit(sample, PAIN_ON_4W, "- { category: pain, unit: 4w, department: nursing-5w }");
    writeFileSync(file, invalid); // saved in place this time

    const refused = await waitFor(
      async () => {
        const h = await health();
        return h.body.directory.refused ? h : undefined;
      },
      8000,
      "the refusal in /healthz",
    );
    expect(refused.status).toBe(200);
    expect(refused.body.status).toBe("ok");
    expect(refused.body.directory).toEqual({
      hospital: "St. Example General Hospital",
      version: firstVersion,
      file,
      loadedAt: expect.any(String),
      refused: {
        at: expect.any(String),
        version: createHash("sha256").update(invalid).digest("hex").slice(0, 12),
        problems: [
          `${file}: routing.rules[0].department (line ${lineOf(invalid, "nursing-5w")}): "nursing-5w" is not the id of any department`,
        ],
      },
    });
    const meanwhile = await raiseConcern(liaison.context, PAIN_DRAFT, SLACK.nurse);
    expect(meanwhile.departmentId).toBe("nursing-4w");

    writeFileSync(file, rerouted(sample));
    const fixed = await reloaded();
    expect(fixed.directory.refused).toBeUndefined();
    expect((await raiseConcern(liaison.context, PAIN_DRAFT, SLACK.nurse)).departmentId).toBe(
      "patient-relations",
    );
    expect((await liaison.context.concerns.findById(open.id))?.departmentId).toBe("nursing-4w");
  });

  it("SIGHUP reloads a file the folder watch cannot see change (a symlink into another folder)", async () => {
    const { liaison, real, reloaded } = await start("symlink");
    const open = await raiseConcern(liaison.context, PAIN_DRAFT, SLACK.nurse);
    writeFileSync(real, rerouted(readFileSync(real, "utf8")));
    process.emit("SIGHUP");
    const after = await reloaded();
    expect(after.directory.refused).toBeUndefined();
    expect((await raiseConcern(liaison.context, PAIN_DRAFT, SLACK.nurse)).departmentId).toBe(
      "patient-relations",
    );
    expect((await liaison.context.concerns.findById(open.id))?.departmentId).toBe("nursing-4w");
  });
});
