// /metrics: how long rendering one scrape takes at a large hospital's worst cardinality (every
// department × severity seen, every platform × error code × outcome, every route × method × status
// class), and how big it is. The outbox gauges' store read is not included (it has its own deadline).
import { performance } from "node:perf_hooks";
import { SEVERITIES } from "../src/core/index.ts";
import { DELIVERY_ERROR_CODES } from "../src/infra/metrics/delivery-error-code.ts";
import { LiaisonMetrics } from "../src/infra/metrics/liaison-metrics.ts";
import { ROUTE_NAMES } from "../src/infra/metrics/route-name.ts";
import { percentile, type BenchRow } from "./bench-row.ts";

const DEPARTMENTS = 60;
const ROUNDS = Number(process.env.BENCH_METRICS_ROUNDS ?? 200);

function everySeries(metrics: LiaisonMetrics): void {
  for (let d = 0; d < DEPARTMENTS; d++) {
    for (const severity of SEVERITIES) {
      const labels = { department: `department-${d}`, severity };
      for (const counter of [metrics.raised, metrics.acknowledged, metrics.resolved, metrics.escalated])
        counter.inc(labels);
      metrics.timeToAcknowledge.observe(labels, 300);
    }
  }
  for (const platform of ["slack", "teams"])
    for (const error of DELIVERY_ERROR_CODES)
      for (const outcome of ["retrying", "parked"])
        metrics.deliveryFailures.inc({ platform, error, outcome });
  for (const route of ROUTE_NAMES)
    for (const method of ["GET", "POST", "HEAD"])
      for (const status_class of ["2xx", "3xx", "4xx", "5xx"])
        metrics.requestDuration.observe({ route, method, status_class }, 0.01);
  metrics.sweepDuration.observe(0.05);
  metrics.sweepLateness.observe(1);
}

export async function run(): Promise<BenchRow[]> {
  const metrics = new LiaisonMetrics();
  everySeries(metrics);
  for (let i = 0; i < 20; i++) await metrics.registry.metrics(); // warm-up
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    bytes = Buffer.byteLength(await metrics.registry.metrics());
    samples.push(performance.now() - start);
  }
  const note = `${DEPARTMENTS} departments × 4 severities, every error code and route; ${ROUNDS} scrapes`;
  return [
    {
      name: "/metrics render, worst cardinality, p50",
      value: percentile(samples, 0.5),
      unit: "ms",
      goal: { value: 50, better: "lower" },
      note,
    },
    {
      name: "/metrics render, worst cardinality, p99",
      value: percentile(samples, 0.99),
      unit: "ms",
      goal: { value: 200, better: "lower" },
      note,
    },
    { name: "/metrics scrape size, worst cardinality", value: bytes / 1024, unit: "KiB", note },
  ];
}
