import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeBotConnector } from "../support/fake-bot-connector.ts";
import { SAMPLE_DIRECTORY_FILE } from "../support/sample-directory.ts";
import { botAddedToTeam, cardAction, NURSE, postActivity } from "../support/teams-activities.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Starts `npm run start:prod`'s command and resolves with the port from "Liaison is listening". */
function startCompiled(env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [path.join(ROOT, "dist/main.js")], {
    cwd: tmpdir(), // IT may start it from anywhere: everything is found relative to dist/
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.includes('"Liaison is listening"'));
      if (line) resolve({ child, port: (JSON.parse(line) as { port: number }).port });
    });
    child.once("exit", (code) => reject(new Error(`exited ${code} before listening:\n${out}`)));
  });
}

describe("the compiled build IT runs in production (npm run build, then node dist/main.js)", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "liaison-compiled-"));
  const connector = new FakeBotConnector();
  let liaison: { child: ChildProcess; port: number };

  beforeAll(async () => {
    const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8" });
    expect(build.status, build.stdout + build.stderr).toBe(0);
    await connector.start();
    liaison = await startCompiled({
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      LIAISON_DATA_DIR: dataDir,
      LIAISON_DIRECTORY_FILE: SAMPLE_DIRECTORY_FILE,
      LIAISON_LETTER_TEMPLATE_FILE: fileURLToPath(
        new URL("../../config/grievance-letter.yaml", import.meta.url),
      ),
      TEAMS_LOCAL_MODE: "true",
    });
  }, 180_000);
  afterAll(async () => {
    if (liaison) {
      const exited = new Promise((resolve) => liaison.child.once("exit", resolve));
      liaison.child.kill("SIGTERM");
      await exited;
    }
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("starts on the embedded database and raises a concern from Teams, answering with its card", async () => {
    const base = `http://127.0.0.1:${liaison.port}`;
    expect((await postActivity(base, botAddedToTeam(connector.url))).status).toBe(200);
    const form = { unit: "4W", room: "412", category: "pain", severity: "high", grievance: "false" };
    const res = await postActivity(
      base,
      cardAction(connector.url, NURSE, "liaison.raise", { ...form, description: "Call light ignored." }),
    );
    expect(res.status).toBe(200);
    // The answer is an Adaptive Card expanded from adaptive-cards/, found from dist/.
    const answer = JSON.stringify(await res.json());
    expect(answer).toContain("AdaptiveCard");
    expect(answer).toMatch(/PR-\d{4}-\d{5}/);
    expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({
      database: { ok: true, kind: "embedded" },
    });
  });
});
