import { fork } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

export interface PgliteThreadOptions {
  dataDir: string;
  /** Where to serve; absent: create the database folder, then end. */
  socketPath?: string;
}

export type PgliteThreadMessage = { type: "ready" } | { type: "stop" };

export interface PgliteThread {
  /** The folder holding the Unix socket: `pg`'s `host` (the socket is `.s.PGSQL.5432` in it). */
  socketDir: string;
  worker: Worker;
  /** Stops serving, checkpoints and closes PGlite (the thread then exits by itself). */
  stop(): Promise<void>;
}

/** How long a clean close may take before the thread is ended anyway. */
const STOP_TIMEOUT_MS = 30_000;

/** The compiled build runs the worker's `.js`; from source (tsx, vitest), its `.ts` through tsx. */
const compiled = import.meta.url.endsWith(".js");
const entry = new URL(`./pglite-server.worker.${compiled ? "js" : "ts"}`, import.meta.url);

/** From source, the thread registers tsx first: Node 20 does not pass the loader to worker threads. */
function spawn(options: PgliteThreadOptions): Worker {
  // The thread's JavaScript only shuttles protocol bytes: a small young generation is plenty, and
  // V8's default (up to 48 MB) would stay resident for nothing.
  const settings = { workerData: options, resourceLimits: { maxYoungGenerationSizeMb: 6 } };
  if (compiled) return new Worker(entry, settings);
  const boot = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})
    .then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { ...settings, eval: true });
}

function died(dataDir: string, code: number, error: Error | undefined): Error {
  const why = error ? `: ${error.message}` : "";
  return new Error(
    `The embedded database (PGlite in ${dataDir}) stopped unexpectedly (thread exit code ${code})${why}. Every change committed before this is in the data folder; restart Liaison to reopen it.`,
    { cause: error },
  );
}

/**
 * Creating a database folder (initdb) leaves PGlite holding about 450 MB, and a thread that ends
 * still leaves some 90 MB with the process's allocator; so a first start creates the folder in a
 * short-lived process of its own.
 */
async function createDatabaseFolder(dataDir: string): Promise<void> {
  const child = fork(fileURLToPath(entry), [JSON.stringify({ dataDir } satisfies PgliteThreadOptions)], {
    execArgv: compiled ? [] : ["--import", import.meta.resolve("tsx")],
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) {
    const why = /^\w*Error: .*$/m.exec(stderr)?.[0] ?? `exit code ${code}`;
    throw new Error(`Could not create the embedded database in ${dataDir}: ${why}`);
  }
}

/**
 * Starts PGlite on its own thread, serving the PostgreSQL protocol on a Unix socket in a fresh
 * private folder (only this user can connect; no TCP port is opened). Resolves once it accepts
 * connections; `onDeath` hears of the thread ending without `stop()` being asked for.
 */
export async function startPgliteThread(
  dataDir: string,
  onDeath: (error: Error) => void,
): Promise<PgliteThread> {
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await createDatabaseFolder(dataDir);
  const socketDir = mkdtempSync(path.join(tmpdir(), "liaison-pglite-"));
  const worker = spawn({ dataDir, socketPath: path.join(socketDir, ".s.PGSQL.5432") });
  let lastError: Error | undefined;
  let stopping = false;
  const exited = new Promise<number>((resolve) => worker.once("exit", resolve));
  worker.on("error", (error) => (lastError = error));

  const ready = await new Promise<boolean>((resolve) => {
    worker.on("message", (m: PgliteThreadMessage) => m.type === "ready" && resolve(true));
    void exited.then(() => resolve(false));
  });
  if (!ready) {
    rmSync(socketDir, { recursive: true, force: true });
    throw lastError ?? died(dataDir, await exited, undefined);
  }
  void exited.then((code) => {
    rmSync(socketDir, { recursive: true, force: true });
    if (!stopping) onDeath(died(dataDir, code, lastError));
  });

  return {
    socketDir,
    worker,
    stop: async () => {
      stopping = true;
      worker.postMessage({ type: "stop" } satisfies PgliteThreadMessage);
      const timer = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
      if (lastError) throw lastError;
    },
  };
}
