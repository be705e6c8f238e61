import { describe, expect, it } from "vitest";
import { shiftEndAfter } from "../../../src/core/duty/duty-roster.ts";
import { actOnConcern } from "../../../src/core/use-cases/act-on-concern.ts";
import { answerConcernCommand } from "../../../src/core/use-cases/answer-concern-command.ts";
import { deliverOutbox, DEFAULT_DELIVERY_POLICY } from "../../../src/core/use-cases/deliver-outbox.ts";
import { DirectoryIndex } from "../../../src/core/directory/directory-index.ts";
import { asPersonId } from "../../../src/core/ids.ts";
import { queueDigest } from "../../../src/core/use-cases/queue-digest.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { sweepDueConcerns } from "../../../src/core/use-cases/sweep-due-concerns.ts";
import type { PlatformIdentity } from "../../../src/core/concern/identify-actor.ts";
import type { Platform } from "../../../src/core/platform.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { SLACK } from "../../support/sample-directory.ts";

// Tuesday 24 November 2026, 14:00 in Chicago; the sample hospital changes shift at 07:00 and 19:00.
const TUESDAY_2PM = "2026-11-24T20:00:00Z";

/** In the sample directory a call light goes first to the unit's charge nurse, then the head. */
const CALL_LIGHT = {
  ...PAIN_DRAFT,
  category: "call-light",
  description: "Call light on for 20 minutes in room 412; nobody has come.",
} as const;

function hospital(start = TUESDAY_2PM, platforms?: Platform[]) {
  const h = coreContext(start, platforms);
  const tick = async () => {
    await sweepDueConcerns(h.ctx);
    await deliverOutbox(h.ctx, h.notifiers, { ...DEFAULT_DELIVERY_POLICY, random: () => 0.5 });
  };
  const say = async (who: PlatformIdentity, words: string) => {
    const answer = await answerConcernCommand(h.ctx, words, who, "/concern");
    return answer.kind === "say" ? answer.text : answer.kind;
  };
  const escalations = () =>
    h.concerns.audit
      .filter((e) => e.type === "escalated")
      .map((e) => String((e.detail as { recipientName?: string }).recipientName));
  const dmText = (personId: string) =>
    [...h.slack.directTo(personId), ...h.teams.directTo(personId)].map((d) =>
      d.message.kind === "direct" ? d.message.text : "",
    );
  return { ...h, tick, say, escalations, dmText };
}

describe("on-duty roles", () => {
  it("Sam takes charge nurse for 4 West, and the unanswered call light reaches Sam", async () => {
    const h = hospital();
    expect(await h.say(SLACK.responder, "duty charge-nurse 4W")).toBe(
      "You are charge nurse for 4 West until 19:00.",
    );
    expect(await h.say(SLACK.nurse, "duty")).toBe(
      "On duty now:\nCharge nurse for 4 West: Sam Rivera until 19:00",
    );

    await raiseConcern(h.ctx, CALL_LIGHT, SLACK.nurse);
    await h.tick();
    h.clock.advanceMinutes(15); // the call light's 15 minutes to acknowledge have passed
    await h.tick();
    expect(h.escalations()).toEqual(["Sam Rivera"]);
    expect(h.dmText("sam.rivera").join()).toContain("You are its charge nurse for Nursing 4 West.");
    const replies = h.slack.delivered.map((d) => (d.message.kind === "thread-reply" ? d.message.text : ""));
    expect(replies).toContain("Escalated to Sam Rivera (charge nurse) at 14:15.");
  });

  it("handing over is one command, and Escalate now reaches whoever holds the duty now", async () => {
    const h = hospital();
    await h.say(SLACK.responder, "duty charge-nurse 4W");
    h.clock.advanceMinutes(30);
    expect(await h.say(SLACK.responder, "duty charge-nurse four west @Lee Chen")).toBe(
      "Lee Chen is charge nurse for 4 West until 19:00, taking over from Sam Rivera.",
    );

    const concern = await raiseConcern(h.ctx, CALL_LIGHT, SLACK.nurse);
    await actOnConcern(h.ctx, concern.id, { type: "escalate" }, SLACK.head);
    await h.tick();
    expect(h.escalations()).toEqual(["Lee Chen"]);
    expect(h.dmText("lee.chen").join()).toContain("Jo Kim escalated it to you. You are its charge nurse");
    expect(h.dmText("sam.rivera")).toEqual([]);
  });

  it("a duty ends at the shift change: after 19:00 the call light reaches the directory's fallback", async () => {
    const h = hospital();
    await h.say(SLACK.responder, "duty charge-nurse 4W");
    h.clock.set("2026-11-25T01:05:00Z"); // 19:05: the day shift has gone home
    expect(await h.say(SLACK.nurse, "duty")).toBe("Nobody has taken a duty this shift.");

    await raiseConcern(h.ctx, CALL_LIGHT, SLACK.nurse);
    h.clock.advanceMinutes(15);
    await h.tick();
    expect(h.escalations()).toEqual(["Jo Kim"]);
    expect(h.dmText("jo.kim").join()).toContain(
      "You are its charge nurse, standing in because nobody took it this shift for Nursing 4 West.",
    );
    expect(h.dmText("sam.rivera")).toEqual([]);
  });

  it("an unfilled duty with no fallback is skipped and recorded, and the next level counts from it", async () => {
    const h = hospital();
    // 5 East has no fallback charge nurse; its call lights go to Patient Relations (no routing rule).
    await raiseConcern(h.ctx, { ...CALL_LIGHT, unit: "5E" }, SLACK.nurse);
    h.clock.advanceMinutes(15);
    await h.tick();
    expect(h.escalations()).toEqual([]);
    expect(h.concerns.audit.find((e) => e.type === "escalation-skipped")?.detail).toMatchObject({
      notify: "duty:charge-nurse",
      reason: "nobody took charge nurse for 5 East this shift, and the directory names no fallback",
    });
    h.clock.advanceMinutes(15);
    await h.tick();
    expect(h.escalations()).toEqual(["Pat Morgan"]); // Patient Relations' head, 15 minutes on
  });

  it("taking a duty again starts it afresh until the next shift change", async () => {
    const h = hospital("2026-11-25T00:30:00Z"); // 18:30
    expect(await h.say(SLACK.responder, "duty charge-nurse 4W")).toBe(
      "You are charge nurse for 4 West until 19:00.",
    );
    h.clock.set("2026-11-25T01:00:00Z"); // 19:00 sharp: the night shift takes it again
    expect(await h.say(SLACK.responder, "duty charge-nurse 4W")).toBe(
      "You are charge nurse for 4 West until 07:00.",
    );
  });

  it("the command says what it needs, and only people in the directory may hold a duty", async () => {
    const h = hospital();
    expect(await h.say(SLACK.responder, "duty night-owl 4W")).toBe(
      'There is no duty "night-owl". The duties are: charge-nurse (Charge nurse, per unit).',
    );
    expect(await h.say(SLACK.responder, "duty charge-nurse")).toBe(
      "Which unit are you charge nurse for? For example: /concern duty charge-nurse 4 West",
    );
    expect(await h.say(SLACK.stranger, "duty charge-nurse 4W")).toBe(
      "Only people in Liaison's directory can take a duty; ask your administrator to add you.",
    );
    expect(await h.say(SLACK.responder, "duty charge-nurse 4W Someone Else")).toBe(
      '"Someone Else" is not anyone in Liaison\'s directory, so they cannot take a duty.',
    );
    expect(await h.say(SLACK.nurse, "duty")).toBe("Nobody has taken a duty this shift.");
  });
});

/** The sample hospital with a house supervisor per department, paged first for high concerns. */
function withHouseSupervisor(h: ReturnType<typeof hospital>) {
  const sample = h.directory.directory;
  const directory = new DirectoryIndex({
    ...sample,
    duties: [
      ...sample.duties,
      { id: "house-supervisor", name: "House supervisor", per: "department", fallback: {} },
    ],
    policies: sample.policies.map((p) =>
      p.id === "high"
        ? { ...p, ladder: [{ notify: "duty:house-supervisor", afterMinutes: 0 }, ...p.ladder] }
        : p,
    ),
  });
  h.ctx.directory = () => directory;
  return h;
}

/** People of the sample hospital who answer for everything or for one department. */
const PAT_LIAISON = { platform: "slack", userId: "U04PMORGN07", displayName: "Pat Morgan" } as const;
const AVERY_ADMIN = { platform: "slack", userId: "U04ANGUYN06", displayName: "Avery Nguyen" } as const;

describe("handing a duty over", () => {
  /** The hand-over messages queued so far, whoever they are for. */
  const handOvers = (h: ReturnType<typeof hospital>) =>
    h.concerns.outboxRows.filter(
      (r) => r.message.kind === "direct" && r.message.purpose === "duty-hand-over",
    );

  it("Sam hands charge nurse to Lee, and Lee is told by direct message; taking it yourself tells nobody", async () => {
    const h = hospital();
    await h.say(SLACK.responder, "duty charge-nurse 4W");
    await h.tick();
    expect(h.dmText("sam.rivera")).toEqual([]);

    expect(await h.say(SLACK.responder, "duty charge-nurse 4W Lee Chen")).toBe(
      "Lee Chen is charge nurse for 4 West until 19:00, taking over from Sam Rivera.",
    );
    await h.tick();
    expect(h.dmText("lee.chen")).toEqual(["Sam Rivera made you charge nurse for 4 West until 19:00."]);
    expect(h.teams.directTo("lee.chen")).toHaveLength(1); // Lee is on Teams only
    expect(h.dmText("sam.rivera")).toEqual([]);
  });

  it("Nia, a nurse, cannot give Sam's duty to someone else; she is told who holds it and who may hand it over", async () => {
    const h = hospital();
    await h.say(SLACK.responder, "duty charge-nurse 4W");
    h.clock.advanceMinutes(60);
    expect(await h.say(SLACK.nurse, "duty charge-nurse 4W Lee Chen")).toBe(
      "You cannot hand over charge nurse for 4 West: Sam Rivera holds it until 19:00. " +
        "It can be handed over by Sam Rivera, by Jo Kim, Maria Lopez or Dana White (who answer for 4 West), " +
        "or by a liaison, director or administrator. To take it yourself: /concern duty charge-nurse 4 West",
    );
    expect(await h.say(SLACK.nurse, "duty")).toBe(
      "On duty now:\nCharge nurse for 4 West: Sam Rivera until 19:00",
    );
    expect(handOvers(h)).toEqual([]);
  });

  it("anyone may take a duty for themselves, hears whom they took it from, and the one who held it is told", async () => {
    const h = hospital();
    await h.say(SLACK.responder, "duty charge-nurse 4W");
    expect(await h.say(SLACK.nurse, "duty charge-nurse 4W")).toBe(
      "You are charge nurse for 4 West until 19:00, taking over from Sam Rivera.",
    );
    await h.tick();
    expect(h.dmText("sam.rivera")).toEqual(["Nia Okafor took charge nurse for 4 West from you."]);
    expect(h.dmText("nia.okafor")).toEqual([]);
  });

  it("while nobody holds a duty, anyone may fill it for someone else", async () => {
    const h = hospital();
    expect(await h.say(SLACK.nurse, "duty charge-nurse 4W sam.rivera")).toBe(
      "Sam Rivera is charge nurse for 4 West until 19:00.",
    );
    await h.tick();
    expect(h.dmText("sam.rivera")).toEqual(["Nia Okafor made you charge nurse for 4 West until 19:00."]);
  });

  it("the head, manager and director of Nursing 4 West, where 4 West's concerns go, may move its charge nurse", async () => {
    const h = hospital();
    await h.say(SLACK.responder, "duty charge-nurse 4W");
    expect(await h.say(SLACK.head, "duty charge-nurse 4W Lee Chen")).toBe(
      "Lee Chen is charge nurse for 4 West until 19:00, taking over from Sam Rivera.",
    );
    expect(await h.say(SLACK.manager, "duty charge-nurse 4W Nia Okafor")).toBe(
      "Nia Okafor is charge nurse for 4 West until 19:00, taking over from Lee Chen.",
    );
    await h.tick();
    expect(h.dmText("lee.chen")).toEqual([
      "Jo Kim made you charge nurse for 4 West until 19:00, taking over from Sam Rivera.",
    ]);
    expect(h.dmText("nia.okafor")).toEqual([
      "Maria Lopez made you charge nurse for 4 West until 19:00, taking over from Lee Chen.",
    ]);
  });

  it("a unit's duty answers to the departments its concerns are routed to, and to no other", async () => {
    const h = hospital();
    await h.say(SLACK.responder, "duty charge-nurse 5E"); // 5 East has no routing rule of its own
    expect(await h.say(SLACK.head, "duty charge-nurse 5E Lee Chen")).toBe(
      "You cannot hand over charge nurse for 5 East: Sam Rivera holds it until 19:00. " +
        "It can be handed over by Sam Rivera, or by a liaison, director or administrator. " +
        "To take it yourself: /concern duty charge-nurse 5 East",
    );
    expect(await h.say(PAT_LIAISON, "duty charge-nurse 5E Lee Chen")).toBe(
      "Lee Chen is charge nurse for 5 East until 19:00, taking over from Sam Rivera.",
    );
    expect(await h.say(AVERY_ADMIN, "duty charge-nurse 5E jo.kim")).toBe(
      "Jo Kim is charge nurse for 5 East until 19:00, taking over from Lee Chen.",
    );
  });

  it("a department's duty may be moved by that department's manager, not by another department's head", async () => {
    const h = withHouseSupervisor(hospital());
    await h.say(SLACK.billingResponder, "duty house-supervisor patient financial services");
    expect(await h.say(SLACK.head, "duty house-supervisor patient financial services Sam Rivera")).toBe(
      "You cannot hand over house supervisor for Patient Financial Services: Ben Adler holds it until 19:00. " +
        "It can be handed over by Ben Adler, by Maria Lopez (who answers for Patient Financial Services), " +
        "or by a liaison, director or administrator. " +
        "To take it yourself: /concern duty house-supervisor Patient Financial Services",
    );
    expect(await h.say(SLACK.manager, "duty house-supervisor patient financial services Sam Rivera")).toBe(
      "Sam Rivera is house supervisor for Patient Financial Services until 19:00, taking over from Ben Adler.",
    );
  });

  it("someone Liaison cannot message is still handed the duty, and the hander is asked to tell them", async () => {
    const h = hospital(TUESDAY_2PM, ["slack"]); // Lee Chen is on Teams only
    expect(await h.say(SLACK.responder, "duty charge-nurse 4W Lee Chen")).toBe(
      "Lee Chen is charge nurse for 4 West until 19:00. Liaison could not message Lee Chen, so tell them yourself.",
    );
    expect(await h.say(SLACK.nurse, "duty")).toBe(
      "On duty now:\nCharge nurse for 4 West: Lee Chen until 19:00",
    );
  });
});

describe("a duty held per department", () => {
  it("the house supervisor for Patient Financial Services is whoever took it there", async () => {
    const h = withHouseSupervisor(hospital());
    expect(await h.say(SLACK.billingResponder, "duty house-supervisor patient financial services")).toBe(
      "You are house supervisor for Patient Financial Services until 19:00.",
    );
    await raiseConcern(h.ctx, { ...PAIN_DRAFT, category: "billing", severity: "high" }, SLACK.nurse);
    h.clock.advanceMinutes(15);
    await h.tick();
    expect(h.escalations()).toEqual(["Ben Adler"]);
    expect(h.dmText("ben.adler").join()).toContain(
      "You are its house supervisor for Patient Financial Services.",
    );
  });
});

describe("the manager's digest", () => {
  const maria = asPersonId("maria.lopez");
  const unfilledIn = (h: ReturnType<typeof hospital>) =>
    h.concerns.outboxRows
      .filter((r) => r.message.kind === "digest")
      .map((r) => (r.message.kind === "digest" ? r.message.digest.unfilledDuties : undefined));

  it("lists the duties nobody has taken in her units, and who stands in meanwhile", async () => {
    const h = hospital();
    await raiseConcern(h.ctx, { ...PAIN_DRAFT, severity: "critical" }, SLACK.nurse);
    h.clock.advanceMinutes(10); // overdue, so Maria's digest goes out
    expect(await queueDigest(h.ctx, maria, h.clock.now())).toBe("queued");
    await h.say(SLACK.responder, "duty charge-nurse 4W");
    h.clock.advanceMinutes(1);
    expect(await queueDigest(h.ctx, maria, h.clock.now())).toBe("queued");
    expect(unfilledIn(h)).toEqual([
      ["Charge nurse for 4 West: nobody has taken it; escalations go to Jo Kim"],
      undefined, // Sam took it
    ]);
  });
});

describe("when a shift ends", () => {
  const end = (at: string) =>
    shiftEndAfter(new Date(at), ["07:00", "19:00"], "America/Chicago").toISOString();

  it("is the next shift change in the hospital's zone, across midnight and daylight saving", () => {
    expect(end("2026-11-24T12:59:00Z")).toBe("2026-11-24T13:00:00.000Z"); // 06:59 → 07:00
    expect(end("2026-11-24T13:00:00Z")).toBe("2026-11-25T01:00:00.000Z"); // 07:00 → 19:00
    expect(end("2026-11-25T05:00:00Z")).toBe("2026-11-25T13:00:00.000Z"); // 23:00 → 07:00
    // Saturday 19:00 CDT, the night the clocks go back: the night shift is an hour longer.
    expect(end("2026-11-01T00:00:00Z")).toBe("2026-11-01T13:00:00.000Z");
  });

  it("is midnight when the directory declares no shift changes", () => {
    expect(shiftEndAfter(new Date("2026-11-24T20:00:00Z"), [], "America/Chicago").toISOString()).toBe(
      "2026-11-25T06:00:00.000Z",
    );
  });
});
