import type { Delivery } from "../../src/core/messaging/delivery.ts";
import type { ConcernId } from "../../src/core/ids.ts";
import type { ChatMessage } from "../../src/core/messaging/outbound-message.ts";
import type { ChatNotifier, DeliveryOutcome } from "../../src/core/ports/chat-notifier.port.ts";
import type { Platform } from "../../src/core/platform.ts";
import type { InMemoryConcernRepository } from "./in-memory-concern-repository.ts";

/** One delivery as the notifier received it, beside the outbox message it was resolved from. */
export interface RecordedDelivery {
  message: ChatMessage;
  concernId?: ConcernId;
  delivery: Delivery;
}

/**
 * Stands in for Slack or Teams: records what would be sent, posts cards at made-up message ids, and
 * can be told to fail (rate limits, outages) for the next N deliveries. Tests read what Liaison meant
 * to say, so each delivery is recorded with its outbox message (found by the delivery's key).
 */
export class RecordingNotifier implements ChatNotifier {
  readonly delivered: RecordedDelivery[] = [];
  private failures: DeliveryOutcome[] = [];
  private down = false;

  constructor(
    readonly platform: Platform,
    private readonly outbox: Pick<InMemoryConcernRepository, "outboxRows">,
  ) {}

  failNext(...outcomes: DeliveryOutcome[]): void {
    this.failures.push(...outcomes);
  }

  /** Every delivery fails with a network error until `recover()`. */
  goDown(): void {
    this.down = true;
  }

  recover(): void {
    this.down = false;
  }

  async deliver(delivery: Delivery): Promise<DeliveryOutcome> {
    if (this.down) throw new Error("connect ECONNREFUSED");
    const failure = this.failures.shift();
    if (failure) return failure;
    const row = this.outbox.outboxRows.find((r) => r.idempotencyKey === delivery.key)!;
    this.delivered.push({ message: row.message, concernId: row.concernId, delivery });
    if (delivery.kind === "post-card") {
      const messageId = `${this.platform}-msg-${this.delivered.length}`;
      return { kind: "sent", posted: { channelId: delivery.channelId, messageId } };
    }
    return { kind: "sent" };
  }

  kinds(): string[] {
    return this.delivered.map((e) => e.message.kind);
  }

  directTo(personId: string) {
    return this.delivered.filter((e) => e.message.kind === "direct" && e.message.personId === personId);
  }
}
