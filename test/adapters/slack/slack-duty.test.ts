import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../../../src/core/ports/clock.port.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { PAIN_DRAFT } from "../../support/core-context.ts";
import { SLACK } from "../../support/sample-directory.ts";
import { SLACK_HEAD, SLACK_NURSE, SLACK_RESPONDER } from "../../support/slack-people.ts";
import { startSlackLiaison, waitFor } from "../../support/slack-liaison.ts";
import { postToSlackEndpoint, slashCommandBody } from "../../support/slack-requests.ts";

/** The sample hospital's call-light policy: 15 minutes to acknowledge, then the charge nurse. */
const CALL_LIGHT_ACK_MS = 15 * 60_000;
const behindBy = (ms: number): Clock => ({ now: () => new Date(Date.now() - CALL_LIGHT_ACK_MS + ms) });

describe("on duty in Slack, over HTTP", () => {
  let rig: Awaited<ReturnType<typeof startSlackLiaison>>;
  let n = 0;
  beforeAll(async () => {
    rig = await startSlackLiaison({ config: { SWEEP_INTERVAL_SECONDS: "3600" } });
  });
  afterAll(async () => {
    await rig?.liaison.stop();
    await rig?.slack.stop();
  });

  /** Types `/concern <text>` and returns the private answer's text. */
  async function command(who: { id: string; name: string }, text: string): Promise<string> {
    const path = `duty${++n}`;
    const res = await postToSlackEndpoint(
      rig.baseUrl,
      slashCommandBody(who, text, `${rig.slack.responseUrlBase}${path}`),
      "application/x-www-form-urlencoded",
    );
    expect(res.status).toBe(200);
    const answer = await waitFor(() => rig.slack.responses.find((r) => r.path.endsWith(path)));
    return String(answer.body.text);
  }

  it("Sam takes charge nurse for 4 West, hands it to Jo by mention, and the call light reaches Jo", async () => {
    expect(await command(SLACK_RESPONDER, "duty charge-nurse 4W")).toMatch(
      /^You are charge nurse for 4 West until (07|19):00\.$/,
    );
    expect(await command(SLACK_RESPONDER, "duty charge-nurse 4 West <@U04JOKIMH03|jo.kim>")).toMatch(
      /^Jo Kim is charge nurse for 4 West until (07|19):00, taking over from Sam Rivera\.$/,
    );
    const toldJo = await waitFor(
      () =>
        rig.slack
          .callsTo("chat.postMessage")
          .find((c) => c.args.channel === SLACK_HEAD.id && String(c.args.text).includes("made you")),
      10_000,
      "the direct message telling Jo of the hand-over",
    );
    expect(toldJo.args.text).toMatch(/^Sam Rivera made you charge nurse for 4 West until (07|19):00\.$/);
    expect(await command(SLACK_NURSE, "duty")).toMatch(/Charge nurse for 4 West: Jo Kim until/);

    await raiseConcern(
      { ...rig.liaison.context, clock: behindBy(1000) },
      { ...PAIN_DRAFT, category: "call-light", description: "Call light on for 20 minutes." },
      SLACK.nurse,
    );
    const dm = await waitFor(
      () =>
        rig.slack
          .callsTo("chat.postMessage")
          .find(
            (c) =>
              c.args.channel === SLACK_HEAD.id && JSON.stringify(c.args).includes("You are its charge nurse"),
          ),
      10_000,
      "the escalation to the charge nurse",
    );
    expect(JSON.stringify(dm.args)).toContain("You are its charge nurse for Nursing 4 West.");
    // Sam handed the duty over and took no new one: nothing is sent to him.
    expect(
      rig.slack.callsTo("chat.postMessage").filter((c) => c.args.channel === SLACK_RESPONDER.id),
    ).toEqual([]);
  }, 30_000);
});
