import { describe, expect, it } from "vitest";
import { mentionLine } from "../../src/adapters/slack/slack-text.ts";
import { literalMessage, withMentions } from "../../src/adapters/teams/teams-text.ts";
import { actOnConcern } from "../../src/core/use-cases/act-on-concern.ts";
import { deliverOutbox } from "../../src/core/use-cases/deliver-outbox.ts";
import { raiseConcern } from "../../src/core/use-cases/raise-concern.ts";
import { coreContext, PAIN_DRAFT } from "../support/core-context.ts";
import { SLACK } from "../support/sample-directory.ts";
import { HOSTILE_TEXT } from "../support/markup-probes.ts";

describe("whoever acted, and whoever an escalation reaches, is @mentioned in the card's thread", () => {
  it("Escalate now reaches Jo, then Sam acknowledges: each is mentioned by their id where they have one", async () => {
    const h = coreContext("2026-11-24T20:00:00Z");
    const concern = await raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse);
    await deliverOutbox(h.ctx, h.notifiers);
    await actOnConcern(h.ctx, concern.id, { type: "escalate" }, SLACK.responder);
    await actOnConcern(h.ctx, concern.id, { type: "acknowledge" }, SLACK.responder);
    await deliverOutbox(h.ctx, h.notifiers);
    const replies = (notifier: typeof h.slack) =>
      notifier.delivered.flatMap((d) => (d.delivery.kind === "thread-reply" ? [d.delivery] : []));
    expect(replies(h.slack).map((r) => [r.text.split(" at ")[0], r.mentions])).toEqual([
      ["Escalated to Jo Kim (department head)", [{ name: "Jo Kim", userId: "U04JOKIMH03" }]],
      ["Acknowledged by Sam Rivera", [{ name: "Sam Rivera", userId: "U04SAMRVR02" }]],
    ]);
    const teams = replies(h.teams);
    // Sam Rivera has no Teams id in the sample directory: named there, not mentioned.
    expect(teams.map((r) => r.mentions.map((m) => m.name))).toEqual([["Jo Kim"], []]);
    expect(teams.every((r) => r.mentions.every((m) => /^[0-9a-f-]{36}$/.test(m.userId)))).toBe(true);
  });

  it("Slack: a mention line only ever holds member ids Liaison looked up", () => {
    expect(mentionLine(["U04SAMRVR02"])).toEqual({
      type: "context",
      elements: [{ type: "mrkdwn", text: "<@U04SAMRVR02>", verbatim: true }],
    });
    expect(mentionLine(["<!channel>", "U04SAM|x", ""])).toBeUndefined();
  });

  it("Teams: the name inside <at>…</at> keeps no Markdown or tag, and the entity text matches it exactly", () => {
    const card = withMentions(literalMessage("Acknowledged by someone at 14:02."), [
      { name: `Sam ${HOSTILE_TEXT}`, userId: "5d8c2e71-9f4a-4b3d-a6e2-0c7b9f1d3e58" },
    ]);
    const content = card.attachments![0]!.content as {
      body: { type: string; text?: string }[];
      msteams: { entities: { text: string; mentioned: { id: string; name: string } }[] };
    };
    const line = content.body.at(-1)!;
    const entity = content.msteams.entities[0]!;
    expect(line.text).toBe(entity.text);
    expect(entity.text.slice("<at>".length, -"</at>".length)).not.toMatch(/[<>[\]()*_~`#|\\]/);
    expect(entity.mentioned.id).toBe("5d8c2e71-9f4a-4b3d-a6e2-0c7b9f1d3e58");
  });
});
