import type { NextFunction, Request, Response } from "express";

const WINDOW_SECONDS = 5 * 60;

/**
 * Bolt rejects requests signed more than 5 minutes ago but accepts ones "from the future"; a replay
 * window must close in both directions, so this runs before Bolt's own signature check.
 */
export function slackTimestampGuard(now: () => Date) {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.header("x-slack-request-timestamp");
    const ts = Number(header);
    if (
      header !== undefined &&
      Number.isFinite(ts) &&
      Math.abs(now().getTime() / 1000 - ts) > WINDOW_SECONDS
    ) {
      res.status(401).type("text/plain").send("Slack request timestamp is more than 5 minutes away from now");
      return;
    }
    next();
  };
}
