import { describe, expect, it } from "vitest";
import { Scheduler } from "../../src/infra/scheduler/scheduler.ts";
import { RecordingLogger } from "../support/recording-logger.ts";

/** A job whose runs block until the test lets them finish. */
function gatedJob() {
  const runs: (() => void)[] = [];
  return {
    runs,
    job: {
      name: "deliver",
      schedule: "0 0 1 1 *",
      run: () => new Promise<void>((resolve) => runs.push(resolve)),
    },
  };
}

describe("the scheduler", () => {
  it("a wake-up that arrives while delivery is running is kept: delivery runs once more afterwards", async () => {
    const scheduler = new Scheduler(new RecordingLogger(), () => new Date());
    const { job, runs } = gatedJob();
    scheduler.add(job);

    const first = scheduler.runNow("deliver");
    // A new card was written while the first run was past its claim: it must not wait for a tick.
    const second = scheduler.runNow("deliver");
    const third = scheduler.runNow("deliver");
    expect(runs).toHaveLength(1);

    runs[0]!();
    await new Promise((r) => setImmediate(r));
    expect(runs).toHaveLength(2); // the two requests made meanwhile share one rerun
    runs[1]!();
    await Promise.all([first, second, third]);
    expect(runs).toHaveLength(2);
    expect(scheduler.health().jobs[0]!.running).toBe(false);
  });

  it("a failing run is logged, and the job still runs when asked again", async () => {
    const logger = new RecordingLogger();
    const scheduler = new Scheduler(logger, () => new Date());
    let calls = 0;
    scheduler.add({
      name: "sweep",
      schedule: "0 0 1 1 *",
      run: async () => {
        calls++;
        if (calls === 1) throw new Error("database unavailable");
      },
    });
    await scheduler.runNow("sweep");
    expect(scheduler.health().jobs[0]!.lastError).toBe("database unavailable");
    await scheduler.runNow("sweep");
    expect(calls).toBe(2);
    expect(scheduler.health().jobs[0]!.lastError).toBeUndefined();
    expect(logger.lines.map((l) => l.message)).toEqual(["scheduled job failed"]);
  });

  it("a job added once started is scheduled at once; a removed one is gone", async () => {
    const scheduler = new Scheduler(new RecordingLogger(), () => new Date());
    scheduler.start();
    let runs = 0;
    scheduler.add({ name: "digest:a:0", schedule: "* * * * * *", run: async () => void runs++ });
    await waitUntil(() => runs > 0);
    await scheduler.remove("digest:a:0");
    expect(scheduler.names()).toEqual([]);
    expect(scheduler.health().jobs).toEqual([]);
    await expect(scheduler.runNow("digest:a:0")).rejects.toThrow("No scheduled job named digest:a:0");
    await scheduler.stop();
  });
});

async function waitUntil(ok: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}
