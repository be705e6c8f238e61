import { describe, expect, it } from "vitest";
import { AuditExportRangeError, exportAuditTrail } from "../../../src/core/use-cases/export-audit-trail.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { revealConcernDetails } from "../../../src/core/use-cases/reveal-concern-details.ts";
import { submitCardAction } from "../../../src/core/use-cases/card-action-dialogue.ts";
import { actOnConcern } from "../../../src/core/use-cases/act-on-concern.ts";
import { DirectoryIndex } from "../../../src/core/directory/directory-index.ts";
import { purgePatientDetails } from "../../../src/core/use-cases/purge-patient-details.ts";
import type { ActorRef } from "../../../src/core/concern/concern.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { SLACK } from "../../support/sample-directory.ts";

const PAT = { platform: "slack", userId: "U04PMORGN07", displayName: "Pat Morgan" } as const;
const SURVEYOR_DESK: ActorRef = {
  key: "cli:records",
  displayName: "records (command line)",
  platform: "system",
};
const FIRST_QUARTER = {
  from: "2026-01-01",
  to: "2026-03-31",
  format: "csv",
  by: SURVEYOR_DESK,
  via: "command-line",
} as const;

const FOUR_ELEMENTS = {
  contact: "Pat Morgan, Patient Relations, (217) 555-0100",
  steps: "Interviewed the night nurses and reviewed the call-light log.",
  results: "Call-light response on 4 West is now audited every shift.",
  completedOn: "2026-02-12",
  language: "es",
};

/**
 * The first quarter of 2026 at a hospital in Chicago (UTC-6 in winter, UTC-5 from 8 March): one concern
 * raised a minute before New Year and acknowledged just after it, a grievance closed in February, and
 * one raised a minute before the quarter ends and acknowledged just after.
 */
async function firstQuarter() {
  const world = coreContext("2026-01-01T05:59:00Z"); // 31 Dec 2025, 23:59 in Chicago
  const newYear = await raiseConcern(world.ctx, PAIN_DRAFT, SLACK.nurse);
  world.clock.set("2026-01-01T06:00:00Z"); // 00:00 on 1 January
  await actOnConcern(world.ctx, newYear.id, { type: "acknowledge" }, SLACK.responder);
  world.clock.set("2026-01-01T14:00:00Z");
  await submitCardAction(
    world.ctx,
    newYear.id,
    "add-note",
    { text: "Son called; =asked for the charge nurse" },
    SLACK.responder,
  );

  world.clock.set("2026-02-09T16:00:00Z");
  const grievance = await raiseConcern(world.ctx, { ...PAIN_DRAFT, category: "patient-rights" }, SLACK.nurse);
  world.clock.set("2026-02-12T17:00:00Z");
  await submitCardAction(world.ctx, grievance.id, "resolve", FOUR_ELEMENTS, PAT);
  await submitCardAction(
    world.ctx,
    grievance.id,
    "mark-notice-sent",
    { method: "mail", sentOn: "2026-02-12" },
    PAT,
  );

  world.clock.set("2026-04-01T04:59:00Z"); // 31 March, 23:59 (daylight time)
  const lastMinute = await raiseConcern(world.ctx, PAIN_DRAFT, SLACK.nurse);
  world.clock.set("2026-04-01T04:59:30Z");
  await revealConcernDetails(world.ctx, lastMinute.id, PAT);
  world.clock.set("2026-04-01T05:00:00Z"); // 00:00 on 1 April: the next quarter
  await actOnConcern(world.ctx, lastMinute.id, { type: "acknowledge" }, SLACK.responder);
  world.clock.set("2026-04-02T09:00:00Z");
  return { ...world, newYear, grievance, lastMinute };
}

const inQuarter = (at: Date) =>
  at >= new Date("2026-01-01T06:00:00Z") && at < new Date("2026-04-01T05:00:00Z");

describe("the surveyor's export: every audit event of the days asked for, none outside them", () => {
  it("lists each event of the quarter once, in its concern, and nothing from the minutes either side", async () => {
    const world = await firstQuarter();
    const trailBefore = [...world.concerns.audit];
    const exported = await exportAuditTrail(world.ctx, FIRST_QUARTER);

    const listed = exported.concerns.flatMap((c) =>
      c.events.map((e) => `${c.id} ${e.type} ${e.at.toISOString()}`),
    );
    const expected = trailBefore
      .filter((e) => e.concernId && inQuarter(e.at))
      .map((e) => `${e.concernId} ${e.type} ${e.at.toISOString()}`);
    expect(listed.sort()).toEqual(expected.sort());
    expect(exported.eventCount).toBe(trailBefore.filter((e) => inQuarter(e.at)).length);

    const newYear = exported.concerns.find((c) => c.id === world.newYear.id)!;
    expect(newYear.events.map((e) => e.type)).toEqual(["acknowledged", "note-added"]);
    expect(newYear.events[0]).toMatchObject({
      atLocal: "2026-01-01 00:00:00",
      who: "Sam Rivera",
      platform: "slack",
      description: "Acknowledged by Sam Rivera",
    });
    const lastMinute = exported.concerns.find((c) => c.id === world.lastMinute.id)!;
    expect(lastMinute.events.map((e) => e.type)).not.toContain("acknowledged");
    expect(lastMinute.events.at(-1)).toMatchObject({
      type: "details-viewed",
      atLocal: "2026-03-31 23:59:30",
      who: "Pat Morgan",
      platform: "slack",
      description: "Pat Morgan viewed the patient details",
    });
  });

  it("gives what staff typed apart from the sentence, and the grievance's dates and letter", async () => {
    const world = await firstQuarter();
    const exported = await exportAuditTrail(world.ctx, FIRST_QUARTER);
    const note = exported.concerns.find((c) => c.id === world.newYear.id)!.events[1]!;
    expect(note).toMatchObject({
      description: "Note added by Sam Rivera",
      text: { note: "Son called; =asked for the charge nurse" },
    });
    expect(note.detail).not.toHaveProperty("note");

    const grievance = exported.concerns.find((c) => c.id === world.grievance.id)!;
    expect(grievance.reference).toBe(world.grievance.reference);
    expect(grievance.grievance).toEqual({
      noticeBy: world.grievance.grievanceNoticeBy,
      writtenNotice: { sentOn: "2026-02-12", method: "mail" },
      letters: [
        { kind: "final", language: "es", producedAt: expect.any(Date), sentOn: "2026-02-12", method: "mail" },
      ],
    });
    expect(grievance.events.map((e) => e.description)).toContain(
      "Written notice sent by mail on 2026-02-12, recorded by Pat Morgan",
    );
  });

  it("is itself recorded: who took which days, in what format, how much; and a later export lists it", async () => {
    const world = await firstQuarter();
    const exported = await exportAuditTrail(world.ctx, FIRST_QUARTER);
    const recorded = world.concerns.audit.at(-1)!;
    expect(recorded).toMatchObject({
      type: "audit-exported",
      actor: SURVEYOR_DESK,
      at: new Date("2026-04-02T09:00:00Z"),
      detail: {
        from: "2026-01-01",
        to: "2026-03-31",
        format: "csv",
        concerns: 3,
        events: exported.eventCount,
        via: "command-line",
      },
    });
    expect(recorded.concernId).toBeUndefined();
    const april = await exportAuditTrail(world.ctx, {
      ...FIRST_QUARTER,
      from: "2026-04-01",
      to: "2026-04-02",
    });
    expect(april.hospitalEvents.map((e) => e.description)).toEqual([
      `records (command line) exported the audit trail of 2026-01-01 to 2026-03-31 (csv, ${exported.eventCount} events)`,
    ]);
  });

  it("a concern the retention policy purged is listed with its events and without what was typed", async () => {
    const world = await firstQuarter();
    await actOnConcern(
      world.ctx,
      world.newYear.id,
      { type: "resolve", resolutionNote: "Pain plan changed." },
      SLACK.responder,
    );
    const keepAMonth = new DirectoryIndex({
      ...world.directory.directory,
      hospital: { ...world.directory.hospital, retainPatientDetailsDays: 30 },
    });
    world.ctx.directory = () => keepAMonth;
    world.clock.set("2026-05-15T12:00:00Z");
    await purgePatientDetails(world.ctx);
    const exported = await exportAuditTrail(world.ctx, FIRST_QUARTER);
    const newYear = exported.concerns.find((c) => c.id === world.newYear.id)!;
    expect(newYear.detailsPurgedAt).toEqual(new Date("2026-05-15T12:00:00Z"));
    expect(newYear.events.map((e) => [e.description, e.text])).toEqual([
      ["Acknowledged by Sam Rivera", undefined],
      ["Note added by Sam Rivera", undefined],
    ]);
  });

  it("a range that is not two days in order is refused, naming the day and what was expected", async () => {
    const world = await firstQuarter();
    await expect(exportAuditTrail(world.ctx, { ...FIRST_QUARTER, to: "2026-02-30" })).rejects.toThrow(
      new AuditExportRangeError(
        'the last day "2026-02-30" is not a date: expected YYYY-MM-DD, like 2026-03-31',
      ),
    );
    await expect(exportAuditTrail(world.ctx, { ...FIRST_QUARTER, from: "2026-04-01" })).rejects.toThrow(
      "the first day 2026-04-01 is after the last day 2026-03-31",
    );
  });
});
