import { deliveryLane } from "../messaging/delivery-lane.ts";
import type { OutboxEntry } from "../messaging/outbound-message.ts";
import type { ChatNotifier } from "../ports/chat-notifier.port.ts";
import { PLATFORMS, type Platform } from "../platform.ts";
import { deliverEntry, type DeliveryPolicy } from "./deliver-outbox.ts";
import type { LiaisonContext } from "./liaison-context.ts";

/** One platform's share of the pump: the rows it holds, queued in their lanes. */
interface PlatformQueue {
  platform: Platform;
  held: Map<string, OutboxEntry>;
  lanes: Map<string, OutboxEntry[]>;
  claiming?: Promise<void>;
  claimAgain: boolean;
  /** The last claim filled every free place: more may be due as soon as a lane frees one. */
  moreDue: boolean;
}

/**
 * Continuous delivery for one instance. Each platform claims its own rows (at most `batchSize` held
 * at once), and each row joins its lane (see deliveryLane); lanes run side by side, each in order.
 * A platform or a destination that stops answering therefore holds up only its own lanes, and only
 * for the notifier's deadline per call; another platform is never waited for. Waking the pump claims
 * what is due now without waiting for deliveries in flight.
 */
export class OutboxPump {
  private readonly queues: PlatformQueue[];
  private readonly lanesDone = new Set<() => void>();
  private stopped = false;

  constructor(
    private readonly ctx: LiaisonContext,
    private readonly notifiers: ReadonlyMap<Platform, ChatNotifier>,
    private readonly policy: DeliveryPolicy,
    /** Asks to be woken at `at`, when a message held back (rate limit, retry) may go again. */
    private readonly wakeAt: (at: Date) => void = () => undefined,
  ) {
    // Every platform, enabled or not: rows left for a platform switched off are parked, not kept waiting.
    this.queues = PLATFORMS.map((platform) => ({
      platform,
      held: new Map(),
      lanes: new Map(),
      claimAgain: false,
      moreDue: false,
    }));
  }

  /** Claims what is due on every platform now; resolves once claimed, not once delivered. */
  async wake(): Promise<void> {
    await Promise.all(this.queues.map((q) => this.claim(q)));
  }

  /** Rows this instance holds (queued or being delivered), whose leases must be kept alive. */
  heldIds(): string[] {
    return this.queues.flatMap((q) => [...q.held.keys()]);
  }

  /** Stops claiming, and resolves when the deliveries in flight have finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    while (this.queues.some((q) => q.lanes.size > 0 || q.claiming !== undefined)) {
      await new Promise<void>((resolve) => {
        this.lanesDone.add(resolve);
      });
    }
  }

  /** One claim at a time per platform; a wake-up during a claim claims once more after it. */
  private claim(q: PlatformQueue): Promise<void> {
    if (q.claiming) {
      q.claimAgain = true;
      return q.claiming;
    }
    q.claiming = (async () => {
      try {
        do {
          q.claimAgain = false;
          await this.claimOnce(q);
        } while (q.claimAgain && !this.stopped);
      } finally {
        q.claiming = undefined;
        this.notifyDone();
      }
    })();
    return q.claiming;
  }

  private async claimOnce(q: PlatformQueue): Promise<void> {
    const room = this.policy.batchSize - q.held.size;
    if (this.stopped || room <= 0) return;
    const entries = await this.ctx.outbox.claim(this.ctx.clock.now(), room, this.policy.leaseMs, q.platform);
    q.moreDue = entries.length === room;
    for (const entry of entries) {
      q.held.set(entry.id, entry);
      const key = deliveryLane(entry);
      const lane = q.lanes.get(key);
      if (lane) lane.push(entry);
      else {
        q.lanes.set(key, [entry]);
        void this.runLane(q, key);
      }
    }
  }

  private async runLane(q: PlatformQueue, key: string): Promise<void> {
    const lane = q.lanes.get(key)!;
    while (lane.length > 0) {
      const entry = lane[0]!;
      try {
        const { retryAt } = await deliverEntry(this.ctx, this.notifiers, this.policy, entry);
        if (retryAt) this.wakeAt(retryAt);
      } catch (error) {
        // The store failed while settling: the row stays leased and is delivered again after it.
        this.ctx.logger.error(
          { key: entry.idempotencyKey, platform: entry.platform, err: (error as Error).message },
          "delivery could not be recorded; the message will be retried when its lease ends",
        );
      }
      lane.shift();
      q.held.delete(entry.id);
    }
    q.lanes.delete(key);
    this.notifyDone();
    if (q.moreDue && !this.stopped) {
      this.claim(q).catch((error: Error) =>
        this.ctx.logger.error({ platform: q.platform, err: error.message }, "outbox claim failed"),
      );
    }
  }

  private notifyDone(): void {
    for (const resolve of this.lanesDone) resolve();
    this.lanesDone.clear();
  }
}
