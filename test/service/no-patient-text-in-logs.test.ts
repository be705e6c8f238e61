import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/infra/logging/pino-logger.ts";
import { raiseConcern } from "../../src/core/use-cases/raise-concern.ts";
import { submitCardAction } from "../../src/core/use-cases/card-action-dialogue.ts";
import {
  capturingDestination,
  forgetWatched,
  patientTextInLogs,
  watchedCounts,
  watchTyped,
} from "../support/patient-text-watch.ts";
import { coreContext, PAIN_DRAFT } from "../support/core-context.ts";
import { SLACK } from "../support/sample-directory.ts";

// The suite-wide watch (test/support/no-patient-text-in-logs.setup.ts) checks every test file; these
// tests show that it sees what it must, so a silent pass elsewhere means something.
describe("the watch on logs for what people typed about a patient", () => {
  afterEach(() => forgetWatched());

  it("notes what was typed as the store keeps it, and finds it in a log line that quotes it", async () => {
    const { ctx, logger } = coreContext();
    const concern = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    await submitCardAction(
      ctx,
      concern.id,
      "add-note",
      { text: "Daughter visiting at six." },
      SLACK.responder,
    );
    expect(watchedCounts().typed).toBeGreaterThanOrEqual(3);
    expect(patientTextInLogs()).toEqual([]);
    // A careless caller, as a future change might be: the watch names the text and the line.
    logger.info({ concern: concern.reference, detail: "Daughter visiting at six." }, "note kept");
    expect(patientTextInLogs().map((f) => f.typed)).toEqual(["Daughter visiting at six."]);
  });

  it("sees the service's own log lines too, where pino redacts the patient keys of every new field", () => {
    const logger = createLogger("trace", capturingDestination);
    const typed = { comment: "Very kind night nurse.", steps: "Reviewed the call-light log." };
    watchTyped(typed);
    logger.info(typed, "recorded");
    expect(watchedCounts()).toEqual({ typed: 2, lines: 1 });
    expect(patientTextInLogs()).toEqual([]);
    // The same words in a key pino does not know are caught.
    logger.info({ remark: typed.comment }, "recorded");
    expect(patientTextInLogs().map((f) => f.typed)).toEqual(["Very kind night nurse."]);
  });
});
