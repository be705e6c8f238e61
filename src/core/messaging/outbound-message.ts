import type { ConcernId, DepartmentId, PersonId } from "../ids.ts";
import type { Platform } from "../platform.ts";
import type { DigestContent } from "../digest/digest.ts";

/**
 * A person a message names, to be @mentioned where the platform can notify them: `name` as it appears
 * in the text (Liaison's sentences name people before they quote anyone's words), `actorKey` as stored
 * (person:…, slack:U…, teams:…). A name in what someone typed is never a mention.
 */
export interface Mention {
  name: string;
  actorKey: string;
}

/**
 * What Liaison wants said, independent of any platform. Cards are rendered from the concern's state
 * at delivery time, so a card always shows the latest state even if an update waited in the outbox.
 */
export type ChatMessage =
  /** The concern's actionable card, posted to a department's channel. */
  | { kind: "post-card"; concernId: ConcernId; departmentId: DepartmentId }
  /** Re-render every card of the concern in place (a reassigned concern's old card shows "moved"). */
  | { kind: "update-cards"; concernId: ConcernId }
  /** A short history line under the concern's card in its department channel. */
  | {
      kind: "thread-reply";
      concernId: ConcernId;
      text: string;
      broadcast: boolean;
      mentions?: readonly Mention[];
    }
  /** A direct message to one person, optionally with the concern's card attached (none for a duty hand-over). */
  | {
      kind: "direct";
      personId: PersonId;
      purpose:
        | "escalation"
        | "reporter-update"
        | "grievance-reminder"
        | "grievance-overdue"
        | "after-hours"
        | "duty-hand-over"
        | "grievance-letter"
        | "survey-link"
        | "patient-update-reminder"
        | "patient-update-overdue"
        | "weekly-report";
      concernId?: ConcernId;
      text: string;
      withCard: boolean;
    }
  /** A reporter known only by a chat id (not in the directory) still hears what happened. */
  | { kind: "direct-to-user"; platformUserId: string; concernId: ConcernId; text: string }
  | { kind: "digest"; personId: PersonId; slot: string; digest: DigestContent };

export type ChatMessageKind = ChatMessage["kind"];

/** One outbox row to be: the message, which platform carries it, and its idempotency key. */
export interface OutboundMessage {
  idempotencyKey: string;
  platform: Platform;
  concernId?: ConcernId;
  message: ChatMessage;
}

/** An outbox row as the delivery loop sees it. */
export interface OutboxEntry extends OutboundMessage {
  id: string;
  attempts: number;
  createdAt: Date;
}
