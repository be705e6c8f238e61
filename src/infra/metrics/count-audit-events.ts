import type { Counter } from "prom-client";
import type { AuditEvent, AuditEventType, Concern, ConcernChange } from "../../core/index.ts";
import { deliveryErrorCode } from "./delivery-error-code.ts";
import type { LiaisonMetrics } from "./liaison-metrics.ts";

/** A concern's labels: the directory's id of its department and its severity; nothing anyone typed. */
const labelsOf = (concern: Concern) => ({ department: concern.departmentId, severity: concern.severity });

/**
 * Counts what one stored change of a concern did (raised, acknowledged, resolved, escalated) and,
 * for an acknowledgement, how long after the concern was raised it came. Called only once the
 * change was written, so a lost compare-and-set counts nothing.
 */
export function countChange(metrics: LiaisonMetrics, change: ConcernChange): void {
  const labels = labelsOf(change.concern);
  const counters: Partial<Record<AuditEventType, Counter<"department" | "severity">>> = {
    created: metrics.raised,
    acknowledged: metrics.acknowledged,
    resolved: metrics.resolved,
    escalated: metrics.escalated,
  };
  for (const event of change.events) {
    if (event.concernId !== undefined && event.concernId !== change.concern.id) continue;
    counters[event.type]?.inc(labels);
    if (event.type === "acknowledged") {
      const seconds = (event.at.getTime() - change.concern.createdAt.getTime()) / 1000;
      metrics.timeToAcknowledge.observe(labels, Math.max(0, seconds));
    }
  }
}

/**
 * Counts the failed delivery attempts among events recorded outside a concern change: a failure to
 * be retried ("delivery-failed") or the last one, parked ("delivery-parked"). Each failed attempt
 * is recorded as exactly one of the two. Its error becomes a short code (see deliveryErrorCode).
 */
export function countAppended(metrics: LiaisonMetrics, events: readonly AuditEvent[]): void {
  for (const event of events) {
    if (event.type !== "delivery-failed" && event.type !== "delivery-parked") continue;
    // A message that could not even be queued names no platform: it is in the trail, not here.
    if (!("platform" in event.detail) || !("error" in event.detail)) continue;
    metrics.deliveryFailures.inc({
      platform: event.detail.platform,
      error: deliveryErrorCode(event.detail.error),
      outcome: event.type === "delivery-parked" ? "parked" : "retrying",
    });
  }
}
