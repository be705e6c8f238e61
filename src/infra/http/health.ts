export interface PlatformHealth {
  enabled: boolean;
  mode?: string;
  warning?: string;
  /** False while the platform's start-up check fails; Liaison keeps serving the other platform meanwhile. */
  ok?: boolean;
  error?: string;
}

export interface HealthReport {
  status: "ok" | "unhealthy";
  version: string;
  database: { ok: boolean; kind: string; error?: string };
  scheduler: { alive: boolean; jobs: unknown[] };
  platforms: Record<string, PlatformHealth>;
  /** The version in force (since loadedAt), and the last change refused while it stays in force. */
  directory: {
    hospital: string;
    version: string;
    file: string;
    loadedAt: string;
    refused?: { at: string; version: string | null; problems: readonly string[] };
  };
  [section: string]: unknown;
}

export interface HealthSources {
  version: string;
  checkDatabase: () => Promise<void>;
  database: { kind: string };
  scheduler: () => { alive: boolean; jobs: unknown[] };
  platforms: () => HealthReport["platforms"];
  directory: () => HealthReport["directory"];
  /** More named sections (the outbox's backlog, for one); one that fails is reported, not thrown. */
  sections?: Record<string, () => Promise<Record<string, unknown>>>;
}

/** A health check must answer even when the database hangs: a probe waits this long at most. */
export const HEALTH_PROBE_TIMEOUT_MS = 5000;

type Probed<T> = { ok: true; value: T } | { ok: false; error: string };

async function probe<T>(check: () => Promise<T>): Promise<Probed<T>> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${HEALTH_PROBE_TIMEOUT_MS / 1000} s`)),
      HEALTH_PROBE_TIMEOUT_MS,
    );
  });
  try {
    return { ok: true, value: await Promise.race([check(), deadline]) };
  } catch (error) {
    return { ok: false, error: ((error as Error).message ?? String(error)).split("\n")[0]! };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What /healthz answers: 200 when the database answers, the scheduler ticks and every section could be
 * read; 503 otherwise. A chat platform in trouble is reported but does not make Liaison unhealthy: the
 * other platform, and the outbox that will deliver once it is back, are still working.
 */
export async function collectHealth(sources: HealthSources): Promise<HealthReport> {
  const databaseProbe = probe(sources.checkDatabase);
  const sections = await Promise.all(
    Object.entries(sources.sections ?? {}).map(async ([name, read]) => ({ name, result: await probe(read) })),
  );
  const db = await databaseProbe;
  const database: HealthReport["database"] = db.ok
    ? { ok: true, kind: sources.database.kind }
    : { ok: false, kind: sources.database.kind, error: db.error };
  const scheduler = sources.scheduler();
  return {
    status: database.ok && scheduler.alive && sections.every((s) => s.result.ok) ? "ok" : "unhealthy",
    version: sources.version,
    database,
    scheduler,
    platforms: sources.platforms(),
    directory: sources.directory(),
    ...Object.fromEntries(
      sections.map(({ name, result }) => [
        name,
        result.ok ? result.value : { ok: false, error: result.error },
      ]),
    ),
  };
}
