import express, { type Express } from "express";
import { collectHealth, type HealthSources } from "./health.ts";
import { mountPageStyle } from "../web/page-style.ts";

/** The one HTTP server: /healthz and the public pages' stylesheet here; the chat adapters and pages mount their routes on it. */
export function createHttpApp(health: HealthSources): Express {
  const app = express();
  app.disable("x-powered-by");
  app.get("/healthz", async (_req, res) => {
    try {
      const report = await collectHealth(health);
      res.status(report.status === "ok" ? 200 : 503).json(report);
    } catch (error) {
      // A monitor reads JSON: even a fault in the report itself is a 503 it can parse, never a stack trace.
      res.status(503).json({ status: "unhealthy", error: (error as Error).message.split("\n")[0] });
    }
  });
  mountPageStyle(app);
  return app;
}
