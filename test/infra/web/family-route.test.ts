import type { Server } from "node:http";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LiaisonContext } from "../../../src/core/index.ts";
import type { FamilyPageCounts } from "../../../src/infra/store/family-page-counts.ts";
import { mountFamilyPages } from "../../../src/infra/web/family-route.ts";
import { roomCodeKeys, signRoomCode } from "../../../src/infra/web/room-code.ts";
import { startLiaison } from "../../../src/main.ts";
import { coreContext } from "../../support/core-context.ts";
import { familyDirectory, familyDirectoryFile, ROOM_CODE_SECRET } from "../../support/family-directory.ts";
import { testConfig } from "../../support/test-config.ts";

const keys = roomCodeKeys(ROOM_CODE_SECRET);
const code = signRoomCode(keys, "4w", "420");

/** The counts as the database keeps them, with a switch to play the database going down. */
function memoryCounts() {
  const rows = new Map<string, number>();
  const counts: FamilyPageCounts & { down: boolean } = {
    down: false,
    async add(key, windowStart) {
      if (counts.down) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
      const k = `${key}@${windowStart.toISOString()}`;
      rows.set(k, (rows.get(k) ?? 0) + 1);
      return rows.get(k)!;
    },
    prune: async () => 0,
  };
  return counts;
}

async function serve(ctx: LiaisonContext, counts: FamilyPageCounts, withKeys = true) {
  const app = express();
  mountFamilyPages(app, { ctx, keys: withKeys ? keys : undefined, counts });
  const server: Server = app.listen(0);
  await new Promise((r) => server.once("listening", r));
  return { server, base: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

const nonceOf = async (base: string) =>
  /name="nonce" value="([^"]+)"/.exec(await (await fetch(`${base}/family/${code}`)).text())![1]!;

const post = (base: string, fields: Record<string, string>) =>
  fetch(`${base}/family/${code}`, { method: "POST", body: new URLSearchParams(fields), redirect: "manual" });

describe("the family page when it is off", () => {
  it("is a 404 when the directory does not turn it on, even for a genuine code", async () => {
    const { server, base } = await serve(coreContext().ctx, memoryCounts());
    const res = await fetch(`${base}/family/${code}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("This page is not available");
    expect((await post(base, { description: "hello" })).status).toBe(404);
    server.close();
  });

  it("is a 404 when turned on without a secret (after a reload): no code can be read", async () => {
    const core = coreContext();
    const directory = familyDirectory();
    const { server, base } = await serve({ ...core.ctx, directory: () => directory }, memoryCounts(), false);
    expect((await fetch(`${base}/family/${code}`)).status).toBe(404);
    server.close();
  });

  it("start-up refuses a directory that turns it on without LIAISON_ROOM_CODE_SECRET, saying what to set", async () => {
    await expect(startLiaison(testConfig({ LIAISON_DIRECTORY_FILE: familyDirectoryFile() }))).rejects.toThrow(
      /LIAISON_ROOM_CODE_SECRET: is not set, but the directory file turns the family page on/,
    );
  });

  it("a secret shorter than 32 bytes is refused by the configuration check", () => {
    expect(() => testConfig({ LIAISON_ROOM_CODE_SECRET: "short" })).toThrow(/at least 32 bytes/);
  });
});

describe("the family page's answers when it cannot send", () => {
  let server: Server;
  let base = "";
  const counts = memoryCounts();
  const core = coreContext("2026-11-24T20:00:00Z");
  beforeAll(async () => {
    const directory = familyDirectory();
    ({ server, base } = await serve({ ...core.ctx, directory: () => directory }, counts));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("the database down: the form again with their words, and whom to tell instead (503)", async () => {
    counts.down = true;
    const res = await post(base, {
      lang: "en",
      nonce: await nonceOf(base),
      description: "Nobody came.",
      contact: "Ana",
    });
    counts.down = false;
    expect(res.status).toBe(503);
    const page = await res.text();
    expect(page).toContain("We could not send this. Please tell your nurse or call 4100.");
    expect(page).toMatch(/>\n?Nobody came.<\/textarea>/);
    expect(page).toContain('value="Ana"');
    expect(core.logger.lines.some((e) => JSON.stringify(e).includes("Nobody came"))).toBe(false);
  });

  it("a form left open past its key's lifetime is shown again with the words, not sent", async () => {
    const res = await post(base, { lang: "es", nonce: "old.key.forged", description: "Hace frío." });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain("Esta página estuvo abierta mucho tiempo");
    expect(page).toMatch(/>\n?Hace frío.<\/textarea>/);
  });

  it("a body over 8 kB is refused unread with a kind page (413)", async () => {
    const res = await post(base, { lang: "en", nonce: "x", description: "x".repeat(9000) });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("That was too long to send.");
  });

  it("over the address's hourly limit (10 rooms from one phone): refused with 429", async () => {
    const other = (room: string) => signRoomCode(keys, "4w", room);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const roomCode = other(`5${String(i).padStart(2, "0")}`);
      const form = await (await fetch(`${base}/family/${roomCode}`)).text();
      const nonce = /name="nonce" value="([^"]+)"/.exec(form)![1]!;
      const res = await fetch(`${base}/family/${roomCode}`, {
        method: "POST",
        body: new URLSearchParams({ lang: "en", nonce, description: `Room ${i}` }),
        redirect: "manual",
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 303)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
