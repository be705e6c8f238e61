// Liaison as its own process, as IT runs it, for figures that need a process of their own: resident
// memory and start-up time. The bench process plays Slack (a fake Web API) and the hospital's
// traffic, so neither counts in Liaison's figures.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { SAMPLE_DIRECTORY_FILE } from "../test/support/sample-directory.ts";
import { SIGNING_SECRET } from "../test/support/slack-requests.ts";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** `compiled`: `npm run start:prod` (plain node on dist/); `tsx`: `npm start` (TypeScript on the fly). */
export type Build = "compiled" | "tsx";

export interface LiaisonProcess {
  child: ChildProcess;
  baseUrl: string;
  /** From spawning to the "Liaison is listening" log line. */
  startMs: number;
  /** Resident memory of Liaison's own process (Linux /proc), in MiB. */
  rssMiB(): number;
  stop(): Promise<void>;
}

/** `npm run build`, so the compiled figures are of the code being measured. */
export function buildOnce(): void {
  const r = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore" });
  if (r.status !== 0) throw new Error("npm run build failed; run it to see why");
}

function command(build: Build): [string, string[]] {
  return build === "compiled"
    ? [process.execPath, [path.join(ROOT, "dist/main.js")]]
    : [path.join(ROOT, "node_modules/.bin/tsx"), [path.join(ROOT, "src/main.ts")]];
}

/** The tsx CLI runs the service in a child of its own: the figure is that child's. */
function serviceRssMiB(pid: number): number {
  const read = (p: number) => readFileSync(`/proc/${p}/status`, "utf8");
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
  const target = children ? Number(children.split(" ").at(-1)) : pid;
  const kb = /VmRSS:\s+(\d+)/.exec(read(target))?.[1];
  return kb ? Number(kb) / 1024 : Number.NaN;
}

export async function startLiaisonProcess(
  build: Build,
  env: Record<string, string>,
): Promise<LiaisonProcess> {
  const [cmd, args] = command(build);
  const started = performance.now();
  const child = spawn(cmd, args, {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH ?? "",
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      LIAISON_DIRECTORY_FILE: SAMPLE_DIRECTORY_FILE,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      ...env,
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.includes('"Liaison is listening"'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once("exit", (code) => reject(new Error(`Liaison exited (${code}) before listening:\n${out}`)));
  });
  const startMs = performance.now() - started;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    baseUrl: `http://127.0.0.1:${port}`,
    startMs,
    rssMiB: () => serviceRssMiB(child.pid!),
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}
