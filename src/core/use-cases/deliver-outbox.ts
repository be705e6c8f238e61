import type { AuditDetails, AuditEvent, AuditEventOf, DeliveryRef } from "../messaging/audit-event.ts";
import { needsMovedMark } from "../messaging/concern-cards.ts";
import type { ActorRef, CardLocation } from "../concern/concern.ts";
import { groupByLane } from "../messaging/delivery-lane.ts";
import type { OutboxEntry } from "../messaging/outbound-message.ts";
import type { ChatNotifier, DeliveryOutcome } from "../ports/chat-notifier.port.ts";
import type { Platform } from "../platform.ts";
import type { LiaisonContext } from "./liaison-context.ts";
import { resolveDelivery, type Resolution } from "./resolve-delivery.ts";

export interface DeliveryPolicy {
  /** Rows claimed at once; the continuous pump also holds at most this many per platform. */
  batchSize: number;
  /**
   * How long a claimed row is ours; a crashed instance's rows are claimed again after it. A little
   * over the notifiers' per-call deadline, and renewed while a row waits in its lane.
   */
  leaseMs: number;
  /** Attempts before a message is parked. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** 0..1; injected so tests are repeatable. */
  random: () => number;
}

/**
 * ~31 minutes of retries in all (2 s doubling to a 10-minute cap, 10 attempts) before parking; the
 * lease fits the default 10 s call deadline.
 */
export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  batchSize: 50,
  leaseMs: 15_000,
  maxAttempts: 10,
  baseDelayMs: 2_000,
  maxDelayMs: 600_000,
  random: Math.random,
};

export interface DeliveryReport {
  sent: number;
  retrying: number;
  parked: number;
  deferred: number;
}

const LIAISON: ActorRef = { key: "system", displayName: "Liaison", platform: "system" };

/** Exponential backoff with ±20 % jitter, never sooner than the platform's Retry-After. */
export function retryDelayMs(policy: DeliveryPolicy, attempt: number, retryAfterMs = 0): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential * (0.8 + 0.4 * policy.random());
  return Math.round(Math.max(retryAfterMs, jittered));
}

type DeliveryEventType =
  "card-posted" | "digest-sent" | "delivery-retried" | "delivery-parked" | "delivery-failed";

function deliveryEvent<T extends DeliveryEventType>(
  entry: OutboxEntry,
  type: T,
  at: Date,
  detail: Omit<Extract<AuditDetails[T], DeliveryRef>, keyof DeliveryRef>,
): AuditEvent {
  // The compiler cannot follow a generic into the union; `detail` is checked against `type` above.
  return {
    concernId: entry.concernId,
    type,
    actor: LIAISON,
    at,
    detail: {
      message: entry.message.kind,
      platform: entry.platform,
      key: entry.idempotencyKey,
      attempt: entry.attempts,
      ...detail,
    },
  } as AuditEventOf<T>;
}

/** What became of one message: the DeliveryReport counter it adds to, and when it is tried again. */
export interface Settled {
  outcome: keyof DeliveryReport;
  retryAt?: Date;
}

/**
 * Delivers one claimed message: resolves it (see resolveDelivery), hands it to its platform's
 * notifier, and records what happened, including where a posted card now lives and which cards
 * were left behind as "moved". A chat outage delays messages and never loses them: failures are
 * retried with backoff and parked (kept, reported) after the last try.
 */
export async function deliverEntry(
  ctx: LiaisonContext,
  notifiers: ReadonlyMap<Platform, ChatNotifier>,
  policy: DeliveryPolicy,
  entry: OutboxEntry,
): Promise<Settled> {
  const kind = entry.message.kind;
  // Whatever is said about a concern waits for its card on that platform (uncounted): a card must
  // exist to be updated or replied under, and direct messages link to it. In this instance the lane
  // already keeps that order; this check covers a card another instance is still delivering.
  if (
    kind !== "post-card" &&
    entry.concernId &&
    (await ctx.outbox.hasUndeliveredPost(entry.concernId, entry.platform))
  ) {
    const retryAt = new Date(ctx.clock.now().getTime() + policy.baseDelayMs);
    await ctx.outbox.retryLater(entry.id, retryAt, undefined, false);
    return { outcome: "deferred", retryAt };
  }
  const { outcome, resolved } = await attempt(ctx, notifiers.get(entry.platform), entry);
  const now = ctx.clock.now();
  switch (outcome.kind) {
    case "defer": {
      const retryAt = new Date(now.getTime() + outcome.retryAfterMs);
      await ctx.outbox.retryLater(entry.id, retryAt, undefined, false);
      return { outcome: "deferred", retryAt };
    }
    case "sent":
      await recordSent(ctx, entry, outcome, resolved, now);
      return { outcome: "sent" };
    case "failed":
      await park(ctx, entry, outcome.error, now);
      return { outcome: "parked" };
    case "retry":
      if (entry.attempts >= policy.maxAttempts) {
        await park(ctx, entry, outcome.error, now);
        return { outcome: "parked" };
      }
      return { outcome: "retrying", retryAt: await scheduleRetry(ctx, policy, entry, outcome, now) };
  }
}

type Ready = Extract<Resolution, { kind: "ready" }>;

/**
 * Resolves the message (ids from the directory, cards drawn from the concern) and hands it to its
 * platform. A store that fails while resolving is retried like a platform that fails while sending.
 */
async function attempt(
  ctx: LiaisonContext,
  notifier: ChatNotifier | undefined,
  entry: OutboxEntry,
): Promise<{ outcome: DeliveryOutcome; resolved?: Ready }> {
  if (!notifier) {
    return {
      outcome: { kind: "failed", error: `${entry.platform} is not enabled on this Liaison instance` },
    };
  }
  try {
    const resolution = await resolveDelivery(ctx, entry);
    if (resolution.kind !== "ready") return { outcome: resolution };
    return { outcome: await notifier.deliver(resolution.delivery), resolved: resolution };
  } catch (error) {
    return { outcome: { kind: "retry", error: (error as Error).message } };
  }
}

/** Where a card the notifier just posted lives, as the concern keeps it. */
function postedCard(
  entry: OutboxEntry,
  outcome: Extract<DeliveryOutcome, { kind: "sent" }>,
): CardLocation | undefined {
  const m = entry.message;
  if (m.kind !== "post-card" || !outcome.posted) return undefined;
  return { platform: entry.platform, departmentId: m.departmentId, ...outcome.posted, state: "active" };
}

/**
 * What a sent message changed about the concern's cards: a posted card is kept (later messages update
 * it, reply under it and link to it), and a card just redrawn as "Moved to …" is marked so: digests
 * then stop linking to it, and later updates do not mark it again.
 */
async function recordCards(
  ctx: LiaisonContext,
  entry: OutboxEntry,
  card: CardLocation | undefined,
  resolved: Ready | undefined,
): Promise<void> {
  if (card && entry.concernId) await ctx.concerns.saveCard(entry.concernId, card);
  const { delivery, concern } = resolved ?? {};
  if (delivery?.kind !== "update-cards" || !concern) return;
  for (const { card: updated } of delivery.cards) {
    if (needsMovedMark(concern, updated))
      await ctx.concerns.saveCard(concern.id, { ...updated, state: "moved" });
  }
}

async function recordSent(
  ctx: LiaisonContext,
  entry: OutboxEntry,
  outcome: Extract<DeliveryOutcome, { kind: "sent" }>,
  resolved: Ready | undefined,
  now: Date,
): Promise<void> {
  const card = postedCard(entry, outcome);
  await recordCards(ctx, entry, card, resolved);
  await ctx.outbox.markSent(entry.id, now);
  const events: AuditEvent[] = [];
  if (entry.attempts > 1) events.push(deliveryEvent(entry, "delivery-retried", now, { delivered: true }));
  if (entry.message.kind === "digest") {
    events.push(
      deliveryEvent(entry, "digest-sent", now, {
        person: entry.message.personId,
        slot: entry.message.slot,
      }),
    );
  }
  if (card) events.push(deliveryEvent(entry, "card-posted", now, { channel: card.channelId }));
  if (events.length > 0) await ctx.concerns.appendAudit(events);
}

async function park(ctx: LiaisonContext, entry: OutboxEntry, error: string, now: Date): Promise<void> {
  await ctx.outbox.park(entry.id, error);
  await ctx.concerns.appendAudit([deliveryEvent(entry, "delivery-parked", now, { error })]);
  ctx.logger.error({ key: entry.idempotencyKey, platform: entry.platform, err: error }, "message parked");
}

async function scheduleRetry(
  ctx: LiaisonContext,
  policy: DeliveryPolicy,
  entry: OutboxEntry,
  outcome: Extract<DeliveryOutcome, { kind: "retry" }>,
  now: Date,
): Promise<Date> {
  const nextAttemptAt = new Date(now.getTime() + retryDelayMs(policy, entry.attempts, outcome.retryAfterMs));
  await ctx.outbox.retryLater(entry.id, nextAttemptAt, outcome.error, true);
  await ctx.concerns.appendAudit([
    deliveryEvent(entry, "delivery-failed", now, {
      error: outcome.error,
      nextAttemptAt: nextAttemptAt.toISOString(),
    }),
  ]);
  ctx.logger.warn(
    { key: entry.idempotencyKey, platform: entry.platform, err: outcome.error },
    "delivery failed; will retry",
  );
  return nextAttemptAt;
}

/**
 * Drains one batch of the outbox: lanes (a concern's card, a person) side by side, each in order.
 * A store failure stops its lane (the rest of that lane is claimed again when its lease ends) and is
 * thrown once every lane has finished.
 */
export async function deliverOutbox(
  ctx: LiaisonContext,
  notifiers: ReadonlyMap<Platform, ChatNotifier>,
  policy: DeliveryPolicy = DEFAULT_DELIVERY_POLICY,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, parked: 0, deferred: 0 };
  const entries = await ctx.outbox.claim(ctx.clock.now(), policy.batchSize, policy.leaseMs);
  const lanes = [...groupByLane(entries).values()].map(async (lane) => {
    for (const entry of lane) report[(await deliverEntry(ctx, notifiers, policy, entry)).outcome]++;
  });
  const failure = (await Promise.allSettled(lanes)).find((r) => r.status === "rejected");
  if (failure) throw failure.reason;
  return report;
}
