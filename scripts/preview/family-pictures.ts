import type { Server } from "node:http";
import { pathToFileURL } from "node:url";
import express from "express";
import puppeteer, { type Browser } from "puppeteer-core";
import { familyFormPage, familySentPage, type FamilyPlace } from "../../src/infra/web/family-pages.ts";
import { mountPageStyle } from "../../src/infra/web/page-style.ts";
import { sendPage } from "../../src/infra/web/web-page.ts";
import { findChromium } from "./find-chromium.ts";

/** The sample hospital's 4 West, room 412, as its code opens it (the numbers are the sample directory's). */
const PLACE: FamilyPlace = {
  lang: "en",
  languages: ["en", "es"],
  code: "sample-room-code",
  facts: {
    emergencyNumber: "5555",
    patientRelationsNumber: "4100",
    room: "412",
    unitName: "4 West",
    answerWithinMinutes: 60,
  },
};

/** The pages as Liaison serves them (same shell, headers and stylesheet), on a loopback port. */
async function servePages(): Promise<{ server: Server; base: string }> {
  const app = express();
  mountPageStyle(app);
  app.get("/family/page", (_req, res) => sendPage(res, 200, familyFormPage(PLACE, "sample-nonce")));
  app.get("/family/sent", (_req, res) => sendPage(res, 200, familySentPage(PLACE)));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  return { server, base: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

/**
 * The family page on a phone: the form a patient or family member sees from the room's QR code
 * (docs/cards/family-page.png), and the confirmation after Send (docs/cards/family-sent.png).
 */
export async function familyPictures(browser: Browser, out: string): Promise<string[]> {
  const { server, base } = await servePages();
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const made: string[] = [];
    for (const [path, name] of [
      ["/family/page", "family-page"],
      ["/family/sent", "family-sent"],
    ] as const) {
      await page.goto(`${base}${path}`, { waitUntil: "load" });
      const file = `${out}${name}.png` as `${string}.png`;
      await page.screenshot({ path: file, fullPage: true });
      made.push(file);
    }
    await page.close();
    return made;
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
}

// `npx tsx scripts/preview/family-pictures.ts` makes these two pictures alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("no Chromium found (see scripts/cards-preview.ts)");
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--font-render-hinting=none"],
  });
  try {
    const out = new URL("../../docs/cards/", import.meta.url).pathname;
    console.log((await familyPictures(browser, out)).join("\n"));
  } finally {
    await browser.close();
  }
}
