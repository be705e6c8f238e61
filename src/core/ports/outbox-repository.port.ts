import type { Platform } from "../platform.ts";
import type { OutboundMessage, OutboxEntry } from "../messaging/outbound-message.ts";
import type { ConcernId } from "../ids.ts";

export interface OutboxStats {
  pending: number;
  parked: number;
  oldestPendingAt?: Date;
}

/**
 * The outbox: rows are written with the state change that caused them (see ConcernRepository); this
 * port is the delivery side, plus enqueueing messages that no concern change causes (digests).
 */
export interface OutboxRepository {
  /** Inserts unless a row with the same idempotency key exists; returns how many were new. */
  enqueue(messages: readonly OutboundMessage[], now: Date): Promise<number>;
  /**
   * Claims up to `limit` due rows for `leaseMs` (one attempt each), oldest first, skipping rows another
   * instance holds; only `platform`'s rows when given. A claim that is never settled (the instance
   * died) expires and the row is claimed again.
   */
  claim(now: Date, limit: number, leaseMs: number, platform?: Platform): Promise<OutboxEntry[]>;
  /** Extends the lease on rows this instance still holds (queued or being delivered). */
  renewLeases(ids: readonly string[], until: Date): Promise<void>;
  markSent(id: string, at: Date): Promise<void>;
  /** Gives the row back for another attempt at `nextAttemptAt`; `countAttempt: false` undoes the claim's count. */
  retryLater(
    id: string,
    nextAttemptAt: Date,
    error: string | undefined,
    countAttempt: boolean,
  ): Promise<void>;
  /** After the last retry: kept, never dropped, and reported in /healthz and digests. */
  park(id: string, error: string): Promise<void>;
  /** Whether the concern's card post on this platform is still waiting to be delivered. */
  hasUndeliveredPost(concernId: ConcernId, platform: Platform): Promise<boolean>;
  stats(): Promise<OutboxStats>;
  /** Deletes up to `limit` rows sent before `sentBefore` (pending and parked rows are kept); returns how many. */
  pruneSent(sentBefore: Date, limit: number): Promise<number>;
}
