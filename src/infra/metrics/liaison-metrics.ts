import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** The labels a concern's counters carry: the directory's department id and the severity, nothing typed. */
type ConcernLabels = "department" | "severity";

/** Minutes to hours: a ward acknowledges in minutes, a weekend backlog in hours. */
const ACKNOWLEDGE_BUCKETS = [30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 43_200, 86_400];
/** A sweep is a few transactions: milliseconds, a slow store seconds. */
const SWEEP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** How late a deadline was kept: the timer fires within a second, a missed tick adds the sweep interval. */
const LATENESS_BUCKETS = [0.1, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 900];
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Every metric one running Liaison exports, on a registry of its own (not prom-client's global one),
 * so two Liaisons in one process (tests, a rolling restart in one container) never share a count.
 * Label values are only directory ids, severities, platforms, short error codes and route names.
 */
export class LiaisonMetrics {
  readonly registry = new Registry();
  readonly raised = this.concernCounter("liaison_concerns_raised_total", "Concerns raised");
  readonly acknowledged = this.concernCounter("liaison_concerns_acknowledged_total", "Concerns acknowledged");
  readonly resolved = this.concernCounter("liaison_concerns_resolved_total", "Concerns resolved");
  readonly escalated = this.concernCounter(
    "liaison_concerns_escalated_total",
    "Escalations (overdue or Escalate now) sent up a concern's ladder",
  );
  readonly timeToAcknowledge = new Histogram<ConcernLabels>({
    name: "liaison_time_to_acknowledge_seconds",
    help: "From a concern being raised to its acknowledgement",
    labelNames: ["department", "severity"],
    buckets: ACKNOWLEDGE_BUCKETS,
    registers: [this.registry],
  });
  readonly deliveryFailures = new Counter<"platform" | "error" | "outcome">({
    name: "liaison_delivery_failures_total",
    help: "Chat messages that failed an attempt, by platform, error code and whether they will be retried or were parked",
    labelNames: ["platform", "error", "outcome"],
    registers: [this.registry],
  });
  readonly outboxPending = this.gauge("liaison_outbox_pending", "Chat messages waiting to be delivered");
  readonly outboxParked = this.gauge(
    "liaison_outbox_parked",
    "Chat messages parked after their last attempt, waiting for a person to fix the setup",
  );
  readonly outboxOldestPendingAge = this.gauge(
    "liaison_outbox_oldest_pending_age_seconds",
    "How long the oldest waiting chat message has waited (0 when none waits)",
  );
  readonly storeUp = this.gauge(
    "liaison_store_up",
    "1 if the store answered this scrape's outbox count in time, 0 if not",
  );
  readonly sweepDuration = new Histogram({
    name: "liaison_sweep_duration_seconds",
    help: "How long one escalation sweep took, all its batches",
    buckets: SWEEP_BUCKETS,
    registers: [this.registry],
  });
  readonly sweepLateness = new Histogram({
    name: "liaison_sweep_lateness_seconds",
    help: "How long after a concern's deadline (nextDueAt) the sweep processed it",
    buckets: LATENESS_BUCKETS,
    registers: [this.registry],
  });
  readonly requestDuration = new Histogram<"route" | "method" | "status_class">({
    name: "liaison_http_request_duration_seconds",
    help: "Inbound HTTP requests, by route name (never the raw path), method and status class",
    labelNames: ["route", "method", "status_class"],
    buckets: REQUEST_BUCKETS,
    registers: [this.registry],
  });

  private concernCounter(name: string, help: string): Counter<ConcernLabels> {
    return new Counter({ name, help, labelNames: ["department", "severity"], registers: [this.registry] });
  }

  private gauge(name: string, help: string): Gauge {
    return new Gauge({ name, help, registers: [this.registry] });
  }
}
