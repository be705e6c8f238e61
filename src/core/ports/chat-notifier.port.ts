import type { CardLocation } from "../concern.ts";
import type { OutboxEntry } from "../outbound-message.ts";
import type { Platform } from "../platform.ts";

export type DeliveryOutcome =
  /** Delivered; a posted card reports where it now lives. */
  | { kind: "sent"; card?: CardLocation }
  /** Worth another try: rate limited (with the platform's Retry-After), 5xx, network error. */
  | { kind: "retry"; error: string; retryAfterMs?: number }
  /** Not now, by our own choice (a platform's rate limit would be exceeded): wait, without counting a failure. */
  | { kind: "defer"; reason: string; retryAfterMs: number }
  /** Will never work as it stands (channel gone, bot not in it): park at once for a person to fix. */
  | { kind: "failed"; error: string };

/** One chat platform's way of saying things: Slack's and Teams' adapters implement it. */
export interface ChatNotifier {
  readonly platform: Platform;
  deliver(entry: OutboxEntry): Promise<DeliveryOutcome>;
}
