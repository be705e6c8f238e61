import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningLiaison } from "../../../src/main.ts";
import { parsePrometheusText } from "../../support/prometheus-text.ts";
import { waitFor } from "../../support/slack-liaison.ts";
import { LEE, NURSE } from "../../support/teams-activities.ts";
import { startTeamsLiaison, TEAMS_FORM } from "../../support/teams-liaison.ts";

describe("/metrics counts Teams' concerns the same way", () => {
  let liaison: RunningLiaison;
  let baseUrl: string;
  let invoke: Awaited<ReturnType<typeof startTeamsLiaison>>["invoke"];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ liaison, baseUrl, invoke, stop } = await startTeamsLiaison());
  });
  afterAll(async () => {
    await stop?.();
  });

  it("a concern raised and acknowledged over /api/messages is counted, and the route is named, not its path", async () => {
    const raised = await invoke(NURSE, "liaison.raise", TEAMS_FORM);
    const reference = /PR-\d{4}-\d{5}/.exec(JSON.stringify(raised.value))![0];
    const concern = (await liaison.context.concerns.findByReference(reference))!;
    await waitFor(async () =>
      (await liaison.context.concerns.findById(concern.id))?.cards.find((c) => c.platform === "teams"),
    );
    await invoke(LEE, "liaison.acknowledge", { concernId: concern.id });

    const text = await (await fetch(`${baseUrl}/metrics`)).text();
    const m = parsePrometheusText(text);
    const ward = { department: "nursing-4w", severity: "high" };
    expect(m.value("liaison_concerns_raised_total", ward)).toBe(1);
    expect(m.value("liaison_concerns_acknowledged_total", ward)).toBe(1);
    expect(m.value("liaison_time_to_acknowledge_seconds_count", ward)).toBe(1);
    const teamsPosts = { route: "/api/messages", method: "POST", status_class: "2xx" };
    expect(m.value("liaison_http_request_duration_seconds_count", teamsPosts)).toBeGreaterThanOrEqual(3);
    for (const typed of [TEAMS_FORM.description, TEAMS_FORM.patientReference, "Lee Chen"])
      expect(text).not.toContain(typed);
  });
});
