import type { ActorRef } from "../concern/concern.ts";
import type { ConcernId } from "../ids.ts";
import type { AuditEvent } from "../messaging/audit-event.ts";
import type { IdentifierOverride } from "./identifier-warning.ts";

/**
 * The audit trail's record that a person was warned of likely identifiers and posted anyway. Written
 * in the same change as what they posted, so neither can be stored without the other.
 */
export function postedAnywayEvents(
  concernId: ConcernId,
  actor: ActorRef,
  at: Date,
  override: IdentifierOverride | undefined,
): AuditEvent[] {
  return override ? [{ concernId, type: "identifiers-posted-anyway", actor, at, detail: override }] : [];
}
