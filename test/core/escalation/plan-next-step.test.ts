import { describe, expect, it } from "vitest";
import type { Concern } from "../../../src/core/concern/concern.ts";
import type { LadderTarget } from "../../../src/core/directory/directory.ts";
import { planNextStep } from "../../../src/core/escalation/plan-next-step.ts";
import type { PolicySnapshot } from "../../../src/core/escalation/policy-snapshot.ts";

const T0 = new Date("2026-11-24T20:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const POLICY: PolicySnapshot = {
  policyId: "critical" as PolicySnapshot["policyId"],
  acknowledgeWithinMinutes: 5,
  resolveWithin: { unit: "minutes", amount: 240 },
  resolveClock: "calendar",
  ladder: [
    { notify: "department-head", afterMinutes: 0 },
    { notify: "department-manager", afterMinutes: 5 },
    { notify: "department-director", afterMinutes: 5 },
    { notify: "administrator-on-call", afterMinutes: 10 },
  ],
  repeat: 1,
  timeZone: "America/Chicago",
  businessHours: { days: ["mon", "tue", "wed", "thu", "fri"], start: "08:00", end: "17:00" },
  grievance: { interimNoticeDays: 7, remindDaysBefore: 2 },
};

type State = Pick<
  Concern,
  "status" | "policy" | "acknowledgeBy" | "resolveBy" | "isGrievance" | "grievanceNoticeBy" | "escalation"
>;

const open = (escalation: Partial<Concern["escalation"]> = {}): State => ({
  status: "open",
  policy: POLICY,
  acknowledgeBy: at(5),
  resolveBy: at(240),
  isGrievance: false,
  escalation: { stepsFired: 0, level: 0, ...escalation },
});

const everyone = () => true;
const nobodyAt =
  (...missing: LadderTarget[]) =>
  (t: LadderTarget) =>
    !missing.includes(t);

describe("planNextStep: what happens next, from (frozen policy, state, now)", () => {
  const cases: {
    story: string;
    state: State;
    now: Date;
    staffed?: (t: LadderTarget) => boolean;
    steps: string[];
    nextDueAt: Date | undefined;
    level?: number;
  }[] = [
    { story: "before the deadline nothing fires", state: open(), now: at(4), steps: [], nextDueAt: at(5) },
    {
      story: "at the acknowledgement deadline the head is notified",
      state: open(),
      now: at(5),
      steps: ["escalate department-head"],
      nextDueAt: at(10),
      level: 1,
    },
    {
      story: "five minutes later the manager",
      state: open({ stepsFired: 1, level: 1, lastEscalatedAt: at(5) }),
      now: at(10),
      steps: ["escalate department-manager"],
      nextDueAt: at(15),
      level: 2,
    },
    {
      story: "after an hour of downtime only the next level fires, the rest count from now",
      state: open(),
      now: at(65),
      steps: ["escalate department-head"],
      nextDueAt: at(70),
    },
    {
      story: "a level nobody holds is skipped at once and the next fires when it is due",
      state: open(),
      now: at(5),
      staffed: nobodyAt("department-head"),
      steps: ["skip department-head"],
      nextDueAt: at(10),
      level: 0,
    },
    {
      story: "two empty levels in a row are both skipped and recorded",
      state: open({ stepsFired: 1, level: 1, lastEscalatedAt: at(5) }),
      now: at(20),
      staffed: nobodyAt("department-manager", "department-director"),
      steps: ["skip department-manager", "skip department-director"],
      nextDueAt: at(25),
    },
    {
      story: "after the last level the ladder repeats from the top",
      state: open({ stepsFired: 4, level: 4, lastEscalatedAt: at(20) }),
      now: at(20),
      steps: ["escalate department-head"],
      nextDueAt: at(25),
      level: 4,
    },
    {
      story: "when the repeats are spent nothing more is due",
      state: open({ stepsFired: 8, level: 4, lastEscalatedAt: at(60) }),
      now: at(500),
      steps: [],
      nextDueAt: undefined,
    },
    {
      story: "once acknowledged the resolve clock runs its own ladder from resolve-by",
      state: { ...open({ stepsFired: 0, level: 2, lastEscalatedAt: at(10) }), status: "acknowledged" },
      now: at(239),
      steps: [],
      nextDueAt: at(240),
    },
    {
      story: "a resolved concern never escalates (a stale timer does nothing)",
      state: { ...open(), status: "resolved" },
      now: at(1000),
      steps: [],
      nextDueAt: undefined,
    },
  ];

  it.each(cases)("$story", ({ state, now, staffed, steps, nextDueAt, level }) => {
    const plan = planNextStep(state, staffed ?? everyone, now);
    expect(plan.steps.map((s) => ("notify" in s ? `${s.type} ${s.notify}` : s.type))).toEqual(steps);
    expect(plan.nextDueAt).toEqual(nextDueAt);
    if (level !== undefined) expect(plan.escalation.level).toBe(level);
  });

  it("says how overdue an escalation is", () => {
    const [step] = planNextStep(open(), everyone, at(65)).steps;
    expect(step).toMatchObject({ type: "escalate", overdueMinutes: 60 });
  });

  describe("a grievance's day-level clock", () => {
    const noticeBy = new Date("2026-12-01T20:00:00Z");
    const grievance = (escalation: Partial<Concern["escalation"]> = {}): State => ({
      ...open({ stepsFired: 8, ...escalation }),
      status: "acknowledged",
      resolveBy: new Date("2027-01-01T00:00:00Z"),
      isGrievance: true,
      grievanceNoticeBy: noticeBy,
    });

    it("is next due at its reminder, two calendar days before the notice", () => {
      expect(planNextStep(grievance(), everyone, at(10)).nextDueAt).toEqual(new Date("2026-11-29T20:00:00Z"));
    });

    it("reminds once when the reminder falls due, then waits for the notice deadline", () => {
      const plan = planNextStep(grievance(), everyone, new Date("2026-11-29T20:00:00Z"));
      expect(plan.steps.map((s) => s.type)).toEqual(["grievance-reminder"]);
      expect(plan.nextDueAt).toEqual(noticeBy);
    });

    it("escalates once when the notice is overdue, then nothing more is due", () => {
      const reminded = grievance({ grievanceRemindedAt: new Date("2026-11-29T20:00:00Z") });
      const plan = planNextStep(reminded, everyone, new Date("2026-12-01T21:00:00Z"));
      expect(plan.steps).toEqual([{ type: "grievance-overdue", overdueMinutes: 60 }]);
      expect(plan.nextDueAt).toBeUndefined();
    });

    it("after downtime past the deadline, skips the pointless reminder and escalates", () => {
      const plan = planNextStep(grievance(), everyone, new Date("2026-12-02T20:00:00Z"));
      expect(plan.steps.map((s) => s.type)).toEqual(["grievance-overdue"]);
    });
  });
});
