import type { MatchKeyHash } from "../repeat/repeat-match.ts";
import type { BoundedQueue } from "./bounded-queue.ts";
import type { Clock } from "../ports/clock.port.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import type { ConcernRepository } from "../ports/concern-repository.port.ts";
import type { DutyRepository } from "../ports/duty-repository.port.ts";
import type { Logger } from "../ports/logger.port.ts";
import type { OutboxRepository } from "../ports/outbox-repository.port.ts";
import type { Platform } from "../platform.ts";
import type { LetterDesk } from "../ports/letter-desk.port.ts";
import type { SurveyDesk } from "../ports/survey-desk.port.ts";
import type { IdentifierScanner } from "../ports/identifier-scanner.port.ts";
import type { ResponderGroupMembers } from "../directory/responder-group-members.ts";

/** What every use case needs; main.ts builds one from the infra implementations. */
export interface LiaisonContext {
  concerns: ConcernRepository;
  outbox: OutboxRepository;
  /** Who took which duty this shift (charge nurse for 4 West). */
  duties: DutyRepository;
  /** The chat platforms this deployment talks to. */
  platforms: ReadonlySet<Platform>;
  directory: () => DirectoryIndex;
  /** The departments' Slack user groups and Teams teams, as last fetched: their members may act too. */
  groups: ResponderGroupMembers;
  /** Grievance letters: the hospital's template, the PDF renderer and where letters are kept. */
  letters: LetterDesk;
  /** Patients' one-time satisfaction survey links. */
  surveys: SurveyDesk;
  clock: Clock;
  logger: Logger;
  newId: () => string;
  /** One-way hash of a repeat match's text (SHA-256 in infra): stored and searched instead of the reference. */
  matchKey: MatchKeyHash;
  /** Finds likely patient identifiers in what people type, so they are warned before it is posted. */
  identifiers: IdentifierScanner;
  /** This instance's raises waiting for the store (see newRaiseQueue): bounded, so overload is refused up front. */
  raises: BoundedQueue;
}
