import type { AckFn, Middleware, AnyMiddlewareArgs } from "@slack/bolt";
import { type Logger, sanitizeInbound } from "../../core/index.ts";

/** The name under which the HTTP receiver hands the request's signature to middleware. */
export const SIGNATURE_PROPERTY = "slackRequestSignature";

export interface InboundGuardDeps {
  logger: Logger;
  /** True the first time a key is seen by any instance. */
  isFirstDelivery: (key: string) => Promise<boolean>;
}

/**
 * What makes a request "the same one again": an Events API event's id (Slack's own retries are
 * re-signed), else the request's signature, which covers its timestamp and every byte of its body.
 */
function receiptKey(body: unknown, context: Record<string, unknown>): string | undefined {
  const eventId = (body as { event_id?: unknown }).event_id;
  if (typeof eventId === "string") return `slack-event:${eventId}`;
  const signature = context[SIGNATURE_PROPERTY];
  return typeof signature === "string" && signature ? `slack-request:${signature}` : undefined;
}

/** Acknowledges once: a second ack (the listener already answered) is Bolt's error, not ours. */
async function ackOnce(ack: AckFn<void> | undefined): Promise<void> {
  await ack?.().catch(() => undefined);
}

/**
 * Runs before every Slack handler: cleans the payload's text (so PostgreSQL can store it), answers a
 * replayed request with an empty 200 before anything happens, and acknowledges a request whose handler
 * threw before its own ack, so Slack is not left waiting 3 s for an answer that never comes.
 */
export function slackInboundGuard(deps: InboundGuardDeps): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    sanitizeInbound(args.body);
    const ack = (args as { ack?: AckFn<void> }).ack;
    const key = receiptKey(args.body, args.context);
    if (key && !(await firstTime(deps, key))) {
      deps.logger.info({ key: key.slice(0, 40) }, "slack request already handled: replay ignored");
      await ackOnce(ack);
      return;
    }
    try {
      await args.next();
    } catch (error) {
      await ackOnce(ack);
      throw error;
    }
  };
}

/**
 * With the store down the receipt cannot be written; the request is handled anyway (its own write
 * fails too and the person is told it was NOT saved), rather than dropped in silence.
 */
async function firstTime(deps: InboundGuardDeps, key: string): Promise<boolean> {
  try {
    return await deps.isFirstDelivery(key);
  } catch (error) {
    deps.logger.warn({ err: (error as Error).message.split("\n")[0] }, "could not record a slack request");
    return true;
  }
}
