import { sha256MatchKey } from "./infra/privacy/sha256-match-key.ts";
import { createIdentifierScanner } from "./infra/privacy/identifier-scanner.ts";
import { dataCipherOf } from "./infra/privacy/data-cipher-of.ts";
import type { FieldCipher } from "./infra/privacy/field-cipher.ts";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { pathToFileURL } from "node:url";
import {
  channelPlatforms,
  type ChatNotifier,
  type Clock,
  DEFAULT_DELIVERY_POLICY,
  type DirectoryIndex,
  familyConcernsOn,
  type LiaisonContext,
  LiaisonError,
  type Logger,
  newRaiseQueue,
  OutboxPump,
  type GroupSource,
  type Platform,
  ResponderGroupMembers,
  type StoredLetter,
  systemClock,
} from "./core/index.ts";
import type { Config } from "./infra/config/config.schema.ts";
import { checkDatabaseUrl, databaseUrlError } from "./infra/config/check-database-url.ts";
import { loadConfig } from "./infra/config/load-config.ts";
import { prepareDataDir } from "./infra/config/prepare-data-dir.ts";
import { errorCode, settingError } from "./infra/config/setting-error.ts";
import { DirectoryWatcher } from "./infra/directory/directory-watcher.ts";
import { ResponderGroupRefresh } from "./infra/groups/responder-group-refresh.ts";
import { PrismaGroupSnapshots } from "./infra/store/prisma-group-snapshots.ts";
import { PrismaLetterStore } from "./infra/store/prisma-letter-store.ts";
import { letterDesk } from "./infra/letters/letter-desk.ts";
import { loadLetterTemplate } from "./infra/letters/letter-template-file.ts";
import { mountLetterRoute } from "./infra/http/letter-route.ts";
import { mountSurveyRoutes } from "./infra/http/survey-route.ts";
import { surveyDesk } from "./infra/surveys/survey-desk.ts";
import { PrismaSurveyStore } from "./infra/store/prisma-survey-store.ts";
import { mountFamilyPages } from "./infra/web/family-route.ts";
import { roomCodeKeys, type RoomCodeKeys } from "./infra/web/room-code.ts";
import { type FamilyPageCounts, prismaFamilyPageCounts } from "./infra/store/family-page-counts.ts";
import { recordDirectoryVersion } from "./infra/directory/record-directory-version.ts";
import { createHttpApp, type MetricsSources } from "./infra/http/create-http-app.ts";
import { LiaisonMetrics } from "./infra/metrics/liaison-metrics.ts";
import { MeteredConcernRepository } from "./infra/metrics/metered-concern-repository.ts";
import { refreshOutboxGauges } from "./infra/metrics/outbox-gauges.ts";
import { createLogger } from "./infra/logging/pino-logger.ts";
import type { DestinationStream } from "pino";
import { Scheduler } from "./infra/scheduler/scheduler.ts";
import { openDatabase } from "./infra/store/open-database.ts";
import { PrismaConcernRepository } from "./infra/store/prisma-concern-repository.ts";
import { PrismaOutboxRepository } from "./infra/store/prisma-outbox-repository.ts";
import { PrismaDutyRepository } from "./infra/store/prisma-duty-repository.ts";
import { inboundEventReceipts, pruneInboundEventReceipts } from "./infra/store/inbound-event-receipts.ts";
import { createSlackApp } from "./adapters/slack/slack-app.ts";
import { reportChartPainter } from "./infra/charts/report-chart-image.ts";
import { auditExportFiles } from "./infra/export/format-audit-export.ts";
import { createTeamsApp } from "./adapters/teams/teams-app.ts";
import { PrismaTeamsConversationStore } from "./infra/store/prisma-teams-conversation-store.ts";
import { registerLiaisonJobs, replaceDigestJobs } from "./infra/scheduler/liaison-jobs.ts";
import { DueTimer } from "./infra/scheduler/due-timer.ts";
import { listenForWakeUps } from "./infra/wake/listen-for-wake-ups.ts";
import { ConcernChangeFeed } from "./infra/wake/concern-change-feed.ts";
import { openWakeBus } from "./infra/wake/open-wake-bus.ts";
import {
  SignallingConcernRepository,
  SignallingOutboxRepository,
} from "./infra/wake/signalling-repositories.ts";

const VERSION: string = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version;

export interface RunningLiaison {
  server: Server;
  /** The port actually bound (useful when PORT=0). */
  port: number;
  context: LiaisonContext;
  stop(): Promise<void>;
}

type Store = Awaited<ReturnType<typeof openDatabase>>;
type WakeBus = Awaited<ReturnType<typeof openWakeBus>>;
type SlackIntegration = ReturnType<typeof createSlackApp>;
type TeamsIntegration = ReturnType<typeof createTeamsApp>;

/** The chat platforms that are on; filled in as each starts, read by /healthz when it is asked. */
interface ChatPlatforms {
  slack?: SlackIntegration;
  teams?: TeamsIntegration;
}

/** Delivery: the notifiers (one per platform on), the pump that drains the outbox, and its timing. */
interface Delivery {
  notifiers: Map<Platform, ChatNotifier>;
  pump: OutboxPump;
  /** Claims what is due now (after a write, a wake-up, or when a held-back message may go). */
  kick: () => void;
  retryTimer: DueTimer;
  callTimeoutMs: number;
  leaseMs: number;
}

/**
 * The only place that sees every layer: loads and validates everything first (a bad directory or
 * configuration stops start-up before anything listens), then opens the store, starts delivery and
 * the chat platforms, schedules the jobs, watches the directory file, and serves HTTP.
 */
/** Where the log goes: standard output, unless a caller (a test's log watch) gives another place. */
export interface StartOptions {
  logDestination?: DestinationStream;
}

export async function startLiaison(
  config: Config,
  clock: Clock = systemClock,
  options: StartOptions = {},
): Promise<RunningLiaison> {
  const logger = createLogger(config.LOG_LEVEL, options.logDestination);
  const directory = DirectoryWatcher.load(config.LIAISON_DIRECTORY_FILE, clock, logger);
  const letterTemplate = loadLetterTemplate(config.LIAISON_LETTER_TEMPLATE_FILE);
  const teamsCertificate = teamsCertificateOf(config);
  const roomCodes = roomCodeKeysOf(config, directory.current());
  const cipher = dataCipherOf(config, logger);
  const metrics = new LiaisonMetrics();
  const db = await openStore(config, logger);
  if (await recordDirectoryVersion(db.prisma, directory.loaded, clock.now())) {
    logger.info({ directoryVersion: directory.health().version }, "new directory version recorded");
  }
  const wake = await openWakeBus(config.DATABASE_URL, logger);
  const letters = new PrismaLetterStore(db.prisma, cipher);
  const publicUrl = config.LIAISON_PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  const changes = new ConcernChangeFeed();
  const context = liaisonContext(db, wake, directory.current, enabledPlatforms(config), clock, logger, {
    cipher,
    metrics,
    changes,
    letters: letterDesk(letterTemplate, letters, publicUrl, () => clock.now()),
    surveys: surveyDesk(new PrismaSurveyStore(db.prisma), publicUrl, config.LIAISON_SURVEY_DAYS),
  });
  warnUnreachableDepartments(directory.current(), context.platforms, logger);
  const delivery = startDelivery(config, context);
  const scheduler = new Scheduler(logger, () => clock.now(), timeSweeps(metrics));
  const chat: ChatPlatforms = {};
  const groups = responderGroups(config, context, db);
  const health = healthOf(db, scheduler, chat, directory, groups.refresh);
  const app = createHttpApp(health, metricsOf(config, metrics, db, clock));
  const familyCounts = mountPublicPages(app, { db, context, letters, roomCodes, publicUrl });
  warnWithoutPublicUrl(config, context, publicUrl);
  const inbound = inboundOf(context, delivery, db);
  chat.slack = startSlack(config, inbound, app, delivery, changes);
  const teamMembersChanged = onTeamMembersChanged(groups.refresh, scheduler);
  chat.teams = startTeams(config, teamsCertificate, { ...inbound, db, teamMembersChanged }, app, delivery);
  await listGroupsOf(chat, groups);
  const timer = scheduleJobs(config, scheduler, context, delivery, {
    db,
    wake,
    groups: groups.refresh,
    familyCounts,
  });
  watchDirectory(directory, db, scheduler, context, roomCodes !== undefined);
  // Whatever fell due while Liaison was down is escalated now, once.
  await scheduler.runNow("sweep");

  const stopEngines = async () => {
    await directory.stop();
    await scheduler.stop();
    timer.stop();
    delivery.retryTimer.stop();
  };
  const server = await listen(app, config).catch(async (error: Error) => {
    await stopEngines();
    await wake.close();
    await db.close();
    throw error;
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  await chat.slack?.start();
  logger.info(
    { port, ...storeAndChat(db, chat), hospital: directory.current().hospital.name },
    "Liaison is listening",
  );
  const stop = async () => {
    await chat.slack?.stop();
    await stopEngines();
    await delivery.pump.stop();
    await wake.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.close();
  };
  return { server, port, context, stop };
}

/** What Slack's and Teams' inbound handlers are given: the core, a nudge for delivery, replay detection. */
function inboundOf(context: LiaisonContext, delivery: Delivery, db: Store) {
  const receipts = inboundEventReceipts(db.prisma);
  return {
    ctx: context,
    kickDelivery: delivery.kick,
    isFirstDelivery: (key: string) => receipts(key, context.clock.now()),
    charts: reportChartPainter,
    exports: auditExportFiles,
  };
}

/** What /metrics serves: the registry, behind METRICS_TOKEN when set, with the outbox counted at scrape. */
function metricsOf(config: Config, metrics: LiaisonMetrics, db: Store, clock: Clock): MetricsSources {
  const outbox = new PrismaOutboxRepository(db.prisma);
  return {
    metrics,
    ...(config.METRICS_TOKEN ? { token: config.METRICS_TOKEN } : {}),
    refresh: () => refreshOutboxGauges(metrics, () => outbox.stats(), clock.now()),
  };
}

/** The sweep's runs, timed for /metrics (the other jobs' durations are in /healthz's last runs). */
const timeSweeps = (metrics: LiaisonMetrics) => (job: string, seconds: number) => {
  if (job === "sweep") metrics.sweepDuration.observe(seconds);
};

/** What the start-up line says about where data lives and which chat platforms are on. */
const storeAndChat = (db: Store, chat: ChatPlatforms) => ({
  database: db.kind,
  location: db.location,
  slack: chat.slack?.mode ?? "off",
  teams: chat.teams?.mode ?? "off",
});

/**
 * What Liaison serves to people outside chat: a liaison's letters, the patient's survey, a family's
 * concern page. Returns the family page's counts, which a job prunes.
 */
function mountPublicPages(
  app: ReturnType<typeof createHttpApp>,
  parts: {
    db: Store;
    context: LiaisonContext;
    letters: PrismaLetterStore;
    roomCodes: RoomCodeKeys | undefined;
    publicUrl: string;
  },
) {
  const { db, context, letters, roomCodes, publicUrl } = parts;
  mountLetterRoute(app, letters, context.logger, recordLetterOpened(context));
  mountSurveyRoutes(app, context, publicUrl);
  const familyCounts = prismaFamilyPageCounts(db.prisma);
  mountFamilyPages(app, { ctx: context, keys: roomCodes, counts: familyCounts });
  return familyCounts;
}

/** The rooms' QR codes' keys; the family page turned on without a secret stops start-up. */
function roomCodeKeysOf(config: Config, directory: DirectoryIndex): RoomCodeKeys | undefined {
  if (config.LIAISON_ROOM_CODE_SECRET) {
    return roomCodeKeys(config.LIAISON_ROOM_CODE_SECRET, config.LIAISON_ROOM_CODE_PREVIOUS_SECRETS);
  }
  if (familyConcernsOn(directory)) {
    throw settingError(
      "LIAISON_ROOM_CODE_SECRET",
      "is not set, but the directory file turns the family page on (hospital.familyConcerns.enabled): set it to at least 32 bytes of secret (`openssl rand -base64 48`), or set enabled: false",
    );
  }
  return undefined;
}

/** Certificate credentials for Teams, read from the key file the settings point at. */
function teamsCertificateOf(config: Config) {
  if (!config.MICROSOFT_APP_CERTIFICATE_THUMBPRINT || !config.MICROSOFT_APP_CERTIFICATE_KEY_FILE)
    return undefined;
  return {
    thumbprint: config.MICROSOFT_APP_CERTIFICATE_THUMBPRINT,
    privateKey: readConfigFile(
      "MICROSOFT_APP_CERTIFICATE_KEY_FILE",
      config.MICROSOFT_APP_CERTIFICATE_KEY_FILE,
    ),
  };
}

const teamsEnabled = (config: Config) =>
  Boolean(config.MICROSOFT_APP_ID) || config.TEAMS_LOCAL_MODE === "true";

function enabledPlatforms(config: Config): Set<Platform> {
  return new Set<Platform>([
    ...(config.SLACK_BOT_TOKEN ? (["slack"] as const) : []),
    ...(teamsEnabled(config) ? (["teams"] as const) : []),
  ]);
}

/** The core's context: the stores (announcing every write to the other instances), directory, clock. */
function liaisonContext(
  db: Store,
  wake: WakeBus,
  directory: () => DirectoryIndex,
  platforms: Set<Platform>,
  clock: Clock,
  logger: Logger,
  {
    letters,
    surveys,
    cipher,
    metrics,
    changes,
  }: Pick<LiaisonContext, "letters" | "surveys"> & {
    cipher: FieldCipher;
    metrics: LiaisonMetrics;
    changes: ConcernChangeFeed;
  },
): LiaisonContext {
  const store = new MeteredConcernRepository(new PrismaConcernRepository(db.prisma, cipher), metrics);
  return {
    letters,
    surveys,
    concerns: new SignallingConcernRepository(store, wake, changes),
    outbox: new SignallingOutboxRepository(new PrismaOutboxRepository(db.prisma, cipher), wake),
    duties: new PrismaDutyRepository(db.prisma),
    groups: new ResponderGroupMembers(),
    platforms,
    directory,
    clock,
    logger,
    newId: randomUUID,
    matchKey: sha256MatchKey,
    identifiers: createIdentifierScanner(),
    raises: newRaiseQueue(),
  };
}

/** Links drafted into letters are fixed: without the public address they only work on this machine. */
function warnWithoutPublicUrl(config: Config, context: LiaisonContext, publicUrl: string): void {
  if (config.LIAISON_PUBLIC_URL || context.platforms.size === 0) return;
  context.logger.warn(
    { publicUrl },
    "LIAISON_PUBLIC_URL is not set: grievance letters' and patient surveys' links point at this machine only; set it to the address staff and patients reach Liaison at",
  );
}

/** Each opening of a letter's link goes into its concern's audit trail. */
const recordLetterOpened = (context: LiaisonContext) => (letter: StoredLetter, from: string) =>
  context.concerns.appendAudit([
    {
      concernId: letter.concernId,
      type: "letter-opened",
      actor: { key: "link", displayName: "someone with the letter's link", platform: "api" },
      at: context.clock.now(),
      detail: { letterId: letter.id, kind: letter.kind, from },
    },
  ]);

/** Someone joined or left a team (or Liaison was added to one): its roster is listed again now. */
const onTeamMembersChanged = (refresh: ResponderGroupRefresh, scheduler: Scheduler) => (teamId: string) => {
  refresh.markChanged("teams", teamId);
  listResponderGroupsNow(scheduler);
};

/** Each platform that started lists its groups; the lists kept from the last run are in force meanwhile. */
async function listGroupsOf(chat: ChatPlatforms, groups: ReturnType<typeof responderGroups>): Promise<void> {
  if (chat.slack) groups.sources.set("slack", chat.slack.groups);
  if (chat.teams) groups.sources.set("teams", chat.teams.groups);
  await groups.refresh.loadKept();
}

/** Runs the responder-group job now, in the background (its failures are its own to log). */
const listResponderGroupsNow = (scheduler: Scheduler) =>
  void scheduler.runNow("responder-groups").catch(() => undefined);

/**
 * The departments' Slack user groups and Teams teams: the lists kept in the store, refreshed in the
 * background by a job (sources are added as each platform starts).
 */
function responderGroups(config: Config, context: LiaisonContext, db: Store) {
  const sources = new Map<Platform, GroupSource>();
  const refresh = new ResponderGroupRefresh({
    members: context.groups,
    sources,
    store: new PrismaGroupSnapshots(db.prisma),
    directory: context.directory,
    clock: context.clock,
    logger: context.logger,
    refreshAfterMs: config.RESPONDER_GROUP_REFRESH_MINUTES * 60_000,
  });
  return { sources, refresh };
}

/** A department no enabled platform can reach gets no cards: say so now, not when a concern is raised. */
function warnUnreachableDepartments(
  directory: DirectoryIndex,
  enabled: ReadonlySet<Platform>,
  logger: Logger,
) {
  const unreachable = directory.directory.departments.filter(
    (d) => channelPlatforms(d, enabled).length === 0,
  );
  if (enabled.size > 0 && unreachable.length > 0) {
    logger.warn(
      { departments: unreachable.map((d) => d.id), platforms: [...enabled] },
      "these departments have no channel on an enabled platform: their concerns get no card",
    );
  }
}

function startDelivery(config: Config, context: LiaisonContext): Delivery {
  const callTimeoutMs = config.CHAT_CALL_TIMEOUT_SECONDS * 1000;
  // The lease outlasts one call's deadline; rows waiting in their lane are renewed by a job.
  const leaseMs = callTimeoutMs + 5000;
  const notifiers = new Map<Platform, ChatNotifier>();
  const kick = () =>
    void pump.wake().catch((error: Error) => context.logger.error({ err: error }, "outbox claim failed"));
  // A message held back (rate limit, backoff) is claimed again when it may go, not at the next tick.
  const retryTimer = new DueTimer(context.clock, async () => undefined, kick);
  const pump = new OutboxPump(context, notifiers, { ...DEFAULT_DELIVERY_POLICY, leaseMs }, (at) =>
    retryTimer.consider(at),
  );
  return { notifiers, pump, kick, retryTimer, callTimeoutMs, leaseMs };
}

/** What /healthz reports: the store, the jobs, each chat platform, the directory and the outbox. */
function healthOf(
  db: Store,
  scheduler: Scheduler,
  chat: ChatPlatforms,
  directory: DirectoryWatcher,
  groups: ResponderGroupRefresh,
): Parameters<typeof createHttpApp>[0] {
  const outbox = new PrismaOutboxRepository(db.prisma);
  return {
    version: VERSION,
    checkDatabase: async () => {
      await db.prisma.$queryRaw`SELECT 1`;
    },
    database: { kind: db.kind },
    scheduler: () => scheduler.health(),
    platforms: () => ({ slack: slackHealth(chat.slack), teams: teamsHealth(chat.teams) }),
    directory: () => directory.health(),
    sections: {
      responderGroups: async () => ({ groups: groups.health() }),
      outbox: async () => {
        const stats = await outbox.stats();
        return {
          pending: stats.pending,
          parked: stats.parked,
          oldestPendingAt: stats.oldestPendingAt?.toISOString() ?? null,
        };
      },
    },
  };
}

const slackHealth = (slack: SlackIntegration | undefined) =>
  slack ? { enabled: true, mode: slack.mode, ...slack.health() } : { enabled: false };

function teamsHealth(teams: TeamsIntegration | undefined) {
  if (!teams) return { enabled: false };
  if (teams.mode === "authenticated") return { enabled: true, mode: teams.mode };
  return {
    enabled: true,
    mode: teams.mode,
    warning:
      "TEAMS_LOCAL_MODE: no app id, so requests to /api/messages are not authenticated. Development only.",
  };
}

type InboundDeps = Parameters<typeof createSlackApp>[1];

function startSlack(
  config: Config,
  inbound: InboundDeps,
  app: Parameters<typeof createSlackApp>[2],
  delivery: Delivery,
  changes: ConcernChangeFeed,
): SlackIntegration | undefined {
  if (!config.SLACK_BOT_TOKEN || !config.SLACK_SIGNING_SECRET) return undefined;
  const settings = {
    botToken: config.SLACK_BOT_TOKEN,
    signingSecret: config.SLACK_SIGNING_SECRET,
    appToken: config.SLACK_APP_TOKEN,
    apiUrl: config.SLACK_API_URL,
    callTimeoutMs: delivery.callTimeoutMs,
    homeRefreshMs: config.SLACK_HOME_REFRESH_SECONDS * 1000,
  };
  const slack = createSlackApp(settings, inbound, app);
  delivery.notifiers.set("slack", slack.notifier);
  changes.subscribe((concerns) => slack.homes.concernsChanged(inbound.ctx.directory(), concerns));
  return slack;
}

function startTeams(
  config: Config,
  certificate: ReturnType<typeof teamsCertificateOf>,
  inbound: InboundDeps & { db: Store; teamMembersChanged: (teamId: string) => void },
  app: Parameters<typeof createTeamsApp>[2],
  delivery: Delivery,
): TeamsIntegration | undefined {
  if (!teamsEnabled(config)) return undefined;
  const settings = {
    appId: config.MICROSOFT_APP_ID ?? "",
    appPassword: config.MICROSOFT_APP_PASSWORD,
    certificate,
    tenantId: config.MICROSOFT_APP_TENANT_ID,
    appType: config.MICROSOFT_APP_TYPE,
    callTimeoutMs: delivery.callTimeoutMs,
  };
  const { db, ...deps } = inbound;
  const teams = createTeamsApp(
    settings,
    { ...deps, conversations: new PrismaTeamsConversationStore(db.prisma) },
    app,
  );
  delivery.notifiers.set("teams", teams.notifier);
  if (teams.mode === "local-unauthenticated") {
    deps.ctx.logger.warn(
      {},
      "Teams is in local mode (TEAMS_LOCAL_MODE=true): /api/messages accepts unauthenticated requests",
    );
  }
  return teams;
}

/** The jobs, the escalation timer for the soonest deadline, and wake-ups from other instances. */
function scheduleJobs(
  config: Config,
  scheduler: Scheduler,
  context: LiaisonContext,
  delivery: Delivery,
  {
    db,
    wake,
    groups,
    familyCounts,
  }: { db: Store; wake: WakeBus; groups: ResponderGroupRefresh; familyCounts: FamilyPageCounts },
): DueTimer {
  const timer = new DueTimer(
    context.clock,
    () => context.concerns.earliestDueAt(),
    () => {
      void scheduler.runNow("sweep");
    },
  );
  listenForWakeUps(wake, { dueAt: (at) => timer.consider(at), outbox: delivery.kick });
  registerLiaisonJobs(scheduler, context, delivery.pump, timer, {
    sweepIntervalSeconds: config.SWEEP_INTERVAL_SECONDS,
    deliveryIntervalSeconds: config.DELIVERY_INTERVAL_SECONDS,
    leaseMs: delivery.leaseMs,
    outboxRetentionDays: config.OUTBOX_RETENTION_DAYS,
    pruneInboundReceipts: pruneInboundEventReceipts(db.prisma),
  });
  // Every minute, but each group is fetched only when its list is missing, old or failed last time.
  scheduler.add({ name: "responder-groups", schedule: "0 * * * * *", run: () => groups.refresh() });
  // The family page's hourly counts and one-time keys are no use after a day.
  scheduler.add({
    name: "family-page-counts",
    schedule: "0 17 * * * *",
    run: async () => {
      await familyCounts.prune(new Date(context.clock.now().getTime() - 24 * 3_600_000));
    },
  });
  scheduler.start();
  // The first listing runs now, in the background: start-up never waits for a chat platform.
  listResponderGroupsNow(scheduler);
  return timer;
}

/**
 * Reloads the directory when its file changes or on SIGHUP: each new version is recorded, and what was
 * built from the directory at start-up (the digest schedules, the unreachable-department warning) is
 * built again. Everything else reads `ctx.directory()` when it runs, so it sees the new version at once.
 */
function watchDirectory(
  directory: DirectoryWatcher,
  db: Store,
  scheduler: Scheduler,
  context: LiaisonContext,
  canSignRoomCodes: boolean,
) {
  directory.watch({
    record: (loaded, at) => recordDirectoryVersion(db.prisma, loaded, at),
    reloaded: async (index) => {
      await replaceDigestJobs(scheduler, context, index);
      warnUnreachableDepartments(index, context.platforms, context.logger);
      if (familyConcernsOn(index) && !canSignRoomCodes) {
        context.logger.warn(
          {},
          "the directory turns the family page on, but LIAISON_ROOM_CODE_SECRET is not set: /family/… stays off (404) until it is set and Liaison restarted",
        );
      }
      // A group the new version names is listed now, not at the next minute.
      listResponderGroupsNow(scheduler);
    },
  });
}

/** Serves HTTP; a port that cannot be bound is reported as the setting to change. */
async function listen(app: Parameters<typeof createServer>[1], config: Config): Promise<Server> {
  // node:http directly: Express 5's app.listen calls its callback on errors too (EADDRINUSE included).
  return new Promise<Server>((resolve, reject) => {
    const s = createServer(app);
    s.once("error", reject);
    s.listen(config.PORT, config.HOST, () => resolve(s));
  }).catch((error: NodeJS.ErrnoException) => {
    throw listenError(error, config);
  });
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
