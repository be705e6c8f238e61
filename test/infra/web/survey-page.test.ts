import type { Server } from "node:http";
import express from "express";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickCardAction, submitCardAction } from "../../../src/core/use-cases/card-action-dialogue.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { mountSurveyRoutes } from "../../../src/infra/http/survey-route.ts";
import { mountPageStyle } from "../../../src/infra/web/page-style.ts";
import { PAGE_HEADERS } from "../../../src/infra/web/web-page.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { launchBrowser, phonePage } from "../../support/headless-browser.ts";

const PAT = { platform: "slack", userId: "U04PMORGN07", displayName: "Pat Morgan" } as const;
const NIA = { platform: "slack", userId: "U04NIAOKF01", displayName: "Nia Okafor" } as const;
const HOSTILE = `</textarea><script>alert(1)</script><img src=x onerror=alert(2)> "quoted" & 'single'`;

const core = coreContext("2026-11-24T20:00:00Z");
let server: Server;
let base = "";
let browser: Browser;

/** A resolved concern and the survey link Pat was sent for it (read from the direct message). */
async function surveyLink(): Promise<{ url: string; token: string; reference: string; id: string }> {
  const concern = await raiseConcern(core.ctx, PAIN_DRAFT, NIA);
  await submitCardAction(core.ctx, concern.id, "resolve", { text: "New pain plan." }, PAT);
  await clickCardAction(core.ctx, concern.id, "send-survey-link", PAT);
  const dm = core.concerns.outboxRows
    .map((r) => r.message)
    .findLast((m) => m.kind === "direct" && m.purpose === "survey-link" && m.concernId === concern.id);
  const token = /\/survey\/([A-Za-z0-9_-]{22})\b/.exec(dm?.kind === "direct" ? dm.text : "")![1]!;
  return { url: `${base}/survey/${token}`, token, reference: concern.reference, id: concern.id };
}

/** A phone with JavaScript turned off: the page must work as a plain HTML form. */
async function phone(): Promise<{ page: Page; problems: string[]; statuses: number[] }> {
  const { page, problems } = await phonePage(browser);
  await page.setJavaScriptEnabled(false);
  const statuses: number[] = [];
  page.on("response", (r) => {
    if (r.request().isNavigationRequest()) statuses.push(r.status());
  });
  return { page, problems, statuses };
}

/** What the page tests read of an input and an image (this project's types have no DOM library). */
type Labelled = { labels: { innerText: string }[] | null };
type Picture = { src: string; naturalWidth: number };

/** What the browser refused, leaving out its note that a page came with a 4xx status (the test checks those). */
const refused = (problems: string[]) =>
  problems.filter((p) => !p.startsWith("Failed to load resource: the server responded with a status of"));

const textOf = (page: Page) => page.$eval("main", (m) => (m as unknown as { innerText: string }).innerText);

beforeAll(async () => {
  const app = express();
  mountPageStyle(app);
  mountSurveyRoutes(app, core.ctx, "https://liaison.example.org");
  server = app.listen(0);
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => server.close(() => r()));
});

describe("the patient's survey page, in a real headless Chromium with JavaScript off", () => {
  it("shows the hospital and one question with five labelled answers; nothing about the patient or the concern", async () => {
    const link = await surveyLink();
    const { page, problems } = await phone();
    const res = await page.goto(link.url);
    expect(res?.status()).toBe(200);
    for (const [name, value] of Object.entries(PAGE_HEADERS))
      expect(res?.headers()[name.toLowerCase()]).toBe(value);
    expect(await page.$eval("html", (h) => h.lang)).toBe("en");
    const text = await textOf(page);
    expect(text).toContain(core.directory.hospital.name);
    expect(await page.$eval("legend", (l) => l.textContent)).toBe(
      "How satisfied are you with how your concern was handled?",
    );
    for (const leak of [link.reference, PAIN_DRAFT.room, PAIN_DRAFT.patientReference, "Pain", "Nia", "Pat"]) {
      expect(text).not.toContain(leak);
    }
    // Every control has a label a screen reader reads; the answers are radio buttons with words.
    const unlabelled = await page.$$eval("input, textarea", (els) =>
      els.filter((e) => (e as unknown as Labelled).labels?.length === 0).map((e) => e.outerHTML),
    );
    expect(unlabelled).toEqual([]);
    const answers = await page.$$eval("input[type=radio]", (els) =>
      els.map((e) => (e as unknown as Labelled).labels![0]!.innerText.replace(/\s+/g, " ").trim()),
    );
    expect(answers).toEqual([
      "1 Very dissatisfied",
      "2 Dissatisfied",
      "3 Neither satisfied nor dissatisfied",
      "4 Satisfied",
      "5 Very satisfied",
    ]);
    expect(await page.$eval("textarea", (t) => t.maxLength)).toBe(1000);
    expect(await textOf(page)).toContain("Up to 1000 characters.");
    // Large targets: each answer is at least 48 px tall.
    const heights = await page.$$eval(".rating label", (els) =>
      els.map((e) => e.getBoundingClientRect().height),
    );
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(48);
    expect(problems).toEqual([]);
  });

  it("no rating: the page again with the error announced and the comment kept, exactly as typed and never as markup", async () => {
    const link = await surveyLink();
    const { page, problems, statuses } = await phone();
    await page.goto(link.url);
    await page.type("textarea", HOSTILE);
    await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
    expect(statuses.at(-1)).toBe(400);
    expect(
      await page.$eval("[role=alert]", (a) => (a as unknown as { innerText: string }).innerText),
    ).toContain("Please choose how satisfied you are");
    expect(await page.$eval("textarea", (t) => t.value)).toBe(HOSTILE);
    expect(await page.$("main script, main img")).toBeNull();
    // The error summary has the focus (autofocus: no script needed), so it is read first.
    expect(await page.evaluate(`document.activeElement?.getAttribute("role")`)).toBe("alert");
    expect((await core.concerns.findById(link.id as never))?.satisfaction).toBeUndefined();
    expect(refused(problems)).toEqual([]);
  });

  it("pick a rating, comment, send: a confirmation that shows nothing typed; the link then refuses a second answer", async () => {
    const link = await surveyLink();
    const { page, problems, statuses } = await phone();
    await page.goto(link.url);
    await page.click("#rating-4");
    await page.type("textarea", HOSTILE);
    await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
    expect(page.url()).toBe(`${link.url}/thanks?lang=en`);
    expect(await page.$eval("h1", (h) => h.textContent)).toBe("Thank you");
    const html = await page.content();
    expect(html).not.toContain("quoted");
    expect(html).not.toContain("Satisfied");
    const stored = await core.concerns.findById(link.id as never);
    expect(stored?.satisfaction).toMatchObject({ rating: 4, comment: HOSTILE, source: "survey" });
    // Back to the link (or the form sent again): already answered, never the form.
    await page.goto(link.url);
    expect(statuses.at(-1)).toBe(410);
    expect(await page.$eval("h1", (h) => h.textContent)).toBe("This survey has already been answered");
    expect(await page.$("form")).toBeNull();
    const again = await fetch(link.url, { method: "POST", body: new URLSearchParams({ rating: "1" }) });
    expect(again.status).toBe(410);
    expect((await core.concerns.findById(link.id as never))?.satisfaction?.rating).toBe(4);
    const steps = (await core.concerns.auditTrail(link.id as never))
      .filter((e) => e.actor.key === "survey")
      .map((e) => e.type);
    expect(steps).toEqual(["survey-opened", "satisfaction-recorded", "survey-refused", "survey-refused"]);
    expect(refused(problems)).toEqual([]);
  });

  it("an expired link (the clock moved on 14 days) says so kindly, with 410 and no form", async () => {
    const link = await surveyLink();
    core.clock.advanceMinutes(14 * 24 * 60);
    const { page } = await phone();
    const res = await page.goto(link.url);
    expect(res?.status()).toBe(410);
    expect(await page.$eval("h1", (h) => h.textContent)).toBe("This survey link has expired");
    expect(await page.$("form")).toBeNull();
  });

  it("an unknown link is a 404 page; a store that is down keeps the answer and asks to try again in a minute (503)", async () => {
    const { page } = await phone();
    const res = await page.goto(`${base}/survey/${"A".repeat(22)}`);
    expect(res?.status()).toBe(404);
    expect(await page.$eval("h1", (h) => h.textContent)).toBe("We could not find this survey");
    const link = await surveyLink();
    core.surveyStore.down = true;
    try {
      const down = await fetch(link.url, {
        method: "POST",
        body: new URLSearchParams({ rating: "2", comment: "Too slow <b>really</b>" }),
      });
      expect(down.status).toBe(503);
      const body = await down.text();
      expect(body).toContain("Please try again in a minute");
      expect(body).toContain("Too slow &lt;b&gt;really&lt;/b&gt;</textarea>");
      expect(body).toMatch(/value="2"\s+checked/);
    } finally {
      core.surveyStore.down = false;
    }
  });

  it("a body over the limit is refused before it is read", async () => {
    const link = await surveyLink();
    const res = await fetch(link.url, {
      method: "POST",
      body: new URLSearchParams({ rating: "3", comment: "x".repeat(20_000) }),
    });
    expect(res.status).toBe(413);
    const body = await res.text();
    expect(body).toContain("Your comment is too long");
    expect(body).toContain(`href="/survey/${link.token}?lang=es"`);
  });

  it("speaks Spanish with ?lang=es, or when the browser asks for it", async () => {
    const link = await surveyLink();
    const { page } = await phone();
    await page.goto(`${link.url}?lang=es`);
    expect(await page.$eval("html", (h) => h.lang)).toBe("es");
    expect(await page.$eval("legend", (l) => l.textContent)).toBe(
      "¿Qué tan satisfecho está con la forma en que se atendió su inquietud?",
    );
    expect(await page.$eval(".languages a", (a) => a.getAttribute("href"))).toBe(
      `/survey/${link.token}?lang=en`,
    );
    const asked = await fetch(link.url, { headers: { "Accept-Language": "es-MX,es;q=0.9,en;q=0.5" } });
    expect(await asked.text()).toContain('<html lang="es">');
  });

  it("the printable page: the hospital, one plain sentence, the QR code (drawn here) and until when; nothing about the patient", async () => {
    const link = await surveyLink();
    const { page, problems } = await phone();
    const res = await page.goto(`${link.url}/print`);
    expect(res?.status()).toBe(200);
    const text = await textOf(page);
    expect(text).toContain(core.directory.hospital.name);
    expect(text).toContain("Scan to tell us how we did. It takes a minute.");
    expect(text).toContain(`https://liaison.example.org/survey/${link.token}`);
    expect(text).toMatch(/until December \d+, 2026/);
    for (const leak of [link.reference, PAIN_DRAFT.room, PAIN_DRAFT.patientReference])
      expect(text).not.toContain(leak);
    const qr = await page.$eval("img.qr", (i) => ({
      src: (i as unknown as Picture).src,
      alt: i.getAttribute("alt"),
      loaded: (i as unknown as Picture).naturalWidth > 0,
    }));
    expect(qr.src.startsWith("data:image/svg+xml;base64,")).toBe(true);
    expect(qr.alt).toBe("QR code that opens the survey");
    expect(qr.loaded).toBe(true);
    expect(problems).toEqual([]);
    const trail = await core.concerns.auditTrail(link.id as never);
    expect(trail.at(-1)).toMatchObject({ type: "survey-opened", detail: { page: "print" } });
  });
});
