import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/infra/config/load-config.ts";
import { startLiaison } from "../../src/main.ts";
import { SAMPLE_DIRECTORY_FILE } from "../support/sample-directory.ts";
import { runLiaisonProcess } from "../support/liaison-process.ts";
import { createPostgresDatabase, POSTGRES_ADMIN_URL } from "../support/test-database.ts";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "liaison-service-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const baseEnv = (dataDir: string) => ({
  PORT: "0",
  HOST: "127.0.0.1",
  LIAISON_DATA_DIR: dataDir,
  LIAISON_DIRECTORY_FILE: SAMPLE_DIRECTORY_FILE,
  LOG_LEVEL: "silent",
});

describe("the Liaison service", () => {
  it("starts on the embedded database with no configuration beyond a port and answers /healthz", async () => {
    const liaison = await startLiaison(loadConfig(baseEnv(tempDir())));
    try {
      const res = await fetch(`http://127.0.0.1:${liaison.port}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        status: "ok",
        database: { ok: true, kind: "embedded" },
        scheduler: { alive: true },
        platforms: { slack: { enabled: false }, teams: { enabled: false } },
        directory: { hospital: "St. Example General Hospital" },
        outbox: { pending: 0, parked: 0 },
      });
      const health = (await (await fetch(`http://127.0.0.1:${liaison.port}/healthz`)).json()) as {
        scheduler: { jobs: { name: string }[] };
      };
      const jobs = health.scheduler.jobs;
      expect(jobs.map((j) => j.name)).toEqual(
        expect.arrayContaining(["sweep", "deliver", "digest:maria.lopez:0", "digest:maria.lopez:1"]),
      );
    } finally {
      await liaison.stop();
    }
  });

  it("runs on PostgreSQL when DATABASE_URL says so", async () => {
    const { url, drop } = await createPostgresDatabase();
    const liaison = await startLiaison(loadConfig({ ...baseEnv(tempDir()), DATABASE_URL: url }));
    try {
      const body = await (await fetch(`http://127.0.0.1:${liaison.port}/healthz`)).json();
      expect(body).toMatchObject({ status: "ok", database: { ok: true, kind: "postgresql" } });
    } finally {
      await liaison.stop();
      await drop();
    }
  });

  it("refuses to start with a broken directory file, before opening the database or listening", async () => {
    const dir = tempDir();
    const file = path.join(dir, "directory.yaml");
    writeFileSync(file, "hospital:\n  name: X\n");
    await expect(startLiaison(loadConfig({ ...baseEnv(dir), LIAISON_DIRECTORY_FILE: file }))).rejects.toThrow(
      `The directory file ${file} has`,
    );
    expect(() => rmSync(path.join(dir, "pglite"))).toThrow(/ENOENT/);
  });

  it("says which environment variable is wrong and what it expects", () => {
    expect(() => loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x" })).toThrow(
      [
        "Liaison's configuration is invalid (see .env.example):",
        "  - PORT: expected a port number",
        "  - DATABASE_URL: expected a PostgreSQL URL like postgresql://user@host:5432/liaison",
      ].join("\n"),
    );
  });
});

describe("Teams credentials on disk", () => {
  it("a certificate key file that cannot be read stops start-up with the setting's name", async () => {
    const dir = tempDir();
    await expect(
      startLiaison(
        loadConfig({
          ...baseEnv(dir),
          MICROSOFT_APP_ID: "6f1c2a8e-5b7d-4c3e-9a10-2b4d6e8f0a1c",
          MICROSOFT_APP_TENANT_ID: "56653e9d-2158-46ee-90d7-675c39642038",
          MICROSOFT_APP_CERTIFICATE_THUMBPRINT: "A".repeat(40),
          MICROSOFT_APP_CERTIFICATE_KEY_FILE: path.join(dir, "missing-key.pem"),
        }),
      ),
    ).rejects.toThrow(
      `MICROSOFT_APP_CERTIFICATE_KEY_FILE: cannot read ${path.join(dir, "missing-key.pem")} (ENOENT)`,
    );
  });
});

describe("a port already in use", () => {
  it("stops start-up with a message that says what to do, and releases the database", async () => {
    const first = await startLiaison(loadConfig(baseEnv(tempDir())));
    const dir = tempDir();
    try {
      await expect(startLiaison(loadConfig({ ...baseEnv(dir), PORT: String(first.port) }))).rejects.toThrow(
        `Port ${first.port} on 127.0.0.1 is already in use: stop the other process, or set PORT to a free port.`,
      );
      // The embedded database was closed: another start on the same folder is not refused as a second instance.
      const again = await startLiaison(loadConfig({ ...baseEnv(dir) }));
      await again.stop();
    } finally {
      await first.stop();
    }
  });
});

/** What a person at the console sees when start-up stops: the message, naming the setting; no stack. */
async function refusal(env: Record<string, string>): Promise<string> {
  const rejected = await startLiaison(loadConfig(env)).then(
    async (liaison) => {
      await liaison.stop();
      throw new Error("expected start-up to be refused");
    },
    (error: Error) => error,
  );
  expect(rejected.stack).toBeDefined();
  return rejected.message;
}

const postgresUrl = (database: string, port?: number) => {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${database}`;
  if (port !== undefined) url.port = String(port);
  return url.toString();
};

describe("start-up problems name the setting and say what to do", () => {
  it("a PostgreSQL server that is not there", async () => {
    expect(await refusal({ ...baseEnv(tempDir()), DATABASE_URL: postgresUrl("liaison", 1) })).toBe(
      [
        "Liaison's configuration is invalid (see .env.example):",
        "  - DATABASE_URL: cannot connect to the PostgreSQL server at 127.0.0.1:1 (ECONNREFUSED): check that it is running and reachable from here, and the URL's host and port",
      ].join("\n"),
    );
  });

  it("a database that was never created", async () => {
    expect(
      await refusal({ ...baseEnv(tempDir()), DATABASE_URL: postgresUrl("liaison_never_created") }),
    ).toContain(
      'DATABASE_URL: the database "liaison_never_created" does not exist on 127.0.0.1:5432: create it (createdb liaison_never_created) or correct the URL\'s database name',
    );
  });

  it("a HOST that is not an address of this machine", async () => {
    expect(await refusal({ ...baseEnv(tempDir()), HOST: "192.0.2.1" })).toContain(
      "HOST: 192.0.2.1 is not an address of this machine (EADDRNOTAVAIL): set HOST to one of its addresses, 0.0.0.0 for all of them, or 127.0.0.1 for this machine only",
    );
  });

  it("a data folder that is a file", async () => {
    const file = path.join(tempDir(), "data");
    writeFileSync(file, "");
    expect(await refusal({ ...baseEnv(tempDir()), LIAISON_DATA_DIR: file })).toContain(
      `LIAISON_DATA_DIR: ${file} is a file, not a folder: set LIAISON_DATA_DIR to a folder (Liaison creates it if missing)`,
    );
  });

  it("a data folder that cannot be created (/proc/x) is refused, not waited on forever", async () => {
    // In a process of its own: Node's recursive mkdir spins synchronously on /proc/x, so a regression
    // would freeze an in-process test; here it is killed and the test fails instead.
    const liaison = runLiaisonProcess({ ...baseEnv(tempDir()), LIAISON_DATA_DIR: "/proc/x" });
    const killer = setTimeout(() => liaison.child.kill("SIGKILL"), 20_000);
    const code = await liaison.exited;
    clearTimeout(killer);
    expect(code).toBe(1);
    expect(liaison.stderr()).toContain(
      "LIAISON_DATA_DIR: cannot create the folder /proc/x (ENOENT): set LIAISON_DATA_DIR to a folder Liaison may write to",
    );
  });

  it("a sweep interval the scheduler cannot keep exactly is refused, not rounded", () => {
    expect(() => loadConfig({ SWEEP_INTERVAL_SECONDS: "90" })).toThrow(
      "SWEEP_INTERVAL_SECONDS: expected one of 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60, 120, 180, 240, 300, 360, 600, 720, 900, 1200, 1800, 3600 seconds (intervals the scheduler can keep exactly)",
    );
    expect(() => loadConfig({ SWEEP_INTERVAL_SECONDS: "45" })).toThrow(
      "SWEEP_INTERVAL_SECONDS: expected one of",
    );
    expect(loadConfig({ SWEEP_INTERVAL_SECONDS: "120" }).SWEEP_INTERVAL_SECONDS).toBe(120);
    expect(() => loadConfig({ DELIVERY_INTERVAL_SECONDS: "7" })).toThrow(
      "DELIVERY_INTERVAL_SECONDS: expected one of",
    );
  });

  it("as a process: a bad value prints only the message and exits 1", async () => {
    const liaison = runLiaisonProcess({ ...baseEnv(tempDir()), PORT: "eighty" });
    expect(await liaison.exited).toBe(1);
    expect(liaison.stderr()).toBe(
      "Liaison's configuration is invalid (see .env.example):\n  - PORT: expected a port number\n",
    );
    expect(liaison.stdout()).toBe("");
  });

  it("as a process: a data folder that is a file prints only the message and exits 1", async () => {
    const file = path.join(tempDir(), "data");
    writeFileSync(file, "");
    const liaison = runLiaisonProcess({ ...baseEnv(tempDir()), LIAISON_DATA_DIR: file });
    expect(await liaison.exited).toBe(1);
    expect(liaison.stderr()).toContain(`LIAISON_DATA_DIR: ${file} is a file, not a folder`);
    expect(liaison.stderr()).not.toMatch(/\n\s+at /);
  });
});
