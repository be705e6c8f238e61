import type { Delivery, MessageLocation } from "../messaging/delivery.ts";
import type { Platform } from "../platform.ts";

export type DeliveryOutcome =
  /** Delivered; a posted card reports where the platform put it (the core records it). */
  | { kind: "sent"; posted?: MessageLocation }
  /** Worth another try: rate limited (with the platform's Retry-After), 5xx, network error. */
  | { kind: "retry"; error: string; retryAfterMs?: number }
  /** Not now, by our own choice (a platform's rate limit would be exceeded): wait, without counting a failure. */
  | { kind: "defer"; reason: string; retryAfterMs: number }
  /** Will never work as it stands (channel gone, bot not in it): park at once for a person to fix. */
  | { kind: "failed"; error: string };

/**
 * One chat platform's transport: Slack's and Teams' adapters implement it. It draws a resolved
 * delivery in its platform's format, sends it and classifies the answer; it reads and writes no
 * concern or directory (the core resolves before and records after).
 */
export interface ChatNotifier {
  readonly platform: Platform;
  deliver(delivery: Delivery): Promise<DeliveryOutcome>;
}
