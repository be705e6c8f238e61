import { App, ExpressReceiver, webApi, type Authorize, type RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Express } from "express";
import { z } from "zod";
import { authorizeAction } from "../../core/authorize-action.ts";
import { parseConcernDraft, type ConcernDraftInput } from "../../core/concern-draft.schema.ts";
import type { ConcernAction } from "../../core/concern-state-machine.ts";
import { localTime } from "../../core/business-time.ts";
import { InvalidInputError, LiaisonBusyError, LiaisonError, NotFoundError } from "../../core/errors.ts";
import { asDepartmentId, parseConcernId } from "../../core/ids.ts";
import { identifyActor, type PlatformIdentity } from "../../core/identify-actor.ts";
import { actOnConcern } from "../../core/use-cases/act-on-concern.ts";
import type { LiaisonContext } from "../../core/use-cases/liaison-context.ts";
import { raiseConcern } from "../../core/use-cases/raise-concern.ts";
import { answerConcernCommand } from "../../core/use-cases/answer-concern-command.ts";
import {
  type Attempt,
  CONCERN_GONE,
  FORM_UNREADABLE,
  notSavedReply,
  refusedReply,
  SOMETHING_WENT_WRONG,
  typedDraftLines,
  WHAT_YOU_TYPED,
} from "../../core/replies.ts";
import { cardActionFor } from "./slack-action-table.ts";
import { boltLogger } from "./slack-logger.ts";
import { describeSlackTrouble, SlackConnection, type SlackConnectionHealth } from "./slack-connection.ts";
import {
  CONCERN_MODAL,
  concernModal,
  REASSIGN_MODAL,
  reassignModal,
  TEXT_MODALS,
  textModal,
} from "./slack-modals.ts";
import { commandReply, HELP_TEXT, literalReply, type SlackReply } from "./slack-replies.ts";
import { slackTimestampGuard } from "./slack-timestamp-guard.ts";
import { SIGNATURE_PROPERTY, slackInboundGuard } from "./slack-inbound-guard.ts";
import { checkedOf, valueOf, type ViewState, viewStateSchema } from "./slack-view-state.ts";

export interface SlackSettings {
  botToken: string;
  signingSecret: string;
  /** Socket Mode (no public URL needed) when set; HTTP at /slack/events otherwise. */
  appToken?: string;
  /** Web API base URL: GovSlack (https://slack-gov.com/api/) or a test server. */
  apiUrl?: string;
  /** Each Web API call gives up after this long; the outbox retries it. */
  callTimeoutMs: number;
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
  /** Whether Slack has accepted the token (checked in the background, retried until it does). */
  health(): SlackConnectionHealth;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** What a text modal carries between opening and submitting: the concern, and whether text is required. */
interface TextModalMetadata {
  concernId: string;
  required: boolean;
}

/** How long a form submission waits for its concern to be stored before Slack's 3 s ack must go. */
const SAVE_BEFORE_ACK_MS = 2_000;
const delay = (ms: number) =>
  new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref());

const who = (user: { id: string; name?: string; username?: string }): PlatformIdentity => ({
  platform: "slack",
  userId: user.id,
  displayName: user.name ?? user.username ?? user.id,
});

/** An error a person can act on is said to them; anything else is logged and apologised for. */
function explain(ctx: LiaisonContext, error: unknown): string {
  if (error instanceof LiaisonError) return error.message;
  ctx.logger.error({ err: firstLine(error) }, "slack handler failed");
  return SOMETHING_WENT_WRONG;
}

/** The reply to a submission that failed: it says plainly that nothing was saved. */
function notSaved(ctx: LiaisonContext, error: unknown, attempt: Attempt): string {
  if (error instanceof LiaisonError) return refusedReply(attempt, error.message);
  ctx.logger.error({ err: firstLine(error), attempt }, "slack submission not saved");
  return notSavedReply(attempt);
}

const firstLine = (error: unknown) => String((error as Error)?.message ?? error).split("\n")[0];

/** A reply followed by what the person typed, so nothing is lost (shown literally: it is their text). */
function withTyped(reply: string, typed: readonly string[]): string {
  const lines = typed.filter((t) => t.trim().length > 0);
  return lines.length > 0 ? `${reply}\n${WHAT_YOU_TYPED}\n${lines.join("\n")}` : reply;
}

/** A direct message from the bot, shown literally; a failure to send it is never thrown (the form is closed). */
async function dm(client: WebClient, userId: string, text: string): Promise<void> {
  await client.chat.postMessage({ channel: userId, ...literalReply(text) }).catch(() => undefined);
}

/** A submitted form Slack sent in a shape Liaison cannot read: said to the person, nothing applied. */
async function formUnreadable(ctx: LiaisonContext, client: WebClient, userId: string): Promise<void> {
  ctx.logger.warn({}, "slack view submission could not be read");
  await dm(client, userId, FORM_UNREADABLE);
}

const textModalMetadata = z.object({ concernId: z.string(), required: z.boolean() });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function draftFrom(state: ViewState): ConcernDraftInput {
  return {
    unit: valueOf(state, "unit"),
    room: valueOf(state, "room"),
    patientReference: valueOf(state, "patientReference"),
    category: valueOf(state, "category"),
    severity: valueOf(state, "severity"),
    description: valueOf(state, "description"),
    grievance: checkedOf(state, "grievance").includes("grievance"),
  };
}

/** A private answer; plain strings may quote a person, so they are shown literally. */
const ephemeral = (respond: RespondFn, reply: SlackReply | string) =>
  respond({
    response_type: "ephemeral",
    replace_original: false,
    ...(typeof reply === "string" ? literalReply(reply) : reply),
  });

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
    // Without a deadline a Slack that accepts the connection and never answers holds the call for
    // minutes (undici's default), and with it that card's lane.
    timeout: settings.callTimeoutMs,
    allowAbsoluteUrls: false,
  };
  // Bolt given a token calls auth.test while it is constructed and crashes the process if Slack does
  // not answer. Given `authorize` instead, it never calls Slack on its own: SlackConnection checks the
  // token in the background, and the bot's ids are filled in once Slack has told them.
  const authorize: Authorize<boolean> = async () => ({ botToken: settings.botToken, ...connection.identity });
  let app: App;
  if (settings.appToken) {
    app = new App({ authorize, appToken: settings.appToken, socketMode: true, logger, clientOptions });
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
      // A replayed request carries the same signature: the inbound guard recognises it by that.
      customPropertiesExtractor: (req) => ({ [SIGNATURE_PROPERTY]: req.headers["x-slack-signature"] }),
    });
    app = new App({ authorize, receiver, logger, clientOptions });
  }
  const client = new webApi.WebClient(settings.botToken, { ...clientOptions, logger });
  const apiUrl = settings.apiUrl ?? "https://slack.com/api/";
  const connection = new SlackConnection(
    {
      identify: async () => {
        const me = await client.auth.test();
        return { botId: me.bot_id, botUserId: me.user_id, teamId: me.team_id };
      },
      open: async () => {
        if (settings.appToken) await app.start();
      },
      describe: (error, step) =>
        describeSlackTrouble(error, apiUrl, step === "open" ? "SLACK_APP_TOKEN" : "SLACK_BOT_TOKEN"),
    },
    ctx.logger,
  );

  // Each request is handled once by all instances together: a replay or Slack's retry changes nothing.
  app.use(slackInboundGuard({ logger: ctx.logger, isFirstDelivery: deps.isFirstDelivery }));

  app.command("/concern", async ({ ack, command, client, respond }) => {
    await ack();
    const identity = { platform: "slack" as const, userId: command.user_id, displayName: command.user_name };
    try {
      const answer = await answerConcernCommand(ctx, command.text ?? "", identity, "/concern");
      if (answer.kind === "open-form") {
        const view = concernModal(ctx.directory(), answer.prefill, "");
        await client.views.open({ trigger_id: command.trigger_id, view });
        return;
      }
      await ephemeral(respond, commandReply(ctx.directory(), answer, ctx.clock.now()));
    } catch (error) {
      const typed = command.text ? [command.text] : [];
      await ephemeral(respond, withTyped(explain(ctx, error), typed)).catch(() => undefined);
    }
  });

  app.view(CONCERN_MODAL, async ({ ack, body, view, client }) => {
    const state = viewStateSchema.safeParse(view.state.values);
    if (!state.success) {
      await ack();
      await formUnreadable(ctx, client, body.user.id);
      return;
    }
    const input = draftFrom(state.data);
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
    // Saved before the form closes, so a concern the nurse saw accepted survives a crash a moment later;
    // only a store slower than Slack's 3 s allows closes the form first and keeps saving.
    const saving = raiseConcern(ctx, input, who(body.user)).then(
      () => ({ saved: true }) as const,
      (error: unknown) => ({ saved: false, error }) as const,
    );
    const first = await Promise.race([saving, delay(SAVE_BEFORE_ACK_MS)]);
    if (first?.saved === false) {
      // Still open: everything typed is on the form, with why it was not saved beside the description.
      const message =
        first.error instanceof LiaisonBusyError ? first.error.message : notSaved(ctx, first.error, "raise");
      await ack({ response_action: "errors", errors: { description: message } });
      return;
    }
    await ack();
    const outcome = await saving;
    if (outcome.saved) {
      deps.kickDelivery();
      return;
    }
    // The form is closed: send back what was typed so that nothing is lost.
    await dm(client, body.user.id, withTyped(notSaved(ctx, outcome.error, "raise"), typedDraftLines(input)));
  });

  app.action(/^liaison_/, async ({ ack, body, action, client, respond }) => {
    await ack();
    if (body.type !== "block_actions" || action.type !== "button" || !("action_id" in action)) return;
    const cardAction = cardActionFor(action.action_id);
    if (!cardAction || !action.value) return;
    const concernId = parseConcernId(action.value);
    if (!concernId) {
      await ephemeral(respond, CONCERN_GONE);
      return;
    }
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
        await ephemeral(respond, CONCERN_GONE);
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
      const asked = cardAction === "acknowledge" || cardAction === "escalate";
      await ephemeral(respond, asked ? notSaved(ctx, error, cardAction) : explain(ctx, error)).catch(
        () => undefined,
      );
    }
  });

  /** Applies a modal's action; when it cannot be saved, the person gets a DM with what they typed. */
  const submitAction = async (
    user: PlatformIdentity,
    client: WebClient,
    rawConcernId: string,
    action: ConcernAction,
    typed: readonly string[],
  ): Promise<void> => {
    const concernId = parseConcernId(rawConcernId);
    try {
      if (!concernId) throw new NotFoundError(CONCERN_GONE);
      const outcome = await actOnConcern(ctx, concernId, action, user);
      if (outcome.kind === "already-done") {
        await dm(
          client,
          user.userId,
          `${outcome.concern.reference} was already ${outcome.action}d by ${outcome.by.displayName}.`,
        );
        return;
      }
      deps.kickDelivery();
    } catch (error) {
      await dm(client, user.userId, withTyped(notSaved(ctx, error, action.type), typed));
    }
  };

  for (const kind of ["resolve", "add-note", "reopen"] as const) {
    app.view(TEXT_MODALS[kind], async ({ ack, body, view, client }) => {
      const meta = textModalMetadata.safeParse(parseJson(view.private_metadata));
      const state = viewStateSchema.safeParse(view.state.values);
      if (!meta.success || !state.success) {
        await ack();
        await formUnreadable(ctx, client, body.user.id);
        return;
      }
      const text = valueOf(state.data, "text")?.trim() ?? "";
      if (meta.data.required && text.length === 0) {
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
      await submitAction(who(body.user), client, meta.data.concernId, action, [text]);
    });
  }

  app.view(REASSIGN_MODAL, async ({ ack, body, view, client }) => {
    const parsed = viewStateSchema.safeParse(view.state.values);
    if (!parsed.success) {
      await ack();
      await formUnreadable(ctx, client, body.user.id);
      return;
    }
    const state = parsed.data;
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
    const reason = valueOf(state, "reason");
    await submitAction(
      who(body.user),
      client,
      view.private_metadata,
      { type: "reassign", toDepartment: department.id, toDepartmentName: department.name, reason },
      [department.name, reason ?? ""],
    );
  });

  app.event("app_mention", async ({ event, client }) => {
    await client.chat.postMessage({ channel: event.channel, thread_ts: event.ts, text: HELP_TEXT });
  });

  app.error(async (error) => {
    ctx.logger.error({ err: error.message, code: (error as { code?: string }).code }, "slack request failed");
  });

  return {
    app,
    client,
    mode: settings.appToken ? "socket" : "http",
    health: () => connection.health(),
    start: async () => connection.start(),
    stop: async () => {
      connection.stop();
      if (settings.appToken && connection.health().ok) await app.stop();
    },
  };
}
