import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Clock } from "../../src/core/ports/clock.port.ts";
import { startLiaison, type RunningLiaison } from "../../src/main.ts";
import { FakeSlackApi } from "./fake-slack-api.ts";
import { testConfig, watchedLog } from "./test-config.ts";
import { SIGNING_SECRET } from "./slack-requests.ts";

/** The whole service, in-process, with Slack's Web API played by a local fake. */
export async function startSlackLiaison(
  options: {
    dataDir?: string;
    slack?: FakeSlackApi;
    clock?: Clock;
    config?: Record<string, string>;
    databaseUrl?: string;
  } = {},
) {
  const slack = options.slack ?? new FakeSlackApi();
  if (!slack.url) await slack.start();
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "liaison-slack-"));
  const log = watchedLog();
  const config = testConfig({
    ...log.config,
    LIAISON_DATA_DIR: dataDir,
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.url,
    ...options.config,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  });
  const liaison: RunningLiaison = await startLiaison(config, options.clock, log.options);
  return { liaison, slack, dataDir, baseUrl: `http://127.0.0.1:${liaison.port}` };
}

/** Polls until `find` returns something (the outbox delivers asynchronously), or fails after `ms`. */
export async function waitFor<T>(
  find: () => T | undefined | Promise<T | undefined>,
  ms = 8000,
  what = "condition",
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await find();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
