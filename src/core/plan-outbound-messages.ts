import type { AuditEvent } from "./audit-event.ts";
import { localDateTime, localTime } from "./business-time.ts";
import type { ActorRef, Concern } from "./concern.ts";
import { concernSummary } from "./concern-summary.ts";
import type { Department, Person } from "./directory.ts";
import type { DirectoryIndex } from "./directory-index.ts";
import { LADDER_TARGET_LABEL } from "./escalation-recipient.ts";
import type { LadderTarget } from "./directory.ts";
import type { DepartmentId, PersonId } from "./ids.ts";
import type { ChatMessage, OutboundMessage } from "./outbound-message.ts";
import { PLATFORMS, type Platform } from "./platform.ts";

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
 * Everything one change of a concern must tell people, as outbox rows. Keys carry the concern's new
 * version: exactly one writer can produce a version (compare-and-set), so each key is made once.
 */
export function planOutboundMessages(
  before: Concern | undefined,
  after: Concern,
  events: readonly AuditEvent[],
  ctx: FanOutContext,
): FanOut {
  const { directory, platforms } = ctx;
  const zone = directory.hospital.timeZone;
  const at = (d: Date) => localTime(d, zone);
  const summary = concernSummary(directory, after);
  const out: FanOut = { messages: [], events: [] };
  const key = (kind: string, platform: Platform, suffix = "") =>
    `${kind}:${after.id}:v${after.version}:${platform}${suffix ? `:${suffix}` : ""}`;

  const department = directory.department(after.departmentId);
  const cardPlatforms = new Set([
    ...channelPlatforms(department, platforms),
    ...(before && before.departmentId !== after.departmentId
      ? channelPlatforms(directory.department(before.departmentId), platforms)
      : []),
  ]);

  const toChannels = (kind: "update-cards" | "thread-reply", build: () => ChatMessage, suffix = "") => {
    for (const platform of cardPlatforms) {
      out.messages.push({
        idempotencyKey: key(kind, platform, suffix),
        platform,
        concernId: after.id,
        message: build(),
      });
    }
  };
  const postCard = (departmentId: DepartmentId) => {
    const reachable = channelPlatforms(directory.department(departmentId), platforms);
    if (reachable.length === 0) {
      // Never silent: the trail says why no card appeared (the ladder and digests still reach people).
      out.events.push({
        concernId: after.id,
        type: "delivery-failed",
        actor: { key: "system", displayName: "Liaison", platform: "system" },
        at: ctx.now,
        detail: {
          message: "post-card",
          department: departmentId,
          reason: "the department has no channel on an enabled platform",
        },
      });
    }
    for (const platform of reachable) {
      out.messages.push({
        idempotencyKey: key("post-card", platform, departmentId),
        platform,
        concernId: after.id,
        message: { kind: "post-card", concernId: after.id, departmentId },
      });
    }
  };
  const direct = (
    personId: PersonId,
    purpose: Extract<ChatMessage, { kind: "direct" }>["purpose"],
    text: string,
    withCard: boolean,
  ) => {
    const person = directory.person(personId);
    const platform = person && platformFor(person, platforms);
    if (!person || !platform) {
      out.events.push({
        concernId: after.id,
        type: "delivery-failed",
        actor: { key: "system", displayName: "Liaison", platform: "system" },
        at: ctx.now,
        detail: { purpose, person: personId, reason: "no chat id on an enabled platform" },
      });
      return;
    }
    out.messages.push({
      idempotencyKey: key("direct", platform, `${personId}:${purpose}`),
      platform,
      concernId: after.id,
      message: { kind: "direct", personId, purpose, concernId: after.id, text, withCard },
    });
  };
  const toReporter = (text: string) => {
    const reporter = after.reporter;
    if (reporter.key.startsWith("person:")) {
      direct(reporter.key.slice("person:".length) as PersonId, "reporter-update", text, false);
      return;
    }
    const [platform, userId] = reporter.key.split(":") as [Platform, string];
    if (!platforms.has(platform) || !userId) return;
    out.messages.push({
      idempotencyKey: key("direct-to-user", platform, userId),
      platform,
      concernId: after.id,
      message: { kind: "direct-to-user", platformUserId: userId, concernId: after.id, text },
    });
  };
  const reply = (text: string, broadcast = false, suffix = "") =>
    toChannels(
      "thread-reply",
      () => ({ kind: "thread-reply", concernId: after.id, text, broadcast }),
      suffix,
    );
  const updateCards = () => toChannels("update-cards", () => ({ kind: "update-cards", concernId: after.id }));
  const who = (actor: ActorRef) => actor.displayName;

  for (const event of events) {
    const d = event.detail as Record<string, unknown>;
    switch (event.type) {
      case "routed": {
        postCard(after.departmentId);
        const deptName = department?.name ?? after.departmentId;
        toReporter(
          `Your concern ${after.reference} was sent to ${deptName}. It must be acknowledged by ${at(after.acknowledgeBy)}.`,
        );
        if (typeof d.afterHoursTarget === "string") {
          direct(
            d.afterHoursTarget as PersonId,
            "after-hours",
            `After hours for ${deptName}: ${summary} needs acknowledging by ${at(after.acknowledgeBy)}.`,
            true,
          );
        }
        break;
      }
      case "acknowledged":
        updateCards();
        reply(`Acknowledged by ${who(event.actor)} at ${at(event.at)}.`);
        toReporter(`${after.reference} was acknowledged by ${who(event.actor)} at ${at(event.at)}.`);
        break;
      case "resolved":
        updateCards();
        reply(`Resolved by ${who(event.actor)} at ${at(event.at)}.`);
        toReporter(`${after.reference} was resolved by ${who(event.actor)} at ${at(event.at)}.`);
        break;
      case "reopened":
        updateCards();
        reply(`Reopened by ${who(event.actor)} at ${at(event.at)}: ${String(d.reason)}`);
        break;
      case "note-added":
        updateCards();
        reply(`Note from ${who(event.actor)} at ${at(event.at)}: ${String(d.note)}`);
        break;
      case "reassigned": {
        const to = directory.department(after.departmentId)?.name ?? after.departmentId;
        updateCards();
        reply(`Reassigned to ${to} by ${who(event.actor)} at ${at(event.at)}.`);
        postCard(after.departmentId);
        break;
      }
      case "escalated": {
        updateCards();
        if (d.clock === "grievance") {
          reply(
            `Grievance interim notice overdue since ${localDateTime(after.grievanceNoticeBy!, zone)}.`,
            true,
            "grievance",
          );
          for (const personId of (d.recipients as PersonId[] | undefined) ?? []) {
            direct(
              personId,
              "grievance-overdue",
              `${summary}: this grievance's interim notice was due ${localDateTime(after.grievanceNoticeBy!, zone)} and has not been resolved.`,
              true,
            );
          }
          break;
        }
        const target = d.notify as LadderTarget | undefined;
        const overdue =
          typeof d.overdueMinutes === "number" && d.overdueMinutes > 0
            ? `, ${d.overdueMinutes} min overdue`
            : "";
        const clock =
          d.clock === "resolve" ? "resolved" : d.clock === "grievance" ? "answered" : "acknowledged";
        if (d.recipientKind === "channel" || target === "department-channel") {
          reply(`Still not ${clock}${overdue}: please pick this up.`, true, `escalate-${String(d.step)}`);
          break;
        }
        const name = String(d.recipientName ?? "");
        const role = target ? LADDER_TARGET_LABEL[target] : "next level";
        reply(
          `Escalated to ${name} (${role}) at ${at(event.at)}${overdue}.`,
          false,
          `escalate-${String(d.step)}`,
        );
        if (typeof d.recipient === "string") {
          const why =
            d.reason === "manual"
              ? `${who(event.actor)} escalated it to you`
              : `it has not been ${clock}${overdue}`;
          const afterHours = d.afterHours ? " (after hours)" : "";
          direct(
            d.recipient as PersonId,
            "escalation",
            `${summary}: ${why}. You are its ${role}${afterHours} for ${department?.name ?? after.departmentId}.`,
            true,
          );
        }
        break;
      }
      case "grievance-reminder":
        for (const personId of (d.recipients as PersonId[] | undefined) ?? []) {
          direct(
            personId,
            "grievance-reminder",
            `${summary}: this grievance's interim notice (42 CFR 482.13) is due by ${localDateTime(after.grievanceNoticeBy!, zone)}.`,
            true,
          );
        }
        break;
      default:
        break;
    }
  }
  return out;
}
