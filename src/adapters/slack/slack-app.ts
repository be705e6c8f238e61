import { App, ExpressReceiver, type RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Express } from "express";
import { authorizeAction } from "../../core/authorize-action.ts";
import { parseConcernDraft, type ConcernDraftInput } from "../../core/concern-draft.schema.ts";
import type { ConcernAction } from "../../core/concern-state-machine.ts";
import { localTime } from "../../core/business-time.ts";
import { InvalidInputError, LiaisonBusyError, LiaisonError } from "../../core/errors.ts";
import { asConcernId, asDepartmentId } from "../../core/ids.ts";
import { identifyActor, type PlatformIdentity } from "../../core/identify-actor.ts";
import { actOnConcern } from "../../core/use-cases/act-on-concern.ts";
import type { LiaisonContext } from "../../core/use-cases/liaison-context.ts";
import { raiseConcern } from "../../core/use-cases/raise-concern.ts";
import { looksLikeConcernReference } from "../../core/concern-reference.ts";
import { parseConcernCommand } from "../../core/parse-concern-command.ts";
import { escapeMrkdwn, truncate } from "./block-kit-limits.ts";
import { cardActionFor } from "./slack-action-table.ts";
import { boltLogger } from "./slack-logger.ts";
import {
  CONCERN_MODAL,
  concernModal,
  REASSIGN_MODAL,
  reassignModal,
  TEXT_MODALS,
  textModal,
} from "./slack-modals.ts";
import { HELP_TEXT, mineText, statusText } from "./slack-replies.ts";
import { slackTimestampGuard } from "./slack-timestamp-guard.ts";
import { checkedOf, valueOf, viewStateSchema } from "./slack-view-state.ts";

export interface SlackSettings {
  botToken: string;
  signingSecret: string;
  /** Socket Mode (no public URL needed) when set; HTTP at /slack/events otherwise. */
  appToken?: string;
  /** Web API base URL: GovSlack (https://slack-gov.com/api/) or a test server. */
  apiUrl?: string;
}

export interface SlackDeps {
  ctx: LiaisonContext;
  /** Starts delivering the outbox now, so a card or an update appears without waiting for a tick. */
  kickDelivery: () => void;
  /** True the first time a key is seen by any instance: Events API retries are handled once. */
  isFirstDelivery: (key: string) => Promise<boolean>;
}

export interface SlackIntegration {
  app: App;
  client: WebClient;
  mode: "http" | "socket";
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** What a text modal carries between opening and submitting: the concern, and whether text is required. */
interface TextModalMetadata {
  concernId: string;
  required: boolean;
}

const who = (user: { id: string; name?: string; username?: string }): PlatformIdentity => ({
  platform: "slack",
  userId: user.id,
  displayName: user.name ?? user.username ?? user.id,
});

/** An error a person can act on is said to them; anything else is logged and apologised for. */
function explain(ctx: LiaisonContext, error: unknown): string {
  if (error instanceof LiaisonError) return error.message;
  ctx.logger.error({ err: (error as Error).message }, "slack handler failed");
  return "Something went wrong in Liaison; please try again. If it keeps happening, tell your Liaison administrator.";
}

const ephemeral = (respond: RespondFn, text: string) =>
  respond({ response_type: "ephemeral", replace_original: false, text });

/**
 * The Slack adapter: turns Slack's payloads into use-case calls and answers in Slack. Every handler
 * acknowledges first (Slack allows 3 s), then works; outbound cards and messages go through the outbox.
 */
export function createSlackApp(settings: SlackSettings, deps: SlackDeps, http?: Express): SlackIntegration {
  const { ctx } = deps;
  const logger = boltLogger(ctx.logger);
  const clientOptions = {
    slackApiUrl: settings.apiUrl,
    // Our outbox retries with backoff; the client's own 30-minute retry would stall its whole queue.
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    allowAbsoluteUrls: false,
  };
  let app: App;
  if (settings.appToken) {
    app = new App({
      token: settings.botToken,
      appToken: settings.appToken,
      socketMode: true,
      logger,
      clientOptions,
    });
  } else {
    if (!http) throw new Error("Slack over HTTP needs the HTTP server");
    http.use(
      "/slack/events",
      slackTimestampGuard(() => ctx.clock.now()),
    );
    const receiver = new ExpressReceiver({
      signingSecret: settings.signingSecret,
      app: http,
      endpoints: "/slack/events",
      logger,
    });
    app = new App({ token: settings.botToken, receiver, logger, clientOptions });
  }

  // Slack retries events it thinks were not received; every instance sees each event_id once.
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: string }).event_id;
    if (eventId && !(await deps.isFirstDelivery(`slack-event:${eventId}`))) return;
    await next();
  });

  app.command("/concern", async ({ ack, command, client, respond }) => {
    await ack();
    const directory = ctx.directory();
    const parsed = parseConcernCommand(directory, command.text ?? "");
    const actor = identifyActor(directory, {
      platform: "slack",
      userId: command.user_id,
      displayName: command.user_name,
    });
    try {
      switch (parsed.kind) {
        case "help":
          await ephemeral(respond, HELP_TEXT);
          return;
        case "mine": {
          const concerns = await ctx.concerns.listOpenInvolving(actor.ref.key, 25);
          await ephemeral(respond, mineText(directory, concerns, ctx.clock.now()));
          return;
        }
        case "status": {
          if (!looksLikeConcernReference(parsed.reference)) {
            await ephemeral(
              respond,
              "Which concern? Give its reference, e.g. `/concern status PR-2026-00042`.",
            );
            return;
          }
          const concern = await ctx.concerns.findByReference(parsed.reference);
          await ephemeral(
            respond,
            concern
              ? statusText(directory, concern, ctx.clock.now())
              : `No concern ${parsed.reference} was found. Check the reference; it looks like PR-2026-00042.`,
          );
          return;
        }
        case "raise":
          await client.views.open({
            trigger_id: command.trigger_id,
            view: concernModal(directory, parsed.prefill, ""),
          });
      }
    } catch (error) {
      const typed = command.text ? `\nWhat you typed: ${escapeMrkdwn(command.text)}` : "";
      await ephemeral(respond, `${explain(ctx, error)}${typed}`).catch(() => undefined);
    }
  });

  app.view(CONCERN_MODAL, async ({ ack, body, view, client }) => {
    const state = viewStateSchema.parse(view.state.values);
    const input: ConcernDraftInput = {
      unit: valueOf(state, "unit"),
      room: valueOf(state, "room"),
      patientReference: valueOf(state, "patientReference"),
      category: valueOf(state, "category"),
      severity: valueOf(state, "severity"),
      description: valueOf(state, "description"),
      grievance: checkedOf(state, "grievance").includes("grievance"),
    };
    try {
      // In-memory checks only: the errors show on their fields, with everything typed still there.
      parseConcernDraft(ctx.directory(), input);
    } catch (error) {
      if (error instanceof InvalidInputError) {
        await ack({ response_action: "errors", errors: { ...error.fieldErrors } });
        return;
      }
      throw error;
    }
    try {
      // Acknowledged only once the raise has its place in the queue (see raiseConcern).
      await raiseConcern(ctx, input, who(body.user), () => ack());
      deps.kickDelivery();
    } catch (error) {
      if (error instanceof LiaisonBusyError) {
        // Refused before the ack: the form stays open with everything typed, and says why.
        await ack({ response_action: "errors", errors: { description: error.message } });
        return;
      }
      // The form is closed: send back what was typed so that nothing is lost.
      await client.chat
        .postMessage({
          channel: body.user.id,
          text: truncate(
            `${explain(ctx, error)}\nYour concern was NOT saved. What you typed:\n${escapeMrkdwn(input.description ?? "")}`,
            3000,
          ),
        })
        .catch(() => undefined);
    }
  });

  app.action(/^liaison_/, async ({ ack, body, action, client, respond }) => {
    await ack();
    if (body.type !== "block_actions" || action.type !== "button" || !("action_id" in action)) return;
    const cardAction = cardActionFor(action.action_id);
    if (!cardAction || !action.value) return;
    const concernId = asConcernId(action.value);
    const user = who(body.user);
    try {
      if (cardAction === "acknowledge" || cardAction === "escalate") {
        const outcome = await actOnConcern(ctx, concernId, { type: cardAction }, user);
        if (outcome.kind === "already-done") {
          const zone = ctx.directory().hospital.timeZone;
          await ephemeral(
            respond,
            `${outcome.concern.reference} was already ${outcome.action}d by ${outcome.by.displayName} at ${localTime(outcome.at, zone)}.`,
          );
        } else {
          deps.kickDelivery();
        }
        return;
      }
      const directory = ctx.directory();
      const concern = await ctx.concerns.findById(concernId);
      if (!concern) {
        await ephemeral(respond, "That concern no longer exists.");
        return;
      }
      authorizeAction(directory, identifyActor(directory, user), concern, cardAction);
      const view =
        cardAction === "reassign"
          ? reassignModal(directory, concern)
          : {
              ...textModal(cardAction, concern),
              private_metadata: JSON.stringify({
                concernId: concern.id,
                required: cardAction !== "resolve" || concern.isGrievance,
              } satisfies TextModalMetadata),
            };
      await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      await ephemeral(respond, explain(ctx, error)).catch(() => undefined);
    }
  });

  const submitAction = async (
    user: PlatformIdentity,
    client: WebClient,
    concernId: string,
    action: ConcernAction,
  ): Promise<void> => {
    try {
      const outcome = await actOnConcern(ctx, asConcernId(concernId), action, user);
      if (outcome.kind === "already-done") {
        await client.chat.postMessage({
          channel: user.userId,
          text: `${outcome.concern.reference} was already ${outcome.action}d by ${outcome.by.displayName}.`,
        });
        return;
      }
      deps.kickDelivery();
    } catch (error) {
      await client.chat
        .postMessage({ channel: user.userId, text: explain(ctx, error) })
        .catch(() => undefined);
    }
  };

  for (const kind of ["resolve", "add-note", "reopen"] as const) {
    app.view(TEXT_MODALS[kind], async ({ ack, body, view, client }) => {
      const meta = JSON.parse(view.private_metadata) as TextModalMetadata;
      const text = valueOf(viewStateSchema.parse(view.state.values), "text")?.trim() ?? "";
      if (meta.required && text.length === 0) {
        const what =
          kind === "resolve"
            ? "a resolution note: this concern is a grievance"
            : kind === "reopen"
              ? "why it is being reopened"
              : "a note";
        await ack({ response_action: "errors", errors: { text: `Please enter ${what}.` } });
        return;
      }
      await ack();
      const action: ConcernAction =
        kind === "resolve"
          ? { type: "resolve", resolutionNote: text || undefined }
          : kind === "reopen"
            ? { type: "reopen", reason: text }
            : { type: "add-note", text };
      await submitAction(who(body.user), client, meta.concernId, action);
    });
  }

  app.view(REASSIGN_MODAL, async ({ ack, body, view, client }) => {
    const state = viewStateSchema.parse(view.state.values);
    const departmentId = valueOf(state, "department");
    const department = departmentId ? ctx.directory().department(asDepartmentId(departmentId)) : undefined;
    if (!department) {
      await ack({
        response_action: "errors",
        errors: { department: "Please choose the department to reassign to." },
      });
      return;
    }
    await ack();
    await submitAction(who(body.user), client, view.private_metadata, {
      type: "reassign",
      toDepartment: department.id,
      toDepartmentName: department.name,
      reason: valueOf(state, "reason"),
    });
  });

  app.event("app_mention", async ({ event, client }) => {
    await client.chat.postMessage({ channel: event.channel, thread_ts: event.ts, text: HELP_TEXT });
  });

  app.error(async (error) => {
    ctx.logger.error({ err: error.message, code: (error as { code?: string }).code }, "slack request failed");
  });

  return {
    app,
    client: app.client,
    mode: settings.appToken ? "socket" : "http",
    start: async () => {
      if (settings.appToken) await app.start();
    },
    stop: async () => {
      if (settings.appToken) await app.stop();
    },
  };
}
