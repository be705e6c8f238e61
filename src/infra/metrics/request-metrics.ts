import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { LiaisonMetrics } from "./liaison-metrics.ts";
import { routeName } from "./route-name.ts";

/** Methods Liaison serves; any other (a scanner's PROPFIND) is one label, not one each. */
const METHODS = new Set(["GET", "POST", "HEAD"]);

/**
 * Times every inbound request from its arrival to the last byte of the answer, labelled by route
 * name, method and status class (2xx, 4xx, 5xx). Mounted first, so refusals (bad signatures, a full
 * queue) are timed too.
 */
export function requestMetrics(metrics: LiaisonMetrics): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    // Named now: a router mounted on a prefix rewrites req.url while it handles the request.
    const route = routeName(req.path);
    res.once("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.requestDuration.observe(
        {
          route,
          method: METHODS.has(req.method) ? req.method : "other",
          status_class: `${Math.floor(res.statusCode / 100)}xx`,
        },
        seconds,
      );
    });
    next();
  };
}
