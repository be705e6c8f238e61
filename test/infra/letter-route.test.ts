import type { Server } from "node:http";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asConcernId, type StoredLetter } from "../../src/core/index.ts";
import { mountLetterRoute } from "../../src/infra/http/letter-route.ts";
import type { PrismaLetterStore } from "../../src/infra/store/prisma-letter-store.ts";
import { RecordingLogger } from "../support/recording-logger.ts";

const TOKEN = "AbCdEfGhIjKlMnOpQrStUv";
const LETTER: StoredLetter = {
  id: "0b8f6c1e-2d3a-4e5f-8a9b-0c1d2e3f4a5b",
  concernId: asConcernId("1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d"),
  kind: "final",
  language: "en",
  fileName: "PR-2026-00042-grievance-notice-en.pdf",
  pdf: new TextEncoder().encode("%PDF-1.3 test"),
  token: TOKEN,
  createdAt: new Date("2026-11-29T15:00:00Z"),
};

describe("GET /letters/<token>.pdf", () => {
  let server: Server;
  let base = "";
  let storeDown = false;
  const opened: { id: string; from: string }[] = [];
  beforeAll(async () => {
    const app = express();
    const store = {
      byToken: async (token: string) => {
        if (storeDown) throw new Error("connection refused");
        return token === TOKEN ? LETTER : undefined;
      },
    } as unknown as PrismaLetterStore;
    mountLetterRoute(app, store, new RecordingLogger(), async (letter, from) => {
      opened.push({ id: letter.id, from });
    });
    server = app.listen(0);
    await new Promise((r) => server.once("listening", r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("serves the letter by its token, inline, never cached, sending no referrer", async () => {
    const res = await fetch(`${base}/letters/${TOKEN}.pdf`);
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      "content-type": "application/pdf",
      "content-disposition": 'inline; filename="PR-2026-00042-grievance-notice-en.pdf"',
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
    });
    expect(await res.text()).toBe("%PDF-1.3 test");
    // Each opening is recorded, with where it came from.
    expect(opened).toEqual([{ id: LETTER.id, from: expect.stringContaining("127.0.0.1") }]);
  });

  it("any other token, or anything that is not one, is a plain 404 that says where letters open from", async () => {
    for (const path of [
      `/letters/${TOKEN.replace("A", "B")}.pdf`,
      "/letters/..%2Fetc.pdf",
      `/letters/${TOKEN}`,
    ]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain("Open it from the link Liaison sent you.");
    }
  });

  it("while the store is down, a 503 that says to try again", async () => {
    storeDown = true;
    const res = await fetch(`${base}/letters/${TOKEN}.pdf`);
    storeDown = false;
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("try again in a minute");
  });
});
