import { buildDigest, digestDepartments } from "../digest/build-digest.ts";
import { isAllClear } from "../digest/digest.ts";
import { NotFoundError } from "../errors.ts";
import { DutyRoster } from "../duty/duty-roster.ts";
import { unfilledDuties } from "../duty/unfilled-duties.ts";
import type { PersonId } from "../ids.ts";
import { platformFor } from "../messaging/plan-outbound-messages.ts";
import type { LiaisonContext } from "./liaison-context.ts";

export type DigestResult = "queued" | "already-queued" | "nothing-overdue" | "unreachable";

const MAX_PER_DEPARTMENT = 200;

/**
 * Queues one manager's digest for one schedule slot. Every instance fires the same slot; the outbox's
 * idempotency key (person + slot) lets exactly one of them queue it.
 */
export async function queueDigest(
  ctx: LiaisonContext,
  personId: PersonId,
  slot: Date,
): Promise<DigestResult> {
  const directory = ctx.directory();
  const person = directory.person(personId);
  if (!person) throw new NotFoundError(`No person "${personId}" in the directory.`);
  const now = ctx.clock.now();
  const departments = await Promise.all(
    digestDepartments(directory, person).map(async (department) => ({
      department,
      openConcerns: await ctx.concerns.listOpenByDepartment(department.id, MAX_PER_DEPARTMENT),
    })),
  );
  const built = buildDigest(directory, person, departments, (await ctx.outbox.stats()).parked, now);
  const roster = new DutyRoster(await ctx.duties.current(now), now);
  const unfilled = unfilledDuties(
    directory,
    departments.map((d) => d.department),
    roster,
  );
  // Unfilled duties ride along with a digest that is sent anyway; alone they do not make one.
  const digest = unfilled.length > 0 ? { ...built, unfilledDuties: unfilled } : built;
  if (isAllClear(digest) && !person.digest?.allClear) return "nothing-overdue";
  const platform = platformFor(person, ctx.platforms);
  if (!platform) {
    ctx.logger.warn({ person: personId }, "digest recipient has no chat id on an enabled platform");
    return "unreachable";
  }
  const slotKey = slot.toISOString();
  const inserted = await ctx.outbox.enqueue(
    [
      {
        idempotencyKey: `digest:${personId}:${slotKey}`,
        platform,
        message: { kind: "digest", personId, slot: slotKey, digest },
      },
    ],
    now,
  );
  return inserted === 1 ? "queued" : "already-queued";
}
