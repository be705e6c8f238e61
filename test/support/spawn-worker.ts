import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const WORKER = fileURLToPath(new URL("./liaison-worker.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface Worker {
  child: ChildProcess;
  /** Lines printed so far. */
  lines: string[];
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** Starts a Liaison worker process (see liaison-worker.ts) on its own Prisma client. */
export function spawnWorker(
  url: string,
  now: Date,
  mode: "sweep" | "deliver" | "digest",
  delayMs = 0,
): Worker {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", WORKER, url, now.toISOString(), mode, String(delayMs)],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const lines: string[] = [];
  let partial = "";
  let errors = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    const text = partial + chunk.toString();
    const parts = text.split("\n");
    partial = parts.pop() ?? "";
    lines.push(...parts);
  });
  child.stderr!.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      if (code !== 0 && code !== null) process.stderr.write(`worker (${mode}) failed:\n${errors}\n`);
      resolve(code);
    }),
  );
  return { child, lines, exited };
}

export const deliveredKeys = (workers: Worker[]) =>
  workers.flatMap((w) => w.lines.filter((l) => l.startsWith("D ")).map((l) => l.slice(2)));
