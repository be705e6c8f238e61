import { afterEach, describe, expect, it } from "vitest";
import { startLiaison, type RunningLiaison } from "../../src/main.ts";
import { createPostgresDatabase } from "../support/test-database.ts";
import { testConfig } from "../support/test-config.ts";

describe("/healthz while the database is down", () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it("answers the documented 503 JSON, naming the database as the trouble, not an HTML stack trace", async () => {
    const { url, drop } = await createPostgresDatabase();
    const liaison: RunningLiaison = await startLiaison(testConfig({ DATABASE_URL: url }));
    cleanup.push(
      () => drop(),
      () => liaison.stop(),
    );
    expect((await fetch(`http://127.0.0.1:${liaison.port}/healthz`)).status).toBe(200);

    await drop(); // the hospital's database server loses Liaison's database, connections and all

    const res = await fetch(`http://127.0.0.1:${liaison.port}/healthz`);
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: "unhealthy",
      database: { ok: false, kind: "postgresql" },
      scheduler: { alive: true },
      outbox: { ok: false },
    });
    expect(JSON.stringify(body)).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
