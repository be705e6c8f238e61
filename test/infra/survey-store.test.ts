import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asConcernId } from "../../src/core/ids.ts";
import { PrismaSurveyStore } from "../../src/infra/store/prisma-survey-store.ts";
import { surveyDesk, tokenHash } from "../../src/infra/surveys/survey-desk.ts";
import type { SurveyInvitationStore } from "../../src/infra/surveys/survey-invitation-store.ts";
import { InMemorySurveyStore } from "../support/in-memory-survey-store.ts";
import { openTestDatabase, STORE_KINDS, type StoreKind } from "../support/test-database.ts";

type ContractKind = StoreKind | "in-memory";
const CONTRACT_KINDS: ContractKind[] = ["in-memory", ...STORE_KINDS];

async function storeUnderTest(
  kind: ContractKind,
): Promise<{ store: SurveyInvitationStore; dispose: () => Promise<void> }> {
  if (kind === "in-memory") return { store: new InMemorySurveyStore(), dispose: async () => undefined };
  const test = await openTestDatabase(kind);
  return { store: new PrismaSurveyStore(test.db.prisma), dispose: () => test.dispose() };
}

const createdAt = new Date("2026-11-24T20:10:00Z");
const expiresAt = new Date("2026-12-08T20:10:00Z");
const invitation = () => ({ id: randomUUID(), concernId: asConcernId(randomUUID()), expiresAt, createdAt });

describe.each(CONTRACT_KINDS)("the survey invitation store contract on %s", (kind) => {
  let under: Awaited<ReturnType<typeof storeUnderTest>>;
  beforeAll(async () => {
    under = await storeUnderTest(kind);
  });
  afterAll(async () => {
    await under?.dispose();
  });

  it("keeps only the token's SHA-256: the invitation is found by its link, never by anything stored", async () => {
    const desk = surveyDesk(under.store, "https://liaison.example.org/", 14);
    const made = invitation();
    const links = await desk.issue(made);
    const token = /\/survey\/([A-Za-z0-9_-]{22})$/.exec(links.surveyUrl)?.[1] ?? "";
    expect(links.printUrl).toBe(`https://liaison.example.org/survey/${token}/print`);
    expect(await desk.find(token)).toEqual(made);
    const stored = await under.store.byTokenHash(tokenHash(token));
    expect(stored?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await desk.find(tokenHash(token))).toBeUndefined();
    expect(await desk.find("B".repeat(22))).toBeUndefined();
  });

  it("two tokens are never the same (128 random bits each)", async () => {
    const desk = surveyDesk(under.store, "https://liaison.example.org", 14);
    const urls = await Promise.all(Array.from({ length: 20 }, () => desk.issue(invitation())));
    expect(new Set(urls.map((u) => u.surveyUrl)).size).toBe(20);
  });

  it("is claimed once: of five submissions at once exactly one wins, and a used one reads back used", async () => {
    const made = invitation();
    await under.store.save({ ...made, tokenHash: tokenHash(`claim-${made.id}`) });
    const at = new Date("2026-11-25T09:00:00Z");
    const wins = await Promise.all(Array.from({ length: 5 }, () => under.store.markUsed(made.id, at)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect((await under.store.byTokenHash(tokenHash(`claim-${made.id}`)))?.usedAt).toEqual(at);
  });

  it("an expired invitation cannot be claimed", async () => {
    const made = invitation();
    await under.store.save({ ...made, tokenHash: tokenHash(`expired-${made.id}`) });
    expect(await under.store.markUsed(made.id, expiresAt)).toBe(false);
    expect(await under.store.markUsed(made.id, new Date(expiresAt.getTime() - 1))).toBe(true);
  });

  it("a claim given back (its answer not saved) can be claimed again; another claim is never undone", async () => {
    const made = invitation();
    await under.store.save({ ...made, tokenHash: tokenHash(`release-${made.id}`) });
    const first = new Date("2026-11-25T09:00:00Z");
    expect(await under.store.markUsed(made.id, first)).toBe(true);
    await under.store.unmarkUsed(made.id, new Date("2026-11-25T09:00:01Z"));
    expect(await under.store.markUsed(made.id, first)).toBe(false);
    await under.store.unmarkUsed(made.id, first);
    expect(await under.store.markUsed(made.id, new Date("2026-11-25T09:05:00Z"))).toBe(true);
  });
});
