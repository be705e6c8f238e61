import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/infra/config/load-config.ts";
import { startLiaison } from "../../src/main.ts";
import { SAMPLE_DIRECTORY_FILE } from "../support/sample-directory.ts";
import { createPostgresDatabase } from "../support/test-database.ts";

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
