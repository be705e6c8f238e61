import type { OutboxEntry } from "../../src/core/outbound-message.ts";
import type { ChatNotifier, DeliveryOutcome } from "../../src/core/ports/chat-notifier.port.ts";
import type { Platform } from "../../src/core/platform.ts";
import type { LiaisonContext } from "../../src/core/use-cases/liaison-context.ts";

/**
 * Stands in for Slack or Teams: records what would be sent, posts cards at made-up message ids, and
 * can be told to fail (rate limits, outages) for the next N deliveries.
 */
export class RecordingNotifier implements ChatNotifier {
  readonly delivered: OutboxEntry[] = [];
  private failures: DeliveryOutcome[] = [];
  private down = false;

  constructor(
    readonly platform: Platform,
    private readonly ctx?: Pick<LiaisonContext, "directory">,
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

  async deliver(entry: OutboxEntry): Promise<DeliveryOutcome> {
    if (this.down) throw new Error("connect ECONNREFUSED");
    const failure = this.failures.shift();
    if (failure) return failure;
    this.delivered.push(entry);
    const m = entry.message;
    if (m.kind === "post-card" && this.ctx) {
      const dept = this.ctx.directory().department(m.departmentId)!;
      return {
        kind: "sent",
        card: {
          platform: this.platform,
          departmentId: m.departmentId,
          channelId: (this.platform === "slack" ? dept.slackChannelId : dept.teamsChannelId)!,
          messageId: `${this.platform}-msg-${this.delivered.length}`,
          state: "active",
        },
      };
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
