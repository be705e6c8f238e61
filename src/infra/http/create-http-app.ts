import express, { type Express } from "express";
import { collectHealth, type HealthSources } from "./health.ts";

/** The one HTTP server: /healthz here; the chat adapters mount their routes on it. */
export function createHttpApp(health: HealthSources): Express {
  const app = express();
  app.disable("x-powered-by");
  app.get("/healthz", async (_req, res) => {
    const report = await collectHealth(health);
    res.status(report.status === "ok" ? 200 : 503).json(report);
  });
  return app;
}
