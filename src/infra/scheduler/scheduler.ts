import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "../../core/index.ts";

export interface Job {
  name: string;
  /** A node-cron expression; six fields (with seconds) for sub-minute jobs. */
  schedule: string;
  /** Zone the expression is read in: the hospital's, for digests at 07:00 local time. */
  timeZone?: string;
  /** A frequent job that has not finished a run for this long makes the scheduler unhealthy. */
  staleAfterMs?: number;
  run: () => Promise<void>;
}

export interface JobStatus {
  name: string;
  schedule: string;
  lastStartedAt?: string;
  lastFinishedAt?: string;
  lastError?: string;
  running: boolean;
}

interface Entry {
  job: Job;
  task: ScheduledTask;
  /** The run in progress, with any reruns asked for meanwhile. */
  running?: Promise<void>;
  /** Asked to run while running: what changed may not have been seen, so run once more after. */
  again: boolean;
  lastStartedAt?: Date;
  lastFinishedAt?: Date;
  lastError?: string;
}

/**
 * node-cron wiring only: when a job's time comes, call it; never run two of the same job at once in
 * this process (instances coordinate through the database, not here); log failures and go on. A
 * request that arrives during a run is kept: the job runs once more when the current run ends.
 */
export class Scheduler {
  private readonly entries = new Map<string, Entry>();
  private startedAt?: Date;

  /**
   * `finished` hears how long each run took, in seconds of wall time (for /metrics: the injected
   * clock tells business time, which a test may hold still).
   */
  constructor(
    private readonly logger: Logger,
    private readonly now: () => Date,
    private readonly finished?: (job: string, seconds: number) => void,
  ) {}

  /** Adds a job; on a scheduler already started (a directory reload's digests), it starts at once. */
  add(job: Job): void {
    const task = cron.createTask(job.schedule, () => this.runNow(job.name), {
      name: job.name,
      timezone: job.timeZone,
    });
    this.entries.set(job.name, { job, task, again: false });
    if (this.startedAt !== undefined) void task.start();
  }

  /** Job names, in the order they were added. */
  names(): string[] {
    return [...this.entries.keys()];
  }

  /** Stops a job and forgets it; a run in progress finishes. */
  async remove(name: string): Promise<void> {
    const entry = this.entries.get(name);
    if (!entry) return;
    this.entries.delete(name);
    await entry.task.destroy();
  }

  /**
   * Runs a job now (also used at start-up to catch up at once). If it is already running, it runs
   * again right after; requests made meanwhile share that one rerun. Resolves when the runs are done.
   */
  runNow(name: string): Promise<void> {
    const entry = this.entries.get(name);
    if (!entry) return Promise.reject(new Error(`No scheduled job named ${name}`));
    if (entry.running) {
      entry.again = true;
      return entry.running;
    }
    entry.running = (async () => {
      do {
        entry.again = false;
        await this.runOnce(entry);
      } while (entry.again);
      entry.running = undefined;
    })();
    return entry.running;
  }

  private async runOnce(entry: Entry): Promise<void> {
    entry.lastStartedAt = this.now();
    const started = performance.now();
    try {
      await entry.job.run();
      entry.lastError = undefined;
    } catch (error) {
      entry.lastError = (error as Error).message;
      this.logger.error({ job: entry.job.name, err: (error as Error).message }, "scheduled job failed");
    } finally {
      entry.lastFinishedAt = this.now();
      this.finished?.(entry.job.name, (performance.now() - started) / 1000);
    }
  }

  start(): void {
    this.startedAt = this.now();
    // node-cron starts a task synchronously; the promise it returns only reports that it has.
    for (const entry of this.entries.values()) void entry.task.start();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => e.task.stop()));
    this.startedAt = undefined;
  }

  /** Alive: started, and every frequent job has finished a run recently. */
  health(): { alive: boolean; jobs: JobStatus[] } {
    const now = this.now().getTime();
    const entries = [...this.entries.values()];
    const fresh = (e: Entry) => {
      if (e.job.staleAfterMs === undefined) return true;
      const last = e.lastFinishedAt ?? this.startedAt;
      return last !== undefined && now - last.getTime() <= e.job.staleAfterMs;
    };
    return {
      alive: this.startedAt !== undefined && entries.every(fresh),
      jobs: entries.map((e) => ({
        name: e.job.name,
        schedule: e.job.schedule,
        lastStartedAt: e.lastStartedAt?.toISOString(),
        lastFinishedAt: e.lastFinishedAt?.toISOString(),
        lastError: e.lastError,
        running: e.running !== undefined,
      })),
    };
  }
}
