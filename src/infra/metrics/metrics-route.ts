import { createHash, timingSafeEqual } from "node:crypto";
import type { Express, Request } from "express";
import type { LiaisonMetrics } from "./liaison-metrics.ts";

export interface MetricsRouteOptions {
  /** METRICS_TOKEN: when set, a scrape must send `Authorization: Bearer <token>`. */
  token?: string;
  /** Brings the gauges read from the store up to date; never throws, answers within its own deadline. */
  refresh: () => Promise<void>;
}

const digest = (s: string) => createHash("sha256").update(s).digest();

/** Compares digests, so neither the token's length nor its first wrong byte shows in the timing. */
function authorized(req: Request, token: string | undefined): boolean {
  if (!token) return true;
  const given = /^Bearer (.+)$/.exec(req.get("authorization") ?? "")?.[1] ?? "";
  return timingSafeEqual(digest(given), digest(token));
}

/** GET /metrics in Prometheus' text format, for the hospital's IT to scrape. */
export function mountMetricsRoute(app: Express, metrics: LiaisonMetrics, options: MetricsRouteOptions): void {
  app.get("/metrics", async (req, res) => {
    if (!authorized(req, options.token)) {
      res
        .status(401)
        .set("WWW-Authenticate", 'Bearer realm="metrics"')
        .type("text/plain")
        .send("unauthorized\n");
      return;
    }
    await options.refresh();
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
