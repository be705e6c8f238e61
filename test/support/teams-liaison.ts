import { expect } from "vitest";
import { startLiaison, type RunningLiaison } from "../../src/main.ts";
import { FakeBotConnector } from "./fake-bot-connector.ts";
import { testConfig, watchedLog } from "./test-config.ts";
import { botAddedToTeam, cardAction, postActivity, type TeamsUser } from "./teams-activities.ts";

/** A pain concern as the Teams form sends it (every value a string, the toggle "true"/"false"). */
export const TEAMS_FORM = {
  unit: "4W",
  room: "412",
  patientReference: "E20260417",
  category: "pain",
  severity: "high",
  description: "Call light ignored 40 minutes.",
  grievance: "false",
} as const;

export interface InvokeAnswer {
  statusCode: number;
  type: string;
  value: Record<string, unknown>;
}

/**
 * Liaison on the embedded store with Teams in local mode, installed in the sample team, and the Bot
 * Connector played by a local server: what every Teams story over /api/messages starts from.
 */
export async function startTeamsLiaison(
  config: Record<string, string> = {},
  connector = new FakeBotConnector(),
) {
  if (!connector.url) await connector.start();
  const log = watchedLog();
  const liaison: RunningLiaison = await startLiaison(
    testConfig({ ...log.config, TEAMS_LOCAL_MODE: "true", ...config }),
    undefined,
    log.options,
  );
  const baseUrl = `http://127.0.0.1:${liaison.port}`;
  // Installing the app in a team is what lets Liaison post there later.
  expect((await postActivity(baseUrl, botAddedToTeam(connector.url))).status).toBe(200);
  /** A person presses an Action.Execute button; the answer is the card they see now. */
  const invoke = async (from: TeamsUser, verb: string, data: Record<string, unknown>) => {
    const res = await postActivity(baseUrl, cardAction(connector.url, from, verb, data));
    expect(res.status).toBe(200);
    return (await res.json()) as InvokeAnswer;
  };
  const stop = async () => {
    await liaison.stop();
    await connector.stop();
  };
  return { liaison, connector, baseUrl, invoke, stop };
}
