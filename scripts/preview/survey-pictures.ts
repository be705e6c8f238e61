/**
 * The patient's survey page and its printable QR page, as a phone shows them: docs/cards/survey-page.png
 * and docs/cards/survey-print.png. Called by scripts/cards-preview.ts with its Chromium; run alone with
 * `npx tsx scripts/preview/survey-pictures.ts` to make just these two.
 */
import { fileURLToPath } from "node:url";
import puppeteer, { type Browser } from "puppeteer-core";
import { sampleDirectory } from "../../test/support/sample-directory.ts";
import { PAGE_CSS, PAGE_CSS_PATH } from "../../src/infra/web/page-style.ts";
import { surveyFormPage } from "../../src/infra/web/survey-page.ts";
import { surveyPrintPage } from "../../src/infra/web/survey-print-page.ts";
import { pageHtml, type WebPage } from "../../src/infra/web/web-page.ts";
import { findChromium } from "./find-chromium.ts";

/** A made-up link: the pictures show the page, never a live survey. */
const TOKEN = "Sample-Survey-Link-0001";
const SURVEY_URL = `https://liaison.example.org/survey/${TOKEN}`;

/** The page as served, with its stylesheet inline (the picture is drawn offline, from a string). */
const offline = (page: WebPage) =>
  pageHtml(page).replace(`<link rel="stylesheet" href="${PAGE_CSS_PATH}" />`, `<style>${PAGE_CSS}</style>`);

export async function surveyPictures(browser: Browser, out: string): Promise<string[]> {
  const hospital = sampleDirectory().hospital.name;
  const pages: [string, WebPage][] = [
    [
      "survey-page",
      surveyFormPage({
        lang: "en",
        token: TOKEN,
        hospital,
        answer: { rating: "4", comment: "The night nurse explained everything. Thank you." },
        errors: {},
      }),
    ],
    ["survey-print", await surveyPrintPage("en", TOKEN, SURVEY_URL, hospital, "2026-12-08")],
  ];
  const page = await browser.newPage();
  await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 2, isMobile: true });
  const made: string[] = [];
  for (const [name, content] of pages) {
    await page.setContent(offline(content), { waitUntil: "load" });
    const file = `${out}${name}.png` as `${string}.png`;
    await page.screenshot({ path: file, fullPage: true });
    made.push(file);
  }
  await page.close();
  return made;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("no Chromium: install it, or set CHROMIUM_PATH");
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    const out = fileURLToPath(new URL("../../docs/cards/", import.meta.url));
    console.log((await surveyPictures(browser, out)).join("\n"));
  } finally {
    await browser.close();
  }
}
