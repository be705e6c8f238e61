import { describe, expect, it } from "vitest";
import type { ActorRef, Concern, ConcernStatus } from "../../../src/core/concern/concern.ts";
import { CONCERN_STATUSES } from "../../../src/core/concern/concern.ts";
import {
  LEGAL_FROM,
  transition,
  type ConcernAction,
  type ConcernActionType,
} from "../../../src/core/concern/concern-state-machine.ts";
import { IllegalTransitionError, InvalidInputError } from "../../../src/core/errors.ts";
import { asConcernId, asDepartmentId } from "../../../src/core/ids.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { sampleDirectory, SLACK } from "../../support/sample-directory.ts";
import { escalationRecipient } from "../../../src/core/escalation/escalation-recipient.ts";

const responder = { key: "person:sam.rivera", displayName: "Sam Rivera", platform: "slack" as const };
const colleague = { key: "person:lee.chen", displayName: "Lee Chen", platform: "teams" as const };

/** An earlier concern for the same patient and room, which every concern here repeats (so it may merge into it). */
const EARLIER = {
  id: asConcernId("00000000-0000-4000-8000-000000000031"),
  reference: "PR-2026-00031",
  raisedAt: new Date("2026-11-20T09:00:00Z"),
};

async function concernIn(status: ConcernStatus, grievance = false): Promise<Concern> {
  const { ctx } = coreContext();
  const raised = await raiseConcern(ctx, { ...PAIN_DRAFT, grievance }, SLACK.nurse);
  const c = { ...raised, repeatOf: [EARLIER] };
  const by = { ...responder };
  const at = new Date("2026-11-24T20:05:00Z");
  switch (status) {
    case "open":
      return c;
    case "acknowledged":
      return { ...c, status, acknowledgedBy: by, acknowledgedAt: at, owner: by };
    case "resolved":
      // As a resolved grievance would be: its letter drafted, waiting to be marked sent.
      return {
        ...c,
        status,
        resolvedBy: by,
        resolvedAt: at,
        grievanceLetter: { id: "letter-1", url: "https://liaison.example.org/letters/x.pdf", producedAt: at },
      };
    case "reopened":
      return { ...c, status };
  }
}

const ACTIONS: Record<ConcernActionType, ConcernAction> = {
  acknowledge: { type: "acknowledge" },
  resolve: { type: "resolve", resolutionNote: "Pain team reviewed; new plan in place." },
  reopen: { type: "reopen", reason: "Family says pain is back." },
  reassign: {
    type: "reassign",
    toDepartment: asDepartmentId("patient-relations"),
    toDepartmentName: "Patient Relations",
  },
  escalate: { type: "escalate" },
  "add-note": { type: "add-note", text: "Spoke with the patient's daughter." },
  "mark-notice-sent": { type: "mark-notice-sent", method: "mail", sentOn: "2026-11-24" },
  "record-qio-referral": { type: "record-qio-referral", referredOn: "2026-11-24" },
  "record-satisfaction": { type: "record-satisfaction", rating: 4, source: "staff", askedHow: "in-person" },
  "send-survey-link": { type: "send-survey-link" },
  "record-patient-update": {
    type: "record-patient-update",
    method: "phone",
    note: "Told her daughter the pain team comes at 15:00.",
  },
  merge: { type: "merge", into: EARLIER.id, reason: "Same pain episode." },
  "send-interim-notice": {
    type: "send-interim-notice",
    sentOn: "2026-11-24",
    interim: {
      contactPerson: "Pat Morgan",
      progress: "Waiting for the pharmacy's review.",
      followUpOn: "2026-12-15",
      language: "en",
      method: "mail",
    },
  },
};

const EXPECTED_STATUS: Record<ConcernActionType, ConcernStatus | "same"> = {
  acknowledge: "acknowledged",
  resolve: "resolved",
  reopen: "reopened",
  reassign: "open",
  escalate: "same",
  "add-note": "same",
  "mark-notice-sent": "same",
  "send-interim-notice": "same",
  "record-qio-referral": "same",
  "record-satisfaction": "same",
  "send-survey-link": "same",
  "record-patient-update": "same",
  merge: "resolved",
};

const now = new Date("2026-11-24T20:10:00Z");
const directory = sampleDirectory();

/** The transition with the sample hospital's ladder holders (Nursing 4 West has a head, manager and director). */
function act(concern: Concern, action: ConcernAction, actor: ActorRef, at: Date) {
  const department = directory.requireDepartment(concern.departmentId);
  return transition(concern, action, actor, at, {
    recipientOf: (target) => escalationRecipient(directory, department, target, at),
    surveyInvitation: { id: "invitation-1", expiresAt: new Date(at.getTime() + 14 * 86_400_000) },
    mergeTarget: { ...concern, id: EARLIER.id, reference: EARLIER.reference, status: "open", repeatOf: [] },
  });
}

describe("the concern state machine", () => {
  const cases = CONCERN_STATUSES.flatMap((from) =>
    (Object.keys(ACTIONS) as ConcernActionType[]).map((action) => ({ from, action })),
  );

  it.each(cases)("$action from $from is legal exactly when the table says so", async ({ from, action }) => {
    // Only a grievance has an interim notice; every other action is the same on any concern.
    const concern = await concernIn(from, action === "send-interim-notice");
    const idempotent =
      (action === "acknowledge" && from === "acknowledged") || (action === "resolve" && from === "resolved");
    if (idempotent) {
      const outcome = act(concern, ACTIONS[action], colleague, now);
      expect(outcome).toMatchObject({ kind: "already-done", action, by: responder });
      return;
    }
    if (!LEGAL_FROM[action].includes(from)) {
      expect(() => act(concern, ACTIONS[action], colleague, now)).toThrow(IllegalTransitionError);
      return;
    }
    const outcome = act(concern, ACTIONS[action], colleague, now);
    if (outcome.kind !== "changed") throw new Error("expected a change");
    const expected = EXPECTED_STATUS[action];
    expect(outcome.concern.status).toBe(expected === "same" ? from : expected);
    expect(outcome.concern.version).toBe(concern.version + 1);
    expect(outcome.events).toHaveLength(1);
    expect(outcome.events[0]).toMatchObject({
      concernId: concern.id,
      actor: colleague,
      at: now,
      detail: { from },
    });
  });

  it("an illegal transition names the concern and what to do instead", async () => {
    const resolved = await concernIn("resolved");
    expect(() => act(resolved, ACTIONS.escalate, colleague, now)).toThrow(
      `Cannot escalate: ${resolved.reference} is resolved; reopen it first.`,
    );
    const open = await concernIn("open");
    expect(() => act(open, ACTIONS.reopen, colleague, now)).toThrow(
      /Only a resolved concern can be reopened/,
    );
  });

  it("acknowledging makes the acknowledger the owner and switches the clock to resolve-by", async () => {
    const open = await concernIn("open");
    const outcome = act(open, ACTIONS.acknowledge, colleague, now);
    if (outcome.kind !== "changed") throw new Error("expected a change");
    expect(outcome.concern.owner).toEqual(colleague);
    expect(outcome.concern.nextDueAt).toEqual(open.resolveBy);
  });

  it("a grievance cannot be resolved without the four elements of its written notice", async () => {
    const grievance = await concernIn("acknowledged", true);
    expect(() => act(grievance, { type: "resolve", resolutionNote: "Sorted." }, colleague, now)).toThrow(
      InvalidInputError,
    );
    const partial = {
      contactPerson: "Pat Morgan",
      investigationSteps: " ",
      results: "Plan changed.",
      completedOn: "2026-11-24",
      language: "en" as const,
    };
    try {
      act(grievance, { type: "resolve", grievance: partial }, colleague, now);
      expect.unreachable();
    } catch (e) {
      expect((e as InvalidInputError).fieldErrors).toEqual({
        steps: "Please enter the steps taken to investigate the grievance.",
      });
    }
    const resolved = act(
      grievance,
      { type: "resolve", grievance: { ...partial, investigationSteps: "Met the family." } },
      colleague,
      now,
    );
    expect(resolved.kind === "changed" && resolved.concern).toMatchObject({
      status: "resolved",
      resolutionNote: "Plan changed.",
      grievanceResolution: { investigationSteps: "Met the family." },
    });
  });

  it("an empty note or reopen reason is refused with the field it belongs to", async () => {
    const open = await concernIn("open");
    try {
      act(open, { type: "add-note", text: "  " }, colleague, now);
      expect.unreachable();
    } catch (e) {
      expect((e as InvalidInputError).fieldErrors).toEqual({ note: "Please enter a note." });
    }
    const resolved = await concernIn("resolved");
    expect(() => act(resolved, { type: "reopen", reason: "" }, colleague, now)).toThrow(InvalidInputError);
  });

  it("reassigning to the same department is refused; to another restarts the acknowledgement clock", async () => {
    const ack = await concernIn("acknowledged");
    expect(() =>
      act(ack, { ...ACTIONS.reassign, toDepartment: ack.departmentId } as ConcernAction, colleague, now),
    ).toThrow(/already with/);
    const outcome = act(ack, ACTIONS.reassign, colleague, now);
    if (outcome.kind !== "changed") throw new Error("expected a change");
    expect(outcome.concern).toMatchObject({
      status: "open",
      departmentId: "patient-relations",
      owner: undefined,
    });
    expect(outcome.concern.acknowledgeBy).toEqual(new Date(now.getTime() + 15 * 60_000));
  });

  it("escalating by hand walks the frozen ladder (with its repeats) and then stops", async () => {
    let concern = await concernIn("open");
    const { ladder, repeat } = concern.policy;
    const reached: string[] = [];
    for (let i = 0; i < ladder.length * (repeat + 1); i++) {
      const outcome = act(concern, ACTIONS.escalate, colleague, now);
      if (outcome.kind !== "changed") throw new Error("expected a change");
      reached.push(String((outcome.events.at(-1)!.detail as { recipientName?: string }).recipientName));
      concern = outcome.concern;
    }
    // High severity: head, manager, administrator on call; once more (repeat: 1).
    expect(reached).toEqual([
      "Jo Kim",
      "Maria Lopez",
      "Avery Nguyen",
      "Jo Kim",
      "Maria Lopez",
      "Avery Nguyen",
    ]);
    expect(concern.escalation.level).toBe(3);
    expect(() => act(concern, ACTIONS.escalate, colleague, now)).toThrow(/top of its escalation ladder/);
  });
});
