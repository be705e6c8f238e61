import { describe, expect, it } from "vitest";
import { DELIVERY_ERROR_CODES, deliveryErrorCode } from "../../../src/infra/metrics/delivery-error-code.ts";
import { LiaisonMetrics } from "../../../src/infra/metrics/liaison-metrics.ts";
import { refreshOutboxGauges } from "../../../src/infra/metrics/outbox-gauges.ts";
import { routeName } from "../../../src/infra/metrics/route-name.ts";
import { parsePrometheusText } from "../../support/prometheus-text.ts";

const scrape = async (metrics: LiaisonMetrics) => parsePrometheusText(await metrics.registry.metrics());

describe("a delivery error becomes a short code, never its text", () => {
  it.each([
    ["channel_not_found", "channel_not_found"],
    ["ratelimited", "ratelimited"],
    ["HTTP 429", "http_429"],
    ["HTTP 503", "http_5xx"],
    ["HTTP 410: Conversation 19:abc@thread.tacv2 was deleted", "http_4xx"],
    ["department nursing-4w has no Slack channel", "no_channel"],
    ["nia.okafor has no Teams object id", "no_user_id"],
    ["concern 3f1c2a9e-0000-4000-8000-000000000001 not found", "concern_not_visible"],
    ["the card has not been posted yet", "card_not_posted"],
    ["teams is not enabled on this Liaison instance", "platform_off"],
    ["connect ECONNREFUSED 127.0.0.1:4000", "network"],
    ["timeout of 10000ms exceeded", "timeout"],
  ])("%s → %s", (error, code) => {
    expect(deliveryErrorCode(error)).toBe(code);
  });

  it("an error it does not know, whatever it says (a store's message naming a patient), is 'other'", () => {
    expect(deliveryErrorCode("duplicate key value violates unique constraint for E20260417")).toBe("other");
    expect(deliveryErrorCode("some_new_slack_code")).toBe("other");
    expect(DELIVERY_ERROR_CODES.every((code) => /^[a-z0-9_]+$/.test(code))).toBe(true);
  });
});

describe("a request's route is named from a fixed list", () => {
  it("paths that carry a room's code, a survey token or a letter's file are named by their pattern", () => {
    expect(routeName("/family/Kx9Qm2Lp")).toBe("/family/:code");
    expect(routeName("/family/Kx9Qm2Lp/sent")).toBe("/family/:code/sent");
    expect(routeName("/survey/tok_abc123/print")).toBe("/survey/:token/print");
    expect(routeName("/letters/3f1c2a9e.pdf")).toBe("/letters/:file");
    expect(routeName("/slack/events")).toBe("/slack/events");
    expect(routeName("/wp-admin/setup.php")).toBe("other");
  });
});

describe("the outbox gauges are read from the store at each scrape", () => {
  it("counts what waits and what is parked, and how long the oldest has waited", async () => {
    const metrics = new LiaisonMetrics();
    const now = new Date("2026-04-17T10:00:00Z");
    await refreshOutboxGauges(
      metrics,
      async () => ({ pending: 3, parked: 1, oldestPendingAt: new Date("2026-04-17T09:59:00Z") }),
      now,
    );
    const m = await scrape(metrics);
    expect(m.value("liaison_outbox_pending")).toBe(3);
    expect(m.value("liaison_outbox_parked")).toBe(1);
    expect(m.value("liaison_outbox_oldest_pending_age_seconds")).toBe(60);
    expect(m.value("liaison_store_up")).toBe(1);
  });

  it("a store that fails, or never answers, gives liaison_store_up 0 and leaves the last counts known", async () => {
    const metrics = new LiaisonMetrics();
    const now = new Date("2026-04-17T10:00:00Z");
    await refreshOutboxGauges(metrics, async () => ({ pending: 2, parked: 0 }), now);
    await refreshOutboxGauges(metrics, () => Promise.reject(new Error("connection refused")), now);
    expect((await scrape(metrics)).value("liaison_store_up")).toBe(0);
    await refreshOutboxGauges(metrics, async () => ({ pending: 5, parked: 0 }), now);
    expect((await scrape(metrics)).value("liaison_store_up")).toBe(1);
    await refreshOutboxGauges(metrics, () => new Promise(() => undefined), now, 20);
    const m = await scrape(metrics);
    expect(m.value("liaison_store_up")).toBe(0);
    expect(m.value("liaison_outbox_pending")).toBe(5);
  });

  it("two Liaisons in one process keep their own counts", async () => {
    const [a, b] = [new LiaisonMetrics(), new LiaisonMetrics()];
    a.raised.inc({ department: "nursing-4w", severity: "high" });
    expect(
      (await scrape(a)).value("liaison_concerns_raised_total", {
        department: "nursing-4w",
        severity: "high",
      }),
    ).toBe(1);
    expect(
      (await scrape(b)).value("liaison_concerns_raised_total", {
        department: "nursing-4w",
        severity: "high",
      }),
    ).toBeUndefined();
  });
});
