import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Concern } from "../../../src/core/index.ts";
import { asDepartmentId } from "../../../src/core/ids.ts";
import { roomCodeKeys, signRoomCode } from "../../../src/infra/web/room-code.ts";
import { familyDirectoryFile, ROOM_CODE_SECRET } from "../../support/family-directory.ts";
import { launchBrowser, phonePage } from "../../support/headless-browser.ts";
import { startSlackLiaison, waitFor } from "../../support/slack-liaison.ts";

const keys = roomCodeKeys(ROOM_CODE_SECRET);
const codeFor = (room: string, unit = "4w") => signRoomCode(keys, unit, room);
/** The one browser call the tests make that Node's types do not know. */
type BrowserWindow = { getComputedStyle: (e: unknown) => { fontSize: string } };
const HOSTILE = `<script>alert(1)</script> "><img src=x onerror=alert(1)> *bold* <@U04SAMRVR02> <!channel>`;

describe("the family page in a real browser, through the whole service", () => {
  let service: Awaited<ReturnType<typeof startSlackLiaison>>;
  let browser: Browser;
  let base = "";

  beforeAll(async () => {
    service = await startSlackLiaison({
      config: { LIAISON_DIRECTORY_FILE: familyDirectoryFile(), LIAISON_ROOM_CODE_SECRET: ROOM_CODE_SECRET },
    });
    base = service.baseUrl;
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await service?.liaison.stop();
    await service?.slack.stop();
  });

  const concernsIn = (room: string): Promise<Concern[]> =>
    service.liaison.context.concerns
      .listOpenByDepartment(asDepartmentId("patient-relations"), 100)
      .then((all) => all.filter((c) => c.room === room));

  /** Opens the room's page on a phone, types, presses Send; the response the browser landed on. */
  async function send(room: string, words: { description?: string; contact?: string }) {
    const { page, problems } = await phonePage(browser);
    await page.goto(`${base}/family/${codeFor(room)}`);
    if (words.description) await page.type("#description", words.description);
    if (words.contact) await page.type("#contact", words.contact);
    const [response] = await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
    return { page, problems, status: response?.status() };
  }

  const text = (page: Page) => page.$eval("main", (m) => m.textContent ?? "");

  it("a family member fills in the form and sees what happens next; the liaison's channel gets the card", async () => {
    const { page, problems } = await phonePage(browser);
    await page.goto(`${base}/family/${codeFor("412")}`);
    expect(await page.$eval("html", (h) => h.lang)).toBe("en");
    const shown = await text(page);
    expect(shown).toContain("In an emergency, press the call button or dial 5555 now.");
    expect(shown).toContain("Room 412, 4 West");
    expect(shown).toContain("usually within an hour"); // the moderate policy: acknowledge within 1h
    expect(await page.$eval("#description", (t) => t.getAttribute("maxlength"))).toBe("2000");
    // Large text: the description's label is at least 20 px, the button easy to press.
    expect(
      await page.$eval("label", (l) =>
        parseFloat((globalThis as unknown as BrowserWindow).getComputedStyle(l).fontSize),
      ),
    ).toBeGreaterThanOrEqual(20);

    await page.type("#description", "Nobody has changed my mother's dressing since this morning.");
    await page.type("#contact", "Ana, 312 555 0101");
    const [landed] = await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
    expect(landed?.status()).toBe(200);
    expect(page.url()).toBe(`${base}/family/${codeFor("412")}/sent?lang=en`);
    const confirmation = await text(page);
    expect(confirmation).toContain("Thank you. We have your message.");
    expect(confirmation).toContain("Someone will come to the room or call you");
    // Nothing they typed is on the confirmation, nor in its address.
    expect(confirmation).not.toContain("dressing");
    expect(confirmation).not.toContain("Ana");
    expect(problems).toEqual([]);

    const [concern] = await concernsIn("412");
    expect(concern).toMatchObject({
      unit: "4w",
      room: "412",
      category: "communication",
      grievanceCandidate: true,
      familyContact: "Ana, 312 555 0101",
      reporter: { key: "family:4w:412", platform: "api" },
    });
    const trail = await service.liaison.context.concerns.auditTrail(concern!.id);
    expect(trail.map((e) => e.type)).toEqual(
      expect.arrayContaining(["created", "routed", "family-page-sent"]),
    );
    const sent = trail.find((e) => e.type === "family-page-sent")!;
    expect(sent.detail).toMatchObject({ keyId: keys.current.id, language: "en", contactLeft: true });
    expect(JSON.stringify(trail)).not.toContain("127.0.0.1");
    const card = await waitFor(() =>
      service.slack
        .callsTo("chat.postMessage")
        .find((c) => c.args.channel === "C04PTRELS03" && JSON.stringify(c.args).includes("dressing")),
    );
    expect(JSON.stringify(card.args)).toContain("Raised by a patient or family member: may be a grievance.");
    await waitFor(
      async () => {
        const types = (await service.liaison.context.concerns.auditTrail(concern!.id)).map((e) => e.type);
        return types.includes("card-posted") || undefined;
      },
      8000,
      "the card-posted event",
    );
  });

  it("the same form sent again (a double tap, a reloaded POST) is refused and makes no second concern", async () => {
    const { page } = await phonePage(browser);
    await page.goto(`${base}/family/${codeFor("413")}`);
    const nonce = await page.$eval("input[name=nonce]", (i) => (i as unknown as { value: string }).value);
    await page.type("#description", "The call light is not working.");
    await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
    const again = await fetch(`${base}/family/${codeFor("413")}`, {
      method: "POST",
      body: new URLSearchParams({
        lang: "en",
        nonce,
        description: "The call light is not working.",
        contact: "",
      }),
      redirect: "manual",
    });
    expect(again.status).toBe(409);
    const body = await again.text();
    expect(body).toContain("This message was already sent.");
    expect(body).not.toContain("call light");
    expect(await concernsIn("413")).toHaveLength(1);
  });

  it("a code changed to another room is refused with a page that says nothing about why", async () => {
    const [payload, signature] = codeFor("414").split(".");
    const decoded = JSON.parse(Buffer.from(payload!, "base64url").toString()) as string[];
    const forged = `${Buffer.from(JSON.stringify([decoded[0], "4w", "415"])).toString("base64url")}.${signature}`;
    const { page } = await phonePage(browser);
    const response = await page.goto(`${base}/family/${forged}`);
    expect(response?.status()).toBe(404);
    expect(await text(page)).toContain("This page is not available");
    expect(await text(page)).not.toMatch(/415|4 West|signature|unit/i);
    expect(await page.$("form")).toBeNull();
    const posted = await fetch(`${base}/family/${forged}`, {
      method: "POST",
      body: new URLSearchParams({ description: "forged" }),
    });
    expect(posted.status).toBe(404);
    // A unit the directory does not have, even signed, is refused too.
    expect((await fetch(`${base}/family/${codeFor("101", "9z")}`)).status).toBe(404);
  });

  it("over the room's hourly limit: a kind page with the emergency sentence, not the form", async () => {
    for (let i = 0; i < 3; i++) expect((await send("416", { description: `Concern ${i}` })).status).toBe(200);
    const { page, status } = await send("416", { description: "One more" });
    expect(status).toBe(429);
    expect(await text(page)).toContain("Many messages were sent from here in the last hour.");
    expect(await text(page)).toContain("dial 5555");
    expect(await page.$("form")).toBeNull();
    expect(await concernsIn("416")).toHaveLength(3);
  });

  it("an empty description is named, the contact kept (and shown as text, however hostile), nothing sent", async () => {
    const { page, status } = await send("417", { contact: HOSTILE });
    expect(status).toBe(422);
    expect(await page.$eval(".field-error", (p) => p.textContent)).toBe(
      "Please tell us what is worrying you.",
    );
    expect(await page.$eval("#contact", (i) => (i as unknown as { value: string }).value)).toBe(HOSTILE);
    expect(await page.$("img, script")).toBeNull();
    expect(await concernsIn("417")).toHaveLength(0);
  });

  it("hostile words reach the card as plain text", async () => {
    const { status } = await send("418", { description: HOSTILE });
    expect(status).toBe(200);
    const [concern] = await concernsIn("418");
    expect(concern?.description).toBe(HOSTILE);
    const card = await waitFor(() =>
      service.slack
        .callsTo("chat.postMessage")
        .find((c) => c.args.channel === "C04PTRELS03" && JSON.stringify(c.args).includes("onerror")),
    );
    const blocks = (
      typeof card.args.blocks === "string" ? JSON.parse(card.args.blocks) : card.args.blocks
    ) as {
      type: string;
      text?: { type: string; text: string };
    }[];
    expect(blocks).toContainEqual({
      type: "section",
      text: { type: "plain_text", text: HOSTILE, emoji: false },
    });
  });

  it("speaks the browser's language, and offers the other", async () => {
    const res = await fetch(`${base}/family/${codeFor("419")}`, {
      headers: { "Accept-Language": "es-MX,es;q=0.9" },
    });
    const page = await res.text();
    expect(page).toContain('<html lang="es">');
    expect(page).toContain("¿Qué le preocupa?");
    expect(page).toContain("marque el 5555");
    expect(page).toContain(`href="/family/${codeFor("419")}?lang=en"`);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});
