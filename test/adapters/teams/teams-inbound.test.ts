import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startLiaison, type RunningLiaison } from "../../../src/main.ts";
import { testConfig } from "../../support/test-config.ts";
import type { FakeBotConnector } from "../../support/fake-bot-connector.ts";
import { cardAction, LEE, NURSE, postActivity } from "../../support/teams-activities.ts";
import { startTeamsLiaison, TEAMS_FORM } from "../../support/teams-liaison.ts";

const text = (value: unknown) => JSON.stringify(value);

describe("Teams activities that arrive twice or carry what a database cannot store", () => {
  let liaison: RunningLiaison;
  let connector: FakeBotConnector;
  let baseUrl: string;
  const send = async (activity: unknown) => {
    const res = await postActivity(baseUrl, activity);
    expect(res.status).toBe(200);
    return (await res.json()) as { value: unknown };
  };

  let rig: Awaited<ReturnType<typeof startTeamsLiaison>>;
  beforeAll(async () => {
    rig = await startTeamsLiaison();
    ({ liaison, connector, baseUrl } = rig);
  });
  afterAll(async () => {
    await rig?.stop();
  });

  async function raise(description: string, from = NURSE) {
    const answer = await send(
      cardAction(connector.url, from, "liaison.raise", { ...TEAMS_FORM, description }),
    );
    const reference = /PR-\d{4}-\d{5}/.exec(text(answer.value))![0];
    return (await liaison.context.concerns.findByReference(reference))!;
  }

  it("the same raise re-posted (same activity id) makes one concern; the replay is told nothing changed", async () => {
    const description = "Replayed in Teams: patient asking for the charge nurse.";
    const activity = cardAction(connector.url, NURSE, "liaison.raise", { ...TEAMS_FORM, description });
    await send(activity);
    const replay = await send(activity);
    expect(text(replay.value)).toContain("already received this; nothing more was changed");
    const raised = (
      await liaison.context.concerns.listOpenInvolving(`teams:${NURSE.aadObjectId}`, 100)
    ).filter((c) => c.description === description);
    expect(raised).toHaveLength(1);
  });

  it("a re-posted note is added once", async () => {
    const concern = await raise("Family waiting at the desk.");
    const note = cardAction(connector.url, LEE, "liaison.addNote.submit", {
      concernId: concern.id,
      text: "Spoke with the family.",
    });
    await send(note);
    await send(note);
    const trail = await liaison.context.concerns.auditTrail(concern.id);
    expect(trail.filter((e) => e.type === "note-added")).toHaveLength(1);
  });

  it("NUL and lone surrogates in the form or the display name are cleaned, and the concern is saved", async () => {
    const from = { ...NURSE, name: "A\u0000 Nurse \uDC00" };
    const concern = await raise("Pain\u0000 not controlled \uD800 after the dose", from);
    expect(concern.description).toBe("Pain not controlled \uFFFD after the dose");
    const noted = await send(
      cardAction(connector.url, LEE, "liaison.addNote.submit", {
        concernId: concern.id,
        text: "ok\u0000 \uD83D",
      }),
    );
    expect(text(noted.value)).not.toContain("Something went wrong");
    const trail = await liaison.context.concerns.auditTrail(concern.id);
    expect(trail.find((e) => e.type === "note-added")?.detail).toMatchObject({ note: "ok \uFFFD" });
  });

  it("a card naming no concern Liaison knows answers that the concern no longer exists", async () => {
    for (const verb of ["liaison.acknowledge", "liaison.addNote.submit", "liaison.refresh"]) {
      const answer = await send(cardAction(connector.url, LEE, verb, { concernId: "1' OR 1=1", text: "x" }));
      expect(text(answer.value)).toContain("That concern no longer exists.");
    }
  });
});

describe("/api/messages refusing what is not a Bot Framework activity", () => {
  let liaison: RunningLiaison;
  let url: string;
  const errors = vi.spyOn(console, "error");
  const stderr = vi.spyOn(process.stderr, "write");
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer made.up.token", ...headers },
      body,
    });
  /** A short JSON answer with no stack trace or server path in it, and nothing written to stderr. */
  const expectRefusal = async (res: Response, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = await res.text();
    expect(JSON.parse(body)).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    expect(body).not.toMatch(/ at |node_modules|\/src\//);
    expect(body.length).toBeLessThan(200);
    expect(errors).not.toHaveBeenCalled();
    expect(stderr).not.toHaveBeenCalled();
  };

  beforeAll(async () => {
    liaison = await startLiaison(
      testConfig({
        MICROSOFT_APP_ID: "6f1c2a8e-5b7d-4c3e-9a10-2b4d6e8f0a1c",
        MICROSOFT_APP_PASSWORD: "not-a-real-secret",
        MICROSOFT_APP_TENANT_ID: "56653e9d-2158-46ee-90d7-675c39642038",
      }),
    );
    url = `http://127.0.0.1:${liaison.port}/api/messages`;
  });
  afterEach(() => {
    errors.mockClear();
    stderr.mockClear();
  });
  afterAll(async () => {
    errors.mockRestore();
    stderr.mockRestore();
    await liaison?.stop();
  });

  it("malformed JSON is a 400", async () => {
    await expectRefusal(await post('{"type": "message",'), 400);
  });

  it("a body in another charset is a 415, and so is a body that is not JSON at all", async () => {
    await expectRefusal(await post("{}", { "content-type": "application/json; charset=latin1" }), 415);
    await expectRefusal(await post("hello", { "content-type": "text/plain" }), 415);
  });

  it("a body over 1 MB is a 413", async () => {
    await expectRefusal(await post(JSON.stringify({ type: "message", text: "x".repeat(1_100_000) })), 413);
  });

  it("`{}` is a 400; with no token at all, anything is a 401 before its body is read", async () => {
    await expectRefusal(await post("{}"), 400);
    await expectRefusal(await post("{}", { authorization: "" }), 401);
    await expectRefusal(await post("not json", { authorization: "" }), 401);
  });

  it("an activity with a made-up token is a 401", async () => {
    const activity = cardAction("https://smba.trafficmanager.net/amer/", NURSE, "liaison.raise", TEAMS_FORM);
    await expectRefusal(await post(JSON.stringify(activity)), 401);
  });
});
