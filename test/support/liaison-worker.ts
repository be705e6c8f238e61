import { sha256MatchKey } from "../../src/infra/privacy/sha256-match-key.ts";
import { createIdentifierScanner } from "../../src/infra/privacy/identifier-scanner.ts";
// A separate Liaison process for the many-instance tests: its own Prisma client on the given database,
// a fixed clock, and recording notifiers that print every delivery as it happens ("D <key>").
// Usage: node --import tsx test/support/liaison-worker.ts <databaseUrl> <nowISO> <sweep|deliver|digest> [delayMs]
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import type { Delivery } from "../../src/core/messaging/delivery.ts";
import type { ChatNotifier, DeliveryOutcome } from "../../src/core/ports/chat-notifier.port.ts";
import type { Platform } from "../../src/core/platform.ts";
import { asPersonId } from "../../src/core/ids.ts";
import { deliverOutbox, DEFAULT_DELIVERY_POLICY } from "../../src/core/use-cases/deliver-outbox.ts";
import type { LiaisonContext } from "../../src/core/use-cases/liaison-context.ts";
import { queueDigest } from "../../src/core/use-cases/queue-digest.ts";
import { sweepDueConcerns } from "../../src/core/use-cases/sweep-due-concerns.ts";
import { PrismaClient } from "../../src/generated/prisma/client.ts";
import { PrismaConcernRepository } from "../../src/infra/store/prisma-concern-repository.ts";
import { PrismaOutboxRepository } from "../../src/infra/store/prisma-outbox-repository.ts";
import { PrismaDutyRepository } from "../../src/infra/store/prisma-duty-repository.ts";
import { InMemoryLetterDesk } from "./in-memory-letter-desk.ts";
import { InMemorySurveyStore } from "./in-memory-survey-store.ts";
import { surveyDesk } from "../../src/infra/surveys/survey-desk.ts";
import { ResponderGroupMembers } from "../../src/core/directory/responder-group-members.ts";
import { RecordingLogger } from "./recording-logger.ts";
import { sampleDirectory } from "./sample-directory.ts";
import { newRaiseQueue } from "../../src/core/use-cases/raise-concern.ts";

const [url, nowIso, mode, delay] = process.argv.slice(2) as [string, string, string, string | undefined];
const delayMs = Number(delay ?? 0);
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
const directory = sampleDirectory();

class PrintingNotifier implements ChatNotifier {
  constructor(readonly platform: Platform) {}
  async deliver(delivery: Delivery): Promise<DeliveryOutcome> {
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    process.stdout.write(`D ${delivery.key}\n`);
    return { kind: "sent" };
  }
}

const ctx: LiaisonContext = {
  concerns: new PrismaConcernRepository(prisma),
  outbox: new PrismaOutboxRepository(prisma),
  duties: new PrismaDutyRepository(prisma),
  platforms: new Set<Platform>(["slack", "teams"]),
  directory: () => directory,
  groups: new ResponderGroupMembers(),
  letters: new InMemoryLetterDesk(),
  surveys: surveyDesk(new InMemorySurveyStore(), "https://liaison.example.org", 14),
  clock: { now: () => new Date(nowIso) },
  logger: new RecordingLogger(),
  newId: randomUUID,
  matchKey: sha256MatchKey,
  identifiers: createIdentifierScanner(),
  raises: newRaiseQueue(),
};
const notifiers = new Map<Platform, ChatNotifier>([
  ["slack", new PrintingNotifier("slack")],
  ["teams", new PrintingNotifier("teams")],
]);

if (mode === "sweep") {
  // Small batches, so the four instances really interleave on the same rows.
  const swept = await sweepDueConcerns(ctx, 25);
  process.stdout.write(`S ${swept}\n`);
} else if (mode === "digest") {
  const result = await queueDigest(ctx, asPersonId("maria.lopez"), new Date("2026-11-25T13:00:00Z"));
  process.stdout.write(`G ${result}\n`);
} else {
  let report;
  do {
    report = await deliverOutbox(ctx, notifiers, { ...DEFAULT_DELIVERY_POLICY, batchSize: 20 });
  } while (report.sent + report.parked > 0);
}
await prisma.$disconnect();
