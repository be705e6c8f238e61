import express, { type Express } from "express";
import { collectHealth, type HealthSources } from "./health.ts";
import { mountPageStyle } from "../web/page-style.ts";
import type { LiaisonMetrics } from "../metrics/liaison-metrics.ts";
import { mountMetricsRoute, type MetricsRouteOptions } from "../metrics/metrics-route.ts";
import { requestMetrics } from "../metrics/request-metrics.ts";

/** What /metrics serves: this Liaison's registry, and how to bring its store-read gauges up to date. */
export interface MetricsSources extends MetricsRouteOptions {
  metrics: LiaisonMetrics;
}

/**
 * The one HTTP server: /healthz, /metrics and the public pages' stylesheet here; the chat adapters and
 * pages mount their routes on it. Every request is timed for /metrics, refusals included.
 */
export function createHttpApp(health: HealthSources, metrics?: MetricsSources): Express {
  const app = express();
  app.disable("x-powered-by");
  if (metrics) app.use(requestMetrics(metrics.metrics));
  app.get("/healthz", async (_req, res) => {
    try {
      const report = await collectHealth(health);
      res.status(report.status === "ok" ? 200 : 503).json(report);
    } catch (error) {
      // A monitor reads JSON: even a fault in the report itself is a 503 it can parse, never a stack trace.
      res.status(503).json({ status: "unhealthy", error: (error as Error).message.split("\n")[0] });
    }
  });
  if (metrics) mountMetricsRoute(app, metrics.metrics, metrics);
  mountPageStyle(app);
  return app;
}
