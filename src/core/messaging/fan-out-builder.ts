import type { AuditEvent } from "./audit-event.ts";
import { localDateTime, localTime } from "../escalation/business-time.ts";
import type { ActorRef, Concern } from "../concern/concern.ts";
import { concernSummary } from "../concern/concern-summary.ts";
import type { Department, Person } from "../directory/directory.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import type { DepartmentId, PersonId } from "../ids.ts";
import type { ChatMessage, Mention, OutboundMessage } from "./outbound-message.ts";
import { PLATFORMS, type Platform } from "../platform.ts";

export interface FanOutContext {
  directory: DirectoryIndex;
  /** Platforms this deployment talks to; nothing is queued for the others. */
  platforms: ReadonlySet<Platform>;
  now: Date;
}

export interface FanOut {
  messages: OutboundMessage[];
  /** Deliveries that cannot even be queued (a person with no chat id on an enabled platform). */
  events: AuditEvent[];
}

type DirectPurpose = Extract<ChatMessage, { kind: "direct" }>["purpose"];

const LIAISON = { key: "system", displayName: "Liaison", platform: "system" } as const;

/** Platforms on which a department has a channel and Liaison is enabled. */
export function channelPlatforms(
  department: Department | undefined,
  enabled: ReadonlySet<Platform>,
): Platform[] {
  if (!department) return [];
  return PLATFORMS.filter(
    (p) => enabled.has(p) && (p === "slack" ? department.slackChannelId : department.teamsChannelId),
  );
}

/** The platform that reaches a person: their preferred one if enabled, else any enabled one they are on. */
export function platformFor(person: Person, enabled: ReadonlySet<Platform>): Platform | undefined {
  const reachable = PLATFORMS.filter(
    (p) => enabled.has(p) && (p === "slack" ? person.slackUserId : person.teamsAadObjectId),
  );
  return person.preferredPlatform && reachable.includes(person.preferredPlatform)
    ? person.preferredPlatform
    : reachable[0];
}

/**
 * The outbox rows one change of a concern produces, built a message at a time. Keys carry the
 * concern's new version: exactly one writer can produce a version (compare-and-set), so each key is
 * made once however many instances try.
 */
export class FanOutBuilder {
  readonly out: FanOut = { messages: [], events: [] };
  /** "PR-2026-00042 · high · Pain not managed · 4W room 412", for direct messages. */
  readonly summary: string;
  private readonly cardPlatforms: Set<Platform>;

  constructor(
    readonly before: Concern | undefined,
    readonly after: Concern,
    private readonly ctx: FanOutContext,
  ) {
    this.summary = concernSummary(ctx.directory, after);
    const moved = before && before.departmentId !== after.departmentId;
    this.cardPlatforms = new Set([
      ...channelPlatforms(this.department, ctx.platforms),
      ...(moved ? channelPlatforms(ctx.directory.department(before.departmentId), ctx.platforms) : []),
    ]);
  }

  get directory(): DirectoryIndex {
    return this.ctx.directory;
  }

  get department(): Department | undefined {
    return this.ctx.directory.department(this.after.departmentId);
  }

  get departmentName(): string {
    return this.department?.name ?? this.after.departmentId;
  }

  /** A time as the hospital reads it: "14:07". */
  time(d: Date): string {
    return localTime(d, this.ctx.directory.hospital.timeZone);
  }

  /** A date and time as the hospital reads it. */
  dateTime(d: Date): string {
    return localDateTime(d, this.ctx.directory.hospital.timeZone);
  }

  private key(kind: string, platform: Platform, suffix = ""): string {
    return `${kind}:${this.after.id}:v${this.after.version}:${platform}${suffix ? `:${suffix}` : ""}`;
  }

  private push(kind: string, platform: Platform, message: ChatMessage, suffix = ""): void {
    this.out.messages.push({
      idempotencyKey: this.key(kind, platform, suffix),
      platform,
      concernId: this.after.id,
      message,
    });
  }

  /** Never silent: the trail says why a card or message could not even be queued. */
  private undeliverable(detail: Extract<AuditEvent, { type: "delivery-failed" }>["detail"]): void {
    this.out.events.push({
      concernId: this.after.id,
      type: "delivery-failed",
      actor: LIAISON,
      at: this.ctx.now,
      detail,
    });
  }

  postCard(departmentId: DepartmentId): void {
    const reachable = channelPlatforms(this.ctx.directory.department(departmentId), this.ctx.platforms);
    if (reachable.length === 0) {
      this.undeliverable({
        message: "post-card",
        department: departmentId,
        reason: "the department has no channel on an enabled platform",
      });
    }
    for (const platform of reachable) {
      this.push(
        "post-card",
        platform,
        { kind: "post-card", concernId: this.after.id, departmentId },
        departmentId,
      );
    }
  }

  /** Re-renders every card of the concern (the old department's too, after a reassignment). */
  updateCards(): void {
    for (const platform of this.cardPlatforms) {
      this.push("update-cards", platform, { kind: "update-cards", concernId: this.after.id });
    }
  }

  /** A line under the concern's card in every channel that shows it. */
  reply(text: string, broadcast = false, suffix = "", mentions: readonly Mention[] = []): void {
    const message: ChatMessage = { kind: "thread-reply", concernId: this.after.id, text, broadcast };
    for (const platform of this.cardPlatforms) {
      this.push("thread-reply", platform, mentions.length > 0 ? { ...message, mentions } : message, suffix);
    }
  }

  direct(personId: PersonId, purpose: DirectPurpose, text: string, withCard: boolean): void {
    const person = this.ctx.directory.person(personId);
    const platform = person && platformFor(person, this.ctx.platforms);
    if (!person || !platform) {
      this.undeliverable({ purpose, person: personId, reason: "no chat id on an enabled platform" });
      return;
    }
    const message: ChatMessage = {
      kind: "direct",
      personId,
      purpose,
      concernId: this.after.id,
      text,
      withCard,
    };
    this.push("direct", platform, message, `${personId}:${purpose}`);
  }

  /** The reporter hears what happened: through the directory, or by the chat id they raised it with. */
  toReporter(text: string): void {
    this.toActor(this.after.reporter, "reporter-update", text, false);
  }

  /**
   * Someone who acted on the concern (its reporter, its owner) hears from Liaison: through the
   * directory, or by the chat id they acted with (a responder known only from a platform group).
   */
  toActor(actor: ActorRef, purpose: DirectPurpose, text: string, withCard: boolean): void {
    if (actor.key.startsWith("person:")) {
      this.direct(actor.key.slice("person:".length) as PersonId, purpose, text, withCard);
      return;
    }
    const [platform, userId] = actor.key.split(":") as [Platform, string];
    if (!this.ctx.platforms.has(platform) || !userId) return;
    const message: ChatMessage = {
      kind: "direct-to-user",
      platformUserId: userId,
      concernId: this.after.id,
      text,
    };
    // The reporter's key stays as it was; anyone else's names the purpose (a reporter may own it too).
    this.push(
      "direct-to-user",
      platform,
      message,
      purpose === "reporter-update" ? userId : `${userId}:${purpose}`,
    );
  }
}
