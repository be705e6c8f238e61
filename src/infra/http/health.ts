export interface HealthReport {
  status: "ok" | "unhealthy";
  version: string;
  database: { ok: boolean; kind: string; error?: string };
  scheduler: { alive: boolean; jobs: unknown[] };
  platforms: Record<string, { enabled: boolean; mode?: string; warning?: string }>;
  directory: { hospital: string; version: string; file: string };
  [extra: string]: unknown;
}

export interface HealthSources {
  version: string;
  checkDatabase: () => Promise<void>;
  database: { kind: string };
  scheduler: () => { alive: boolean; jobs: unknown[] };
  platforms: () => HealthReport["platforms"];
  directory: () => HealthReport["directory"];
  /** More sections later parts add (the outbox's parked messages, for one). */
  extra?: () => Promise<Record<string, unknown>>;
}

/** What /healthz answers: 200 when the database answers and the scheduler ticks, 503 otherwise. */
export async function collectHealth(sources: HealthSources): Promise<HealthReport> {
  let database: HealthReport["database"];
  try {
    await sources.checkDatabase();
    database = { ok: true, kind: sources.database.kind };
  } catch (error) {
    database = { ok: false, kind: sources.database.kind, error: (error as Error).message.split("\n")[0] };
  }
  const scheduler = sources.scheduler();
  return {
    status: database.ok && scheduler.alive ? "ok" : "unhealthy",
    version: sources.version,
    database,
    scheduler,
    platforms: sources.platforms(),
    directory: sources.directory(),
    ...(sources.extra ? await sources.extra() : {}),
  };
}
