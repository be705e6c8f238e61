import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { pathToFileURL } from "node:url";
import { systemClock, type Clock } from "./core/clock.port.ts";
import { DirectoryIndex } from "./core/directory-index.ts";
import { LiaisonError } from "./core/errors.ts";
import type { LiaisonContext } from "./core/use-cases/liaison-context.ts";
import type { Config } from "./infra/config/config.schema.ts";
import { checkDatabaseUrl, databaseUrlError } from "./infra/config/check-database-url.ts";
import { loadConfig } from "./infra/config/load-config.ts";
import { prepareDataDir } from "./infra/config/prepare-data-dir.ts";
import { errorCode, settingError } from "./infra/config/setting-error.ts";
import { loadDirectoryFile } from "./infra/directory/load-directory-file.ts";
import { recordDirectoryVersion } from "./infra/directory/record-directory-version.ts";
import { createHttpApp } from "./infra/http/create-http-app.ts";
import { createLogger } from "./infra/logging/pino-logger.ts";
import { Scheduler } from "./infra/scheduler/scheduler.ts";
import { openDatabase } from "./infra/store/open-database.ts";
import { PrismaConcernRepository } from "./infra/store/prisma-concern-repository.ts";
import { PrismaOutboxRepository } from "./infra/store/prisma-outbox-repository.ts";
import { inboundEventReceipts, pruneInboundEventReceipts } from "./infra/store/inbound-event-receipts.ts";
import { createSlackApp } from "./adapters/slack/slack-app.ts";
import { SlackNotifier } from "./adapters/slack/slack-notifier.ts";
import { createTeamsApp } from "./adapters/teams/teams-app.ts";
import { PrismaTeamsConversationStore } from "./infra/store/prisma-teams-conversation-store.ts";
import { channelPlatforms } from "./core/plan-outbound-messages.ts";
import { registerLiaisonJobs } from "./infra/scheduler/liaison-jobs.ts";
import type { ChatNotifier } from "./core/ports/chat-notifier.port.ts";
import type { Platform } from "./core/platform.ts";
import { DEFAULT_DELIVERY_POLICY } from "./core/use-cases/deliver-outbox.ts";
import { OutboxPump } from "./core/use-cases/outbox-pump.ts";
import { DueTimer } from "./infra/scheduler/due-timer.ts";
import { listenForWakeUps } from "./infra/wake/listen-for-wake-ups.ts";
import { openWakeBus } from "./infra/wake/open-wake-bus.ts";
import {
  SignallingConcernRepository,
  SignallingOutboxRepository,
} from "./infra/wake/signalling-repositories.ts";
import type { Logger } from "./core/ports/logger.port.ts";
import { newRaiseQueue } from "./core/use-cases/raise-concern.ts";

const VERSION: string = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version;

export interface RunningLiaison {
  server: Server;
  /** The port actually bound (useful when PORT=0). */
  port: number;
  context: LiaisonContext;
  stop(): Promise<void>;
}

/**
 * The only place that sees every layer: loads and validates everything first (a bad directory or
 * configuration stops start-up before anything listens), then opens the store, schedules the jobs,
 * and serves HTTP.
 */
export async function startLiaison(config: Config, clock: Clock = systemClock): Promise<RunningLiaison> {
  const logger = createLogger(config.LOG_LEVEL);
  const loaded = loadDirectoryFile(config.LIAISON_DIRECTORY_FILE);
  const directory = new DirectoryIndex(loaded.directory);
  const teamsCertificate =
    config.MICROSOFT_APP_CERTIFICATE_THUMBPRINT && config.MICROSOFT_APP_CERTIFICATE_KEY_FILE
      ? {
          thumbprint: config.MICROSOFT_APP_CERTIFICATE_THUMBPRINT,
          privateKey: readConfigFile(
            "MICROSOFT_APP_CERTIFICATE_KEY_FILE",
            config.MICROSOFT_APP_CERTIFICATE_KEY_FILE,
          ),
        }
      : undefined;

  const db = await openStore(config, logger);
  if (await recordDirectoryVersion(db.prisma, loaded, clock.now())) {
    logger.info({ directoryVersion: loaded.contentHash.slice(0, 12) }, "new directory version recorded");
  }
  const notifiers = new Map<Platform, ChatNotifier>();
  const outbox = new PrismaOutboxRepository(db.prisma);
  const teamsEnabled = Boolean(config.MICROSOFT_APP_ID) || config.TEAMS_LOCAL_MODE === "true";
  const enabled = new Set<Platform>([
    ...(config.SLACK_BOT_TOKEN ? (["slack"] as const) : []),
    ...(teamsEnabled ? (["teams"] as const) : []),
  ]);
  const wake = await openWakeBus(config.DATABASE_URL, logger);
  const context: LiaisonContext = {
    concerns: new SignallingConcernRepository(new PrismaConcernRepository(db.prisma), wake),
    outbox: new SignallingOutboxRepository(outbox, wake),
    platforms: enabled,
    directory: () => directory,
    clock,
    logger,
    newId: randomUUID,
    raises: newRaiseQueue(),
  };

  // A department no enabled platform can reach gets no cards: say so now, not when a concern is raised.
  const unreachable = directory.directory.departments.filter(
    (d) => channelPlatforms(d, enabled).length === 0,
  );
  if (enabled.size > 0 && unreachable.length > 0) {
    logger.warn(
      { departments: unreachable.map((d) => d.id), platforms: [...enabled] },
      "these departments have no channel on an enabled platform: their concerns get no card",
    );
  }

  const scheduler = new Scheduler(logger, () => clock.now());
  const callTimeoutMs = config.CHAT_CALL_TIMEOUT_SECONDS * 1000;
  // The lease outlasts one call's deadline; rows waiting in their lane are renewed by a job.
  const leaseMs = callTimeoutMs + 5000;
  const kickDelivery = () =>
    void pump.wake().catch((error: Error) => logger.error({ err: error.message }, "outbox claim failed"));
  // A message held back (rate limit, backoff) is claimed again when it may go, not at the next tick.
  const retryTimer = new DueTimer(clock, async () => undefined, kickDelivery);
  const pump = new OutboxPump(context, notifiers, { ...DEFAULT_DELIVERY_POLICY, leaseMs }, (at) =>
    retryTimer.consider(at),
  );
  const app = createHttpApp({
    version: VERSION,
    checkDatabase: async () => {
      await db.prisma.$queryRaw`SELECT 1`;
    },
    database: { kind: db.kind },
    scheduler: () => scheduler.health(),
    platforms: () => ({
      slack: slack ? { enabled: true, mode: slack.mode, ...slack.health() } : { enabled: false },
      teams: !teams
        ? { enabled: false }
        : teams.mode === "authenticated"
          ? { enabled: true, mode: teams.mode }
          : {
              enabled: true,
              mode: teams.mode,
              warning:
                "TEAMS_LOCAL_MODE: no app id, so requests to /api/messages are not authenticated. Development only.",
            },
    }),
    directory: () => ({
      hospital: directory.hospital.name,
      version: loaded.contentHash.slice(0, 12),
      file: loaded.file,
    }),
    sections: {
      outbox: async () => {
        const stats = await outbox.stats();
        return {
          pending: stats.pending,
          parked: stats.parked,
          oldestPendingAt: stats.oldestPendingAt?.toISOString() ?? null,
        };
      },
    },
  });

  const receipts = inboundEventReceipts(db.prisma);
  const slack =
    config.SLACK_BOT_TOKEN && config.SLACK_SIGNING_SECRET
      ? createSlackApp(
          {
            botToken: config.SLACK_BOT_TOKEN,
            signingSecret: config.SLACK_SIGNING_SECRET,
            appToken: config.SLACK_APP_TOKEN,
            apiUrl: config.SLACK_API_URL,
            callTimeoutMs,
          },
          {
            ctx: context,
            kickDelivery,
            isFirstDelivery: (key) => receipts(key, clock.now()),
          },
          app,
        )
      : undefined;
  if (slack) {
    notifiers.set(
      "slack",
      new SlackNotifier(slack.client, { concerns: context.concerns, directory: () => directory, clock }),
    );
  }

  const teams = teamsEnabled
    ? createTeamsApp(
        {
          appId: config.MICROSOFT_APP_ID ?? "",
          appPassword: config.MICROSOFT_APP_PASSWORD,
          certificate: teamsCertificate,
          tenantId: config.MICROSOFT_APP_TENANT_ID,
          appType: config.MICROSOFT_APP_TYPE,
          callTimeoutMs,
        },
        {
          ctx: context,
          conversations: new PrismaTeamsConversationStore(db.prisma),
          kickDelivery,
          isFirstDelivery: (key) => receipts(key, clock.now()),
        },
        app,
      )
    : undefined;
  if (teams) {
    notifiers.set("teams", teams.notifier);
    if (teams.mode === "local-unauthenticated") {
      logger.warn(
        {},
        "Teams is in local mode (TEAMS_LOCAL_MODE=true): /api/messages accepts unauthenticated requests",
      );
    }
  }

  const timer = new DueTimer(
    clock,
    () => context.concerns.earliestDueAt(),
    () => {
      void scheduler.runNow("sweep");
    },
  );
  listenForWakeUps(wake, { dueAt: (at) => timer.consider(at), outbox: kickDelivery });
  registerLiaisonJobs(scheduler, context, pump, timer, directory, {
    sweepIntervalSeconds: config.SWEEP_INTERVAL_SECONDS,
    deliveryIntervalSeconds: config.DELIVERY_INTERVAL_SECONDS,
    leaseMs,
    outboxRetentionDays: config.OUTBOX_RETENTION_DAYS,
    pruneInboundReceipts: pruneInboundEventReceipts(db.prisma),
  });
  scheduler.start();
  // Whatever fell due while Liaison was down is escalated now, once.
  await scheduler.runNow("sweep");

  // node:http directly: Express 5's app.listen calls its callback on errors too (EADDRINUSE included).
  const server = await new Promise<Server>((resolve, reject) => {
    const s = createServer(app);
    s.once("error", reject);
    s.listen(config.PORT, config.HOST, () => resolve(s));
  }).catch(async (error: NodeJS.ErrnoException) => {
    await scheduler.stop();
    timer.stop();
    retryTimer.stop();
    await wake.close();
    await db.close();
    throw listenError(error, config);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  await slack?.start();
  logger.info(
    {
      port,
      database: db.kind,
      location: db.location,
      hospital: directory.hospital.name,
      slack: slack?.mode ?? "off",
      teams: teams?.mode ?? "off",
    },
    "Liaison is listening",
  );

  return {
    server,
    port,
    context,
    stop: async () => {
      await slack?.stop();
      await scheduler.stop();
      timer.stop();
      retryTimer.stop();
      await pump.stop();
      await wake.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}

/** The store, with any trouble reaching it worded for the setting that points at it. */
async function openStore(config: Config, logger: Logger) {
  if (config.DATABASE_URL) await checkDatabaseUrl(config.DATABASE_URL);
  else prepareDataDir(config.LIAISON_DATA_DIR);
  return openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.LIAISON_DATA_DIR, logger }).catch(
    (error: unknown) => {
      if (config.DATABASE_URL) throw databaseUrlError(error, config.DATABASE_URL);
      throw settingError(
        "LIAISON_DATA_DIR",
        `cannot open the embedded database in ${config.LIAISON_DATA_DIR}: ${errorCode(error)}`,
      );
    },
  );
}

/** Why the server could not listen, as the setting to change. */
function listenError(error: NodeJS.ErrnoException, config: Config): Error {
  switch (error.code) {
    case "EADDRINUSE":
      return new LiaisonError(
        "config-invalid",
        `Port ${config.PORT} on ${config.HOST} is already in use: stop the other process, or set PORT to a free port.`,
      );
    case "EACCES":
      return settingError(
        "PORT",
        `${config.PORT} needs privileges this process does not have (EACCES): use a port above 1023, or forward one to it`,
      );
    case "EADDRNOTAVAIL":
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return settingError(
        "HOST",
        `${config.HOST} is not an address of this machine (${error.code}): set HOST to one of its addresses, 0.0.0.0 for all of them, or 127.0.0.1 for this machine only`,
      );
    default:
      return settingError("HOST", `cannot listen on ${config.HOST}:${config.PORT} (${errorCode(error)})`);
  }
}

/** A file a setting points at; a missing or unreadable one stops start-up with the setting's name. */
function readConfigFile(setting: string, file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw settingError(setting, `cannot read ${file} (${errorCode(error)})`);
  }
}

/**
 * Start-up problems are a person's to fix: print the message, not a stack trace. An unexpected error's
 * stack is printed only with LOG_LEVEL=debug or trace, for whoever is asked to look into it.
 */
function fail(error: unknown): never {
  const verbose = /^(debug|trace)$/.test(process.env.LOG_LEVEL ?? "");
  const message =
    error instanceof LiaisonError
      ? error.message
      : `Liaison could not start: ${verbose ? ((error as Error).stack ?? error) : `${errorCode(error)} (set LOG_LEVEL=debug to see where)`}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const liaison = await Promise.resolve()
    .then(() => startLiaison(loadConfig()))
    .catch(fail);
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await liaison.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}
