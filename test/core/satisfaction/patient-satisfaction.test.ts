import { describe, expect, it } from "vitest";
import { clickCardAction, submitCardAction } from "../../../src/core/use-cases/card-action-dialogue.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { openSurvey, submitSurvey } from "../../../src/core/use-cases/answer-survey.ts";
import { channelCardView } from "../../../src/core/views/channel-card-view.ts";
import { tokenHash } from "../../../src/infra/surveys/survey-desk.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";

/** Pat Morgan, the hospital's patient relations liaison, on Slack. */
const PAT = { platform: "slack", userId: "U04PMORGN07", displayName: "Pat Morgan" } as const;
const NIA = { platform: "slack", userId: "U04NIAOKF01", displayName: "Nia Okafor" } as const;

/** A pain concern raised at 20:00 and resolved by the liaison ten minutes later. */
async function resolvedConcern() {
  const core = coreContext("2026-11-24T20:00:00Z");
  const concern = await raiseConcern(core.ctx, PAIN_DRAFT, NIA);
  core.clock.advanceMinutes(10);
  await submitCardAction(
    core.ctx,
    concern.id,
    "resolve",
    { text: "New pain plan; patient comfortable." },
    PAT,
  );
  return { ...core, concern };
}

/** "Send survey link" pressed: the links are read back from the direct message Pat was sent. */
async function sendSurveyLink(core: Awaited<ReturnType<typeof resolvedConcern>>) {
  const reply = await clickCardAction(core.ctx, core.concern.id, "send-survey-link", PAT);
  const dm = core.concerns.outboxRows
    .map((r) => r.message)
    .find((m) => m.kind === "direct" && m.purpose === "survey-link");
  const text = dm?.kind === "direct" ? dm.text : "";
  const token = /\/survey\/([A-Za-z0-9_-]{22})\b/.exec(text)?.[1] ?? "";
  return { reply, dm, text, token };
}

describe("a liaison records the patient's satisfaction from the card", () => {
  it("a resolved card offers Record satisfaction: five ratings with words, an optional comment, how it was asked", async () => {
    const { ctx, concern } = await resolvedConcern();
    const reply = await clickCardAction(ctx, concern.id, "record-satisfaction", PAT);
    if (reply.kind !== "form") throw new Error(`expected the form, got ${reply.kind}`);
    const rating = reply.form.fields.find((f) => f.id === "rating");
    expect(rating?.kind === "choice" && rating.options.map((o) => o.label)).toEqual([
      "1 Very dissatisfied",
      "2 Dissatisfied",
      "3 Neither satisfied nor dissatisfied",
      "4 Satisfied",
      "5 Very satisfied",
    ]);
    expect(reply.form.fields.map((f) => f.id)).toEqual(["rating", "comment", "askedHow"]);
    expect(reply.form.values).toEqual({ askedHow: "in-person" });
  });

  it("a missing rating is said next to its field, and the comment typed is kept", async () => {
    const { ctx, concern, concerns } = await resolvedConcern();
    const typed = { comment: "The night nurse was kind.", askedHow: "phone" };
    const reply = await submitCardAction(ctx, concern.id, "record-satisfaction", typed, PAT);
    if (reply.kind !== "form") throw new Error(`expected the form back, got ${reply.kind}`);
    expect(reply.form.errors).toEqual({ rating: "Please choose how satisfied the patient is, from 1 to 5." });
    expect(reply.form.values).toEqual(typed);
    expect((await concerns.findById(concern.id))?.satisfaction).toBeUndefined();
  });

  it("is recorded on the concern and in its trail; the card shows 'Patient satisfaction: 4/5 (Satisfied)'", async () => {
    const { ctx, concern, concerns } = await resolvedConcern();
    const values = { rating: "4", comment: "  The night nurse was kind.  ", askedHow: "phone" };
    const reply = await submitCardAction(ctx, concern.id, "record-satisfaction", values, PAT);
    if (reply.kind !== "card") throw new Error(`expected the card, got ${reply.kind}`);
    expect(reply.view.satisfactionLine).toBe("Patient satisfaction: 4/5 (Satisfied)");
    expect(reply.view.actions).not.toContain("record-satisfaction");
    expect(reply.view.actions).not.toContain("send-survey-link");
    const stored = await concerns.findById(concern.id);
    expect(stored?.satisfaction).toEqual({
      rating: 4,
      comment: "The night nurse was kind.",
      source: "staff",
      askedHow: "phone",
      by: { key: "person:pat.liaison", displayName: "Pat Morgan", platform: "slack" },
      at: new Date("2026-11-24T20:10:00Z"),
    });
    const trail = await concerns.auditTrail(concern.id);
    expect(trail.find((e) => e.type === "satisfaction-recorded")?.detail).toEqual({
      from: "resolved",
      rating: 4,
      comment: "The night nurse was kind.",
      source: "staff",
      askedHow: "phone",
    });
  });

  it("a second rating (a stale card) is refused, saying who recorded the first and when", async () => {
    const { ctx, concern, clock } = await resolvedConcern();
    await submitCardAction(ctx, concern.id, "record-satisfaction", { rating: "4", askedHow: "phone" }, PAT);
    clock.advanceMinutes(60);
    const again = await submitCardAction(
      ctx,
      concern.id,
      "record-satisfaction",
      { rating: "2", askedHow: "in-person" },
      PAT,
    );
    if (again.kind !== "form") throw new Error(`expected the form back, got ${again.kind}`);
    expect(again.form.errors.form).toBe(
      `${concern.reference}'s patient satisfaction was already recorded (4/5) by Pat Morgan on 2026-11-24. Your patient satisfaction was NOT saved.`,
    );
  });

  it("is asked only once the concern is resolved, and survives a reopening (one rating per concern)", async () => {
    const core = coreContext("2026-11-24T20:00:00Z");
    const concern = await raiseConcern(core.ctx, PAIN_DRAFT, NIA);
    const open = await clickCardAction(core.ctx, concern.id, "record-satisfaction", PAT);
    expect(open.kind === "card" && open.notice).toContain("is open");
    await submitCardAction(core.ctx, concern.id, "resolve", { text: "Plan changed." }, PAT);
    await submitCardAction(
      core.ctx,
      concern.id,
      "record-satisfaction",
      { rating: "5", askedHow: "phone" },
      PAT,
    );
    const reopened = await submitCardAction(core.ctx, concern.id, "reopen", { text: "Pain is back." }, PAT);
    expect(reopened.kind === "card" && reopened.view.satisfactionLine).toBe(
      "Patient satisfaction: 5/5 (Very satisfied)",
    );
  });
});

describe("a liaison sends the patient a one-time survey link", () => {
  it("the link reaches only the person who asked, in a direct message; the trail records who and until when", async () => {
    const core = await resolvedConcern();
    const { reply, dm, text, token } = await sendSurveyLink(core);
    if (reply.kind !== "card") throw new Error(`expected the card, got ${reply.kind}`);
    expect(reply.notice).toBe(
      "The survey link is in your direct messages with Liaison; give it (or its printed QR code) only to the patient.",
    );
    expect(dm).toMatchObject({ kind: "direct", personId: "pat.liaison", withCard: false });
    expect(text).toContain(`https://liaison.example.org/survey/${token}/print`);
    expect(text).toContain("until 2026-12-08");
    expect(reply.view.satisfactionLine).toBe(
      "Survey link sent by Pat Morgan; the patient can answer until Tue 8 Dec 14:10.",
    );
    expect(reply.view.actions).not.toContain("send-survey-link");
    expect(reply.view.actions).toContain("record-satisfaction");
    // Only the token's hash is stored; the trail and the channel never carry the link.
    expect(core.surveyStore.rows).toEqual([
      expect.objectContaining({ concernId: core.concern.id, tokenHash: tokenHash(token) }),
    ]);
    const trail = await core.concerns.auditTrail(core.concern.id);
    expect(JSON.stringify(trail)).not.toContain(token);
    const created = trail.find((e) => e.type === "survey-link-created");
    expect(created).toMatchObject({
      actor: { displayName: "Pat Morgan" },
      detail: { from: "resolved", expiresAt: "2026-12-08T20:10:00.000Z" },
    });
    const channel = core.concerns.outboxRows.filter((r) => r.message.kind === "thread-reply");
    expect(JSON.stringify(channel)).not.toContain(token);
  });

  it("a second link is refused while the first can still be answered, and offered again once it has expired", async () => {
    const core = await resolvedConcern();
    await sendSurveyLink(core);
    const again = await clickCardAction(core.ctx, core.concern.id, "send-survey-link", PAT);
    expect(again.kind === "card" && again.notice).toBe(
      `A survey link for ${core.concern.reference} was already sent by Pat Morgan on 2026-11-24; it can be answered until 2026-12-08. Your survey link was NOT saved.`,
    );
    core.clock.advanceMinutes(14 * 24 * 60);
    const card = channelCardView(
      core.directory,
      (await core.concerns.findById(core.concern.id))!,
      core.clock.now(),
    );
    expect(card.actions).toContain("send-survey-link");
    expect(card.satisfactionLine).toBe(
      "The survey link sent by Pat Morgan expired unanswered at Tue 8 Dec 14:10.",
    );
  });
});

describe("the patient answers the survey", () => {
  it("opening it shows the hospital and nothing of the concern; the opening is in the trail", async () => {
    const core = await resolvedConcern();
    const { token } = await sendSurveyLink(core);
    const state = await openSurvey(core.ctx, token, "survey");
    expect(state).toEqual({ kind: "open", hospital: core.directory.hospital.name, expiresOn: "2026-12-08" });
    const trail = await core.concerns.auditTrail(core.concern.id);
    expect(trail.at(-1)).toMatchObject({
      type: "survey-opened",
      actor: { key: "survey" },
      detail: { page: "survey" },
    });
  });

  it("an answer is recorded as the patient's, once: a second submission is refused", async () => {
    const core = await resolvedConcern();
    const { token } = await sendSurveyLink(core);
    core.clock.advanceMinutes(24 * 60);
    expect(await submitSurvey(core.ctx, token, { rating: "5", comment: "Thank you." })).toEqual({
      kind: "recorded",
    });
    const stored = await core.concerns.findById(core.concern.id);
    expect(stored?.satisfaction).toMatchObject({
      rating: 5,
      comment: "Thank you.",
      source: "survey",
      by: { key: "survey", displayName: "Patient survey", platform: "api" },
    });
    expect(await submitSurvey(core.ctx, token, { rating: "1" })).toEqual({
      kind: "gone",
      reason: "answered",
    });
    expect(await openSurvey(core.ctx, token, "survey")).toEqual({ kind: "gone", reason: "answered" });
    expect((await core.concerns.findById(core.concern.id))?.satisfaction?.rating).toBe(5);
    const steps = (await core.concerns.auditTrail(core.concern.id))
      .filter((e) => e.actor.key === "survey")
      .map((e) => [e.type, "reason" in e.detail ? e.detail.reason : undefined]);
    expect(steps).toEqual([
      ["satisfaction-recorded", undefined],
      ["survey-refused", "answered"],
      ["survey-refused", "answered"],
    ]);
  });

  it("two submissions at once: exactly one counts", async () => {
    const core = await resolvedConcern();
    const { token } = await sendSurveyLink(core);
    const outcomes = await Promise.all([
      submitSurvey(core.ctx, token, { rating: "5" }),
      submitSurvey(core.ctx, token, { rating: "1" }),
    ]);
    expect(outcomes.filter((o) => o.kind === "recorded")).toHaveLength(1);
    expect(core.surveyStore.rows[0]?.usedAt).toBeDefined();
  });

  it("a missing rating or an overlong comment is said by field, and nothing is recorded", async () => {
    const core = await resolvedConcern();
    const { token } = await sendSurveyLink(core);
    expect(await submitSurvey(core.ctx, token, { comment: "x".repeat(1001) })).toMatchObject({
      kind: "invalid",
      errors: { rating: "missing", comment: "too-long" },
    });
    expect(core.surveyStore.rows[0]?.usedAt).toBeUndefined();
  });

  it("a link expires after LIAISON_SURVEY_DAYS by the injected clock, and says so", async () => {
    const core = await resolvedConcern();
    const { token } = await sendSurveyLink(core);
    core.clock.advanceMinutes(14 * 24 * 60 - 1);
    expect((await openSurvey(core.ctx, token, "survey")).kind).toBe("open");
    core.clock.advanceMinutes(1);
    expect(await openSurvey(core.ctx, token, "survey")).toEqual({ kind: "gone", reason: "expired" });
    expect(await submitSurvey(core.ctx, token, { rating: "3" })).toEqual({ kind: "gone", reason: "expired" });
  });

  it("an unknown or malformed token finds nothing; a store that is down saves nothing and says try again", async () => {
    const core = await resolvedConcern();
    const { token } = await sendSurveyLink(core);
    expect(await openSurvey(core.ctx, "A".repeat(22), "survey")).toEqual({ kind: "unknown" });
    expect(await openSurvey(core.ctx, "../../etc/passwd", "survey")).toEqual({ kind: "unknown" });
    core.surveyStore.down = true;
    expect(await submitSurvey(core.ctx, token, { rating: "4" })).toEqual({ kind: "unavailable" });
    core.surveyStore.down = false;
    expect(await submitSurvey(core.ctx, token, { rating: "4" })).toEqual({ kind: "recorded" });
  });

  it("when the rating cannot be saved, the claim is given back so the patient can send it again", async () => {
    const core = await resolvedConcern();
    const { token } = await sendSurveyLink(core);
    const update = core.concerns.update.bind(core.concerns);
    core.concerns.update = () => Promise.reject(new Error("connection terminated"));
    expect(await submitSurvey(core.ctx, token, { rating: "4" })).toEqual({ kind: "unavailable" });
    expect(core.surveyStore.rows[0]?.usedAt).toBeUndefined();
    core.concerns.update = update;
    expect(await submitSurvey(core.ctx, token, { rating: "4" })).toEqual({ kind: "recorded" });
  });

  it("staff recorded a rating meanwhile: the link says it was answered", async () => {
    const core = await resolvedConcern();
    const { token } = await sendSurveyLink(core);
    await submitCardAction(
      core.ctx,
      core.concern.id,
      "record-satisfaction",
      { rating: "3", askedHow: "phone" },
      PAT,
    );
    expect(await submitSurvey(core.ctx, token, { rating: "5" })).toEqual({
      kind: "gone",
      reason: "answered",
    });
  });
});
