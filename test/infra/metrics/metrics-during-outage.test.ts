import { afterEach, describe, expect, it } from "vitest";
import { startLiaison } from "../../../src/main.ts";
import { cutOffDatabase } from "../../support/database-outage.ts";
import { waitFor } from "../../support/slack-liaison.ts";
import { parsePrometheusText } from "../../support/prometheus-text.ts";
import { createPostgresDatabase } from "../../support/test-database.ts";
import { testConfig } from "../../support/test-config.ts";

describe("/metrics while the database is down", () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it("still answers, with liaison_store_up 0 and the outbox as last counted, and 1 again once the store is back", async () => {
    const { url, drop } = await createPostgresDatabase();
    cleanup.push(drop);
    const liaison = await startLiaison(testConfig({ DATABASE_URL: url }));
    cleanup.push(() => liaison.stop());
    const scrape = async () => {
      const res = await fetch(`http://127.0.0.1:${liaison.port}/metrics`);
      expect(res.status).toBe(200);
      return parsePrometheusText(await res.text());
    };
    expect((await scrape()).value("liaison_store_up")).toBe(1);

    const outage = await cutOffDatabase(url);
    const during = await scrape();
    expect(during.value("liaison_store_up")).toBe(0);
    expect(during.value("liaison_outbox_pending")).toBe(0);
    expect(during.value("liaison_sweep_duration_seconds_count")).toBeGreaterThanOrEqual(1);

    await outage.restore();
    // The pool may first meet a connection the outage closed; the next scrape opens a new one.
    await waitFor(async () => ((await scrape()).value("liaison_store_up") === 1 ? true : undefined));
  }, 60_000);
});
