import { type Activity, CloudAdapter, type InvokeResponse, type TurnContext } from "botbuilder";
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from "express";
import { z } from "zod";
import type { Logger } from "../../core/index.ts";

/** Bot Framework activities are small; a bigger body is not one. */
const BODY_LIMIT = "1mb";

/**
 * CloudAdapter.process writes an authentication failure's stack to stderr and lets a body without an
 * activity escape as a 500; this runs the same turn (authenticate, then the bot) and leaves the
 * answering to the route.
 */
export class LiaisonCloudAdapter extends CloudAdapter {
  runTurn(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

/** The least an activity needs before anything reads it: the rest is optional or checked later. */
const activityShape = z.looseObject({
  type: z.string().min(1),
  serviceUrl: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
});

/** A refused request: a status and a one-line reason, never a stack trace or a server path. */
function refuse(logger: Logger, res: express.Response, status: number, error: string, message: string) {
  logger.warn({ status, error }, "refused a request to /api/messages");
  res.status(status).json({ error, message });
}

/** Body-parser's own errors, by their type: malformed JSON, an unsupported charset, a body too big. */
const BODY_ERRORS: Record<string, [number, string, string]> = {
  "entity.parse.failed": [400, "malformed-json", "The body is not valid JSON."],
  "entity.too.large": [413, "too-large", `The body is larger than ${BODY_LIMIT}.`],
  "charset.unsupported": [415, "unsupported-charset", "The body must be UTF-8 JSON."],
  "encoding.unsupported": [415, "unsupported-encoding", "The body's content encoding is not supported."],
};

/**
 * POST /api/messages: every answer is a status and a short JSON body. With an app id, a request
 * without a token is refused before its body is read, and every other one is authenticated before
 * the bot sees it.
 */
export function mountApiMessages(
  http: Express,
  deps: {
    adapter: LiaisonCloudAdapter;
    logic: (context: TurnContext) => Promise<void>;
    logger: Logger;
    requireToken: boolean;
  },
): void {
  const { adapter, logic, logger } = deps;
  const gate: RequestHandler = (req, res, next) => {
    if (deps.requireToken && !req.headers.authorization)
      return refuse(logger, res, 401, "unauthorized", "A Bot Framework token is required.");
    if (!req.is("application/json"))
      return refuse(logger, res, 415, "unsupported-media-type", "The body must be application/json.");
    next();
  };
  const turn: RequestHandler = async (req, res) => {
    if (!activityShape.safeParse(req.body).success)
      return refuse(logger, res, 400, "not-an-activity", "The body is not a Bot Framework activity.");
    try {
      const answer = await adapter.runTurn(req.headers.authorization ?? "", req.body as Activity, logic);
      res.status(answer?.status ?? 200);
      if (answer?.body === undefined) res.end();
      else res.json(answer.body);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 401)
        return refuse(logger, res, 401, "unauthorized", "The Bot Framework token was not accepted.");
      logger.error({ err: error }, "teams request failed");
      if (!res.headersSent)
        res.status(500).json({ error: "internal", message: "Liaison could not handle it." });
    }
  };
  const bodyError: ErrorRequestHandler = (error: { type?: string }, _req, res, _next) => {
    const [status, code, message] = BODY_ERRORS[error.type ?? ""] ?? [400, "bad-request", "Bad request."];
    refuse(logger, res, status, code, message);
  };
  http.post("/api/messages", gate, express.json({ limit: BODY_LIMIT }), turn, bodyError);
}
