import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../src/main.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface LiaisonProcess {
  child: ChildProcess;
  /** Everything printed so far on stdout and stderr. */
  stdout: () => string;
  stderr: () => string;
  /** The exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Resolves once stdout has a line matching `pattern`; rejects if the process exits first. */
  waitForLog(pattern: RegExp, ms?: number): Promise<string>;
  stop(): Promise<number | null>;
}

/**
 * `npm start` as IT runs it: a separate process with only the given environment (plus PATH), so a test
 * sees exactly what is printed and the exit code, as a person at the console would.
 */
export function runLiaisonProcess(env: Record<string, string>): LiaisonProcess {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    async waitForLog(pattern, ms = 20_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const line = out.split("\n").find((l) => pattern.test(l));
        if (line) return line;
        if (!running) throw new Error(`Liaison exited before logging ${pattern}:\n${out}\n${err}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${out}\n${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      if (running) child.kill("SIGTERM");
      return exited;
    },
  };
}
