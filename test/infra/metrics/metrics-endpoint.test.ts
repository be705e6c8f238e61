import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEVERITIES } from "../../../src/core/index.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { DELIVERY_ERROR_CODES } from "../../../src/infra/metrics/delivery-error-code.ts";
import { ROUTE_NAMES } from "../../../src/infra/metrics/route-name.ts";
import type { RunningLiaison } from "../../../src/main.ts";
import { PAIN_DRAFT } from "../../support/core-context.ts";
import type { FakeSlackApi } from "../../support/fake-slack-api.ts";
import { parsePrometheusText, type Scrape } from "../../support/prometheus-text.ts";
import { SLACK } from "../../support/sample-directory.ts";
import { startSlackLiaison, waitFor } from "../../support/slack-liaison.ts";
import { SLACK_NURSE as NURSE, SLACK_RESPONDER as RESPONDER } from "../../support/slack-people.ts";
import {
  blockActionPayload,
  interactionBody,
  postToSlackEndpoint,
  viewSubmissionPayload,
} from "../../support/slack-requests.ts";

const TOKEN = "metrics-scrape-token-for-the-test";
const CRITICAL_ACK_MS = 5 * 60_000;

/** What the nurse typed: a description and a patient reference that must never reach a label. */
const CONCERN = {
  unit: "4W",
  room: "412",
  patientReference: "E20260417",
  category: "pain",
  severity: "high",
  description: "Pain not controlled 2h after PRN dose; asking for charge nurse.",
  grievance: [],
};

/** Every value a label of Liaison's may take; anything else in a scrape is a leak or a cardinality bug. */
const ALLOWED_LABEL_VALUES: Record<string, (value: string) => boolean> = {
  department: (v) => /^[a-z0-9-]+$/.test(v) && ["nursing-4w", "patient-relations"].includes(v),
  severity: (v) => (SEVERITIES as readonly string[]).includes(v),
  platform: (v) => ["slack", "teams"].includes(v),
  error: (v) => (DELIVERY_ERROR_CODES as readonly string[]).includes(v),
  outcome: (v) => ["retrying", "parked"].includes(v),
  route: (v) => ROUTE_NAMES.includes(v),
  method: (v) => ["GET", "POST", "HEAD", "other"].includes(v),
  status_class: (v) => /^[1-5]xx$/.test(v),
  le: (v) => v === "+Inf" || /^\d+(\.\d+)?$/.test(v),
};

describe("/metrics, scraped by the hospital's Prometheus", () => {
  let liaison: RunningLiaison;
  let slack: FakeSlackApi;
  let baseUrl: string;

  beforeAll(async () => {
    ({ liaison, slack, baseUrl } = await startSlackLiaison({ config: { METRICS_TOKEN: TOKEN } }));
  });
  afterAll(async () => {
    await liaison?.stop();
    await slack?.stop();
  });

  const scrapeText = async () => {
    const res = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };
  const scrape = async (): Promise<Scrape> => parsePrometheusText(await scrapeText());
  const interact = (payload: unknown) => postToSlackEndpoint(baseUrl, interactionBody(payload), FORM);

  async function raiseAndAcknowledge() {
    expect((await interact(viewSubmissionPayload(NURSE, "liaison_concern", CONCERN))).status).toBe(200);
    const card = await waitFor(() =>
      slack.callsTo("chat.postMessage").find((c) => c.args.channel === "C04NURS4W01" && !c.args.thread_ts),
    );
    const blocks = card.args.blocks as { type: string; elements?: { value?: string }[] }[];
    const concernId = blocks.find((b) => b.type === "actions")!.elements![0]!.value!;
    const ts = (
      await waitFor(async () =>
        (await liaison.context.concerns.findById(concernId as never))?.cards.find(
          (c) => c.platform === "slack",
        ),
      )
    ).messageId;
    const ack = await interact(
      blockActionPayload(
        RESPONDER,
        "liaison_acknowledge",
        concernId,
        { channel: "C04NURS4W01", ts },
        `${slack.responseUrlBase}ack`,
      ),
    );
    expect(ack.status).toBe(200);
    await waitFor(async () =>
      (await liaison.context.concerns.findById(concernId as never))?.status === "acknowledged"
        ? true
        : undefined,
    );
  }

  it("a concern raised and acknowledged over Slack is counted by department and severity, with its time to acknowledge", async () => {
    await raiseAndAcknowledge();
    const m = await scrape();
    const ward = { department: "nursing-4w", severity: "high" };
    expect(m.value("liaison_concerns_raised_total", ward)).toBe(1);
    expect(m.value("liaison_concerns_acknowledged_total", ward)).toBe(1);
    expect(m.value("liaison_time_to_acknowledge_seconds_count", ward)).toBe(1);
    expect(m.value("liaison_time_to_acknowledge_seconds_bucket", { ...ward, le: "+Inf" })).toBe(1);
    expect(m.families.get("liaison_time_to_acknowledge_seconds")?.type).toBe("histogram");
    expect(m.value("liaison_concerns_resolved_total", ward)).toBeUndefined();
    const slackPosts = { route: "/slack/events", method: "POST", status_class: "2xx" };
    expect(m.value("liaison_http_request_duration_seconds_count", slackPosts)).toBeGreaterThanOrEqual(2);
    expect(m.value("liaison_store_up")).toBe(1);
    expect(m.value("liaison_outbox_parked")).toBe(0);
    expect(m.value("liaison_outbox_pending")).toBeGreaterThanOrEqual(0);
    // The start-up sweep ran before anything listened.
    expect(m.value("liaison_sweep_duration_seconds_count")).toBeGreaterThanOrEqual(1);
  });

  it("a card Slack refuses is counted as a delivery failure by platform and Slack's error code, and shows as parked", async () => {
    slack.script("chat.postMessage", { status: 200, body: { ok: false, error: "channel_not_found" } });
    await raiseConcern(liaison.context, { ...PAIN_DRAFT, severity: "moderate" }, SLACK.nurse);
    const failed = { platform: "slack", error: "channel_not_found", outcome: "parked" };
    const m = await waitFor(async () => {
      const scraped = await scrape();
      return scraped.value("liaison_delivery_failures_total", failed) === 1 ? scraped : undefined;
    });
    expect(m.value("liaison_outbox_parked")).toBe(1);
    expect(m.value("liaison_concerns_raised_total", { department: "nursing-4w", severity: "moderate" })).toBe(
      1,
    );
  });

  it("a critical concern left unacknowledged is escalated on time, and the sweep says how late it kept the deadline", async () => {
    const behind = { now: () => new Date(Date.now() - CRITICAL_ACK_MS + 300) };
    await raiseConcern(
      { ...liaison.context, clock: behind },
      { ...PAIN_DRAFT, severity: "critical" },
      SLACK.nurse,
    );
    const critical = { department: "nursing-4w", severity: "critical" };
    const m = await waitFor(async () => {
      const scraped = await scrape();
      return scraped.value("liaison_concerns_escalated_total", critical) ? scraped : undefined;
    }, 10_000);
    expect(m.value("liaison_concerns_escalated_total", critical)).toBe(1);
    expect(m.value("liaison_sweep_lateness_seconds_count")).toBeGreaterThanOrEqual(1);
  });

  it("no label carries what anyone typed: every label value is a department, severity, platform, error code or route name", async () => {
    const text = await scrapeText();
    for (const typed of [CONCERN.description, CONCERN.patientReference, "Sam Rivera", NURSE.name, NURSE.id])
      expect(text).not.toContain(typed);
    // HELP lines are Liaison's own words; the samples are where anything typed could leak.
    const sampleLines = text.split("\n").filter((line) => !line.startsWith("#"));
    for (const word of CONCERN.description.split(/\W+/).filter((w) => w.length > 3))
      expect(sampleLines.filter((line) => line.includes(word))).toEqual([]);
    const { samples } = parsePrometheusText(text);
    expect(samples.length).toBeGreaterThan(0);
    for (const { name, labels } of samples) {
      for (const [label, value] of Object.entries(labels)) {
        const allowed = ALLOWED_LABEL_VALUES[label];
        expect(allowed, `${name} has a label ${label} no one checked`).toBeDefined();
        expect(allowed!(value), `${name}{${label}="${value}"}`).toBe(true);
      }
    }
  });

  it("with METRICS_TOKEN set, a scrape without the token, or with another, is refused", async () => {
    expect((await fetch(`${baseUrl}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${baseUrl}/metrics`, { headers: { authorization: "Bearer not-the-token" } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain("liaison_");
  });
});

const FORM = "application/x-www-form-urlencoded";
