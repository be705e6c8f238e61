import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlackLiaison, waitFor } from "../../support/slack-liaison.ts";
import { interactionBody, postToSlackEndpoint, viewSubmissionPayload } from "../../support/slack-requests.ts";
import { createPostgresDatabase } from "../../support/test-database.ts";

const NURSE = { id: "U04NIAOKF01", name: "nia.okafor" };
const SUBMITS = 600;

describe("a burst of concerns on PostgreSQL (defect 14)", () => {
  let db: Awaited<ReturnType<typeof createPostgresDatabase>>;
  beforeAll(async () => {
    db = await createPostgresDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it(`${SUBMITS} nurses submitting at once: each is either saved or asked to try again with her form still open; nobody is told "NOT saved"`, async () => {
    const { liaison, slack, baseUrl } = await startSlackLiaison({ databaseUrl: db.url });
    try {
      const answers = await Promise.all(
        Array.from({ length: SUBMITS }, async (_, i) => {
          const res = await postToSlackEndpoint(
            baseUrl,
            interactionBody(
              viewSubmissionPayload(NURSE, "liaison_concern", {
                unit: "4W",
                room: String(100 + i),
                category: "pain",
                severity: "high",
                description: `Pain not controlled, bed ${i}.`,
              }),
            ),
            "application/x-www-form-urlencoded",
          );
          return { status: res.status, body: await res.text() };
        }),
      );
      expect(answers.every((a) => a.status === 200)).toBe(true);
      const acknowledged = answers.filter((a) => a.body === "").length;
      const refused = answers.filter((a) => a.body !== "");
      for (const r of refused) {
        expect(JSON.parse(r.body)).toEqual({
          response_action: "errors",
          errors: { description: expect.stringMatching(/^Liaison is busy, try again/) },
        });
      }
      const saved = () => liaison.context.concerns.listOpenInvolving("person:nia.okafor", SUBMITS * 2);
      await waitFor(
        async () => ((await saved()).length >= acknowledged ? true : undefined),
        60_000,
        "every acknowledged concern to be stored",
      ).catch(() => undefined);
      const notSaved = slack
        .callsTo("chat.postMessage")
        .filter((c) => String(c.args.text).includes("NOT saved"));
      expect(notSaved).toHaveLength(0);
      expect((await saved()).length).toBe(acknowledged);
    } finally {
      await liaison.stop();
      await slack.stop();
    }
  }, 120_000);
});
