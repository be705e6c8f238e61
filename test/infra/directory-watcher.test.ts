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
import type { DirectoryIndex } from "../../src/core/index.ts";
import { DirectoryWatcher } from "../../src/infra/directory/directory-watcher.ts";
import type { LoadedDirectory } from "../../src/infra/directory/load-directory-file.ts";
import { FakeClock } from "../support/fake-clock.ts";
import { RecordingLogger } from "../support/recording-logger.ts";
import { SAMPLE_DIRECTORY_FILE } from "../support/sample-directory.ts";
import { waitFor } from "../support/slack-liaison.ts";

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/**
 * A watcher on a copy of the sample. The file is a symlink into a folder the watcher does not watch,
 * so only the test's reload() calls (what SIGHUP does) read it: no file event races the assertions.
 */
function setUp() {
  const root = mkdtempSync(path.join(tmpdir(), "liaison-watcher-"));
  cleanup.push(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(path.join(root, "etc"));
  const real = path.join(root, "hospital.yaml");
  const file = path.join(root, "etc", "directory.yaml");
  copyFileSync(SAMPLE_DIRECTORY_FILE, real);
  symlinkSync(real, file);
  const clock = new FakeClock("2026-03-02T15:00:00Z");
  const logger = new RecordingLogger();
  const recorded: LoadedDirectory[] = [];
  const rebuilt: DirectoryIndex[] = [];
  const hooks = {
    failRecord: undefined as Error | undefined,
    failRebuild: undefined as Error | undefined,
  };
  const watcher = DirectoryWatcher.load(file, clock, logger);
  watcher.watch({
    record: async (loaded) => {
      if (hooks.failRecord) throw hooks.failRecord;
      recorded.push(loaded);
      return true;
    },
    reloaded: (index) => {
      if (hooks.failRebuild) throw hooks.failRebuild;
      rebuilt.push(index);
    },
  });
  cleanup.push(() => watcher.stop());
  const sample = readFileSync(real, "utf8");
  const write = (text: string) => writeFileSync(real, text);
  return { watcher, file, real, clock, logger, recorded, rebuilt, hooks, sample, write };
}

const renamedHospital = (text: string) =>
  text.replace("name: St. Example General Hospital", "name: St. Example Regional Hospital");

describe("the directory watcher", () => {
  it("a comment-only change is not a new version: nothing recorded or rebuilt", async () => {
    const { watcher, recorded, rebuilt, sample, write, logger } = setUp();
    const before = watcher.health();
    write(`# reviewed by Patient Relations\n${sample}`);
    expect(await watcher.reload("SIGHUP")).toBe("unchanged");
    expect(watcher.health()).toEqual(before);
    expect(recorded).toEqual([]);
    expect(rebuilt).toEqual([]);
    expect(logger.lines.map((l) => l.message)).toEqual(["directory unchanged"]);
  });

  it("a new version is recorded, then put in force, then what depends on it is rebuilt", async () => {
    const { watcher, recorded, rebuilt, sample, write, clock, logger } = setUp();
    const first = watcher.current();
    clock.advanceMinutes(5);
    write(renamedHospital(sample));
    expect(await watcher.reload("SIGHUP")).toBe("reloaded");
    expect(watcher.current()).not.toBe(first);
    expect(watcher.current().hospital.name).toBe("St. Example Regional Hospital");
    expect(recorded.map((l) => l.contentHash.slice(0, 12))).toEqual([watcher.health().version]);
    expect(rebuilt).toEqual([watcher.current()]);
    expect(watcher.health().loadedAt).toBe("2026-03-02T15:05:00.000Z");
    expect(logger.lines).toEqual([
      expect.objectContaining({
        level: "info",
        message: "directory reloaded",
        fields: expect.objectContaining({ trigger: "SIGHUP", directoryVersion: watcher.health().version }),
      }),
    ]);
  });

  it("a file that cannot be read (an editor between delete and write) is refused; the old version stays", async () => {
    const { watcher, real, file, sample, write } = setUp();
    const before = watcher.health();
    rmSync(real);
    expect(await watcher.reload("SIGHUP")).toBe("refused");
    expect(watcher.health()).toEqual({
      ...before,
      refused: {
        at: "2026-03-02T15:00:00.000Z",
        version: null,
        problems: [
          `${file}: cannot read it (no such file). Set LIAISON_DIRECTORY_FILE to your hospital's directory file.`,
        ],
      },
    });
    write(sample);
    expect(await watcher.reload("SIGHUP")).toBe("unchanged");
    expect(watcher.health()).toEqual(before);
  });

  it("a version the database could not record is not put in force, and is tried again", async () => {
    const { watcher, hooks, sample, write, recorded, file } = setUp();
    const before = watcher.health();
    hooks.failRecord = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
      code: "ECONNREFUSED",
    });
    write(renamedHospital(sample));
    expect(await watcher.reload("SIGHUP")).toBe("refused");
    expect(watcher.current().hospital.name).toBe("St. Example General Hospital");
    expect(watcher.health().refused?.problems).toEqual([
      `${file}: the new version could not be recorded in the database (ECONNREFUSED); it is not in force yet, and Liaison tries again at the next change or SIGHUP`,
    ]);
    expect(watcher.health().version).toBe(before.version);
    hooks.failRecord = undefined;
    expect(await watcher.reload("SIGHUP")).toBe("reloaded");
    expect(watcher.health().refused).toBeUndefined();
    expect(recorded).toHaveLength(1);
  });

  it("a failure rebuilding the digests is logged; the new version stays in force", async () => {
    const { watcher, hooks, sample, write, logger } = setUp();
    hooks.failRebuild = new Error("bad cron expression");
    write(renamedHospital(sample));
    expect(await watcher.reload("SIGHUP")).toBe("reloaded");
    expect(watcher.current().hospital.name).toBe("St. Example Regional Hospital");
    expect(logger.lines.at(-1)).toMatchObject({
      level: "error",
      message: "rebuilding what depends on the directory failed",
    });
  });

  it("stops listening for SIGHUP when stopped, and reads nothing after", async () => {
    const before = process.listenerCount("SIGHUP");
    const { watcher, sample, write } = setUp();
    expect(process.listenerCount("SIGHUP")).toBe(before + 1);
    await watcher.stop();
    expect(process.listenerCount("SIGHUP")).toBe(before);
    write(renamedHospital(sample));
    expect(await watcher.reload("SIGHUP")).toBe("skipped");
    expect(watcher.current().hospital.name).toBe("St. Example General Hospital");
  });

  it("sees a Kubernetes ConfigMap update: the folder's ..data link swapped to a new version's folder", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "liaison-configmap-"));
    cleanup.push(() => rmSync(root, { recursive: true, force: true }));
    const sample = readFileSync(SAMPLE_DIRECTORY_FILE, "utf8");
    const version = (name: string, text: string) => {
      mkdirSync(path.join(root, name));
      writeFileSync(path.join(root, name, "directory.yaml"), text);
    };
    version("..v1", sample);
    symlinkSync("..v1", path.join(root, "..data"));
    symlinkSync("..data/directory.yaml", path.join(root, "directory.yaml"));
    const watcher = DirectoryWatcher.load(
      path.join(root, "directory.yaml"),
      new FakeClock("2026-03-02T15:00:00Z"),
      new RecordingLogger(),
    );
    watcher.watch({ record: async () => true, reloaded: () => undefined });
    cleanup.push(() => watcher.stop());

    version("..v2", renamedHospital(sample));
    symlinkSync("..v2", path.join(root, "..data_tmp"));
    renameSync(path.join(root, "..data_tmp"), path.join(root, "..data"));
    await waitFor(
      () => watcher.current().hospital.name === "St. Example Regional Hospital",
      5000,
      "the reload",
    );
  });
});
