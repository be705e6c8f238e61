import { sha256MatchKey } from "../../src/infra/privacy/sha256-match-key.ts";
import { createIdentifierScanner } from "../../src/infra/privacy/identifier-scanner.ts";
import { randomUUID } from "node:crypto";
import type { LiaisonContext } from "../../src/core/use-cases/liaison-context.ts";
import type { Platform } from "../../src/core/platform.ts";
import { FakeClock } from "./fake-clock.ts";
import { RecordingNotifier } from "./recording-notifier.ts";
import { InMemoryConcernRepository } from "./in-memory-concern-repository.ts";
import { InMemoryDutyRepository } from "./in-memory-duty-repository.ts";
import { sampleDirectory } from "./sample-directory.ts";
import { RecordingLogger } from "./recording-logger.ts";
import { ResponderGroupMembers } from "../../src/core/directory/responder-group-members.ts";
import { InMemoryLetterDesk } from "./in-memory-letter-desk.ts";
import { InMemorySurveyStore } from "./in-memory-survey-store.ts";
import { surveyDesk } from "../../src/infra/surveys/survey-desk.ts";
import { newRaiseQueue } from "../../src/core/use-cases/raise-concern.ts";

/** A core wired to the in-memory store, the sample hospital and a fake clock. */
export function coreContext(start = "2026-11-24T20:00:00Z", platforms: Platform[] = ["slack", "teams"]) {
  const clock = new FakeClock(start);
  const concerns = new InMemoryConcernRepository();
  const duties = new InMemoryDutyRepository();
  const logger = new RecordingLogger();
  const directory = sampleDirectory();
  const groups = new ResponderGroupMembers();
  const letters = new InMemoryLetterDesk();
  const surveyStore = new InMemorySurveyStore();
  const surveys = surveyDesk(surveyStore, "https://liaison.example.org", 14);
  const ctx: LiaisonContext = {
    concerns,
    outbox: concerns,
    duties,
    platforms: new Set(platforms),
    clock,
    logger,
    directory: () => directory,
    groups,
    letters,
    surveys,
    newId: randomUUID,
    matchKey: sha256MatchKey,
    identifiers: createIdentifierScanner(),
    raises: newRaiseQueue(),
  };
  const notifiers = new Map(platforms.map((p) => [p, new RecordingNotifier(p, concerns)] as const));
  return {
    ctx,
    clock,
    concerns,
    duties,
    logger,
    directory,
    groups,
    letters,
    surveyStore,
    notifiers,
    slack: notifiers.get("slack")!,
    teams: notifiers.get("teams")!,
  };
}

export const PAIN_DRAFT = {
  unit: "4W",
  room: "412",
  patientReference: "E20260417",
  category: "pain",
  severity: "high",
  description: "Pain not controlled for 2 hours after PRN dose; patient asking for the charge nurse.",
} as const;
