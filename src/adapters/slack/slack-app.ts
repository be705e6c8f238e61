import { App, ExpressReceiver, webApi, type Authorize } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Express } from "express";
import type { ChatNotifier, GroupSource } from "../../core/index.ts";
import { registerActionModals } from "./slack-action-modals.ts";
import { registerCardButtons } from "./slack-card-buttons.ts";
import { homeRefresher, type SlackHomeRefresher } from "./slack-home.ts";
import { registerConcernCommand } from "./slack-concern-command.ts";
import { registerConcernForm } from "./slack-concern-form.ts";
import { describeSlackTrouble, SlackConnection, type SlackConnectionHealth } from "./slack-connection.ts";
import type { SlackDeps } from "./slack-handler-support.ts";
import { SIGNATURE_PROPERTY, slackInboundGuard } from "./slack-inbound-guard.ts";
import { boltLogger } from "./slack-logger.ts";
import { SlackNotifier } from "./slack-notifier.ts";
import { SlackUserGroups } from "./slack-user-groups.ts";
import { HELP_TEXT } from "./slack-replies.ts";
import { slackTimestampGuard } from "./slack-timestamp-guard.ts";

export interface SlackSettings {
  botToken: string;
  signingSecret: string;
  /** Socket Mode (no public URL needed) when set; HTTP at /slack/events otherwise. */
  appToken?: string;
  /** Web API base URL: GovSlack (https://slack-gov.com/api/) or a test server. */
  apiUrl?: string;
  /** Each Web API call gives up after this long; the outbox retries it. */
  callTimeoutMs: number;
  /** A person's App Home is published again at most this often when its concerns change. */
  homeRefreshMs: number;
}

export type { SlackDeps } from "./slack-handler-support.ts";

export interface SlackIntegration {
  app: App;
  client: WebClient;
  /** Delivers the outbox's Slack messages through this app's Web API client. */
  notifier: ChatNotifier;
  /** Lists the departments' Slack user groups through the same deadline-bound client. */
  groups: GroupSource;
  mode: "http" | "socket";
  /** Publishes again the App Home tabs that show a concern that changed (rate-limited per person). */
  homes: SlackHomeRefresher;
  /** Whether Slack has accepted the token (checked in the background, retried until it does). */
  health(): SlackConnectionHealth;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** How Liaison's Web API clients (Bolt's and the notifier's) call Slack. */
function webClientOptions(settings: SlackSettings) {
  return {
    slackApiUrl: settings.apiUrl,
    // Our outbox retries with backoff; the client's own 30-minute retry would stall its whole queue.
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    // Without a deadline a Slack that accepts the connection and never answers holds the call for
    // minutes (undici's default), and with it that card's lane.
    timeout: settings.callTimeoutMs,
    allowAbsoluteUrls: false,
  };
}

/**
 * The Slack adapter: turns Slack's payloads into use-case calls and answers in Slack. Every handler
 * acknowledges first (Slack allows 3 s), then works; outbound cards and messages go through the outbox.
 */
export function createSlackApp(settings: SlackSettings, deps: SlackDeps, http?: Express): SlackIntegration {
  const { ctx } = deps;
  const logger = boltLogger(ctx.logger);
  const clientOptions = webClientOptions(settings);
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
  registerConcernCommand(app, deps);
  registerConcernForm(app, deps);
  registerCardButtons(app, deps);
  registerActionModals(app, deps);

  const homes = homeRefresher(ctx, client, settings.homeRefreshMs);
  app.event("app_home_opened", async ({ event }) => {
    if (event.tab === "home") await homes.opened(event.user);
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
    notifier: new SlackNotifier(client),
    groups: new SlackUserGroups(client),
    homes,
    mode: settings.appToken ? "socket" : "http",
    health: () => connection.health(),
    start: async () => connection.start(),
    stop: async () => {
      homes.stop();
      connection.stop();
      if (settings.appToken && connection.health().ok) await app.stop();
    },
  };
}
