/**
 * npm run cards:preview — pictures of every Teams card and Slack message Liaison sends, from the live
 * code: a sample hospital's afternoon is played through the core and drawn by the real adapters (see
 * scripts/preview/sample-messages.ts), then rendered in headless Chromium to docs/cards/*.png.
 *
 * Teams cards are rendered by the adaptivecards bundle from node_modules with a Teams light host
 * config; Slack's Block Kit by a small approximate renderer (scripts/preview/slack-html.ts). Nothing is
 * downloaded: the browser is the system's Chromium. Install it once (Debian/Ubuntu):
 *
 *   sudo apt-get install -y chromium fonts-lato fonts-open-sans fonts-noto-color-emoji
 *
 * (the fonts are optional: Lato and Open Sans stand in for Slack's and Teams' fonts, Noto for emoji).
 * Or point CHROMIUM_PATH at any Chrome or Chromium. Without one the script says so and exits 0: the
 * pictures are documentation, not a test.
 */
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import puppeteer, { type Page } from "puppeteer-core";
import { samplePreviews, type CardJson, type Preview, type SlackPicture } from "./preview/sample-messages.ts";
import { messageHtml, homeHtml, modalHtml, slackPage } from "./preview/slack-html.ts";
import { RENDER_SCRIPT, TEAMS_LIGHT_HOST_CONFIG, teamsPage } from "./preview/teams-html.ts";
import { letterPictures } from "./preview/letter-pictures.ts";
import { surveyPictures } from "./preview/survey-pictures.ts";
import { familyPictures } from "./preview/family-pictures.ts";
import { CHROMIUM_INSTALL as INSTALL, findChromium as findBrowser } from "./preview/find-chromium.ts";

const OUT = fileURLToPath(new URL("../docs/cards/", import.meta.url));
const BUNDLE = fileURLToPath(
  new URL("../node_modules/adaptivecards/dist/adaptivecards.min.js", import.meta.url),
);
async function shoot(page: Page, name: string): Promise<string> {
  const element = await page.$("#shot");
  if (!element) throw new Error(`${name}: nothing to photograph`);
  const file = `${OUT}${name}.png`;
  await element.screenshot({ path: file as `${string}.png` });
  return file;
}

async function teamsPicture(page: Page, preview: Preview, card: CardJson): Promise<string> {
  await page.setContent(teamsPage());
  await page.addScriptTag({ path: BUNDLE });
  await page.addScriptTag({ content: RENDER_SCRIPT });
  const problems = await page.evaluate(
    (c, config, byline) =>
      (
        globalThis as unknown as { renderTeamsCard(c: unknown, h: unknown, b: string): string[] }
      ).renderTeamsCard(c, config, byline),
    card,
    TEAMS_LIGHT_HOST_CONFIG,
    preview.time,
  );
  for (const p of problems) console.warn(`  teams-${preview.name}: ${p}`);
  return shoot(page, `teams-${preview.name}`);
}

async function slackPicture(page: Page, preview: Preview, picture: SlackPicture): Promise<string> {
  const html =
    picture.kind === "modal"
      ? modalHtml(picture.view)
      : picture.kind === "home"
        ? homeHtml(picture.blocks)
        : messageHtml(picture.message, preview.time);
  await page.setContent(slackPage(html), { waitUntil: "load" });
  return shoot(page, `slack-${preview.name}`);
}

async function main(): Promise<void> {
  const executablePath = findBrowser();
  if (!executablePath) {
    console.log(
      `cards:preview: no Chromium found${process.env.CHROMIUM_PATH ? ` at CHROMIUM_PATH=${process.env.CHROMIUM_PATH}` : ""}; install it once with \`${INSTALL}\` (or set CHROMIUM_PATH), then run npm run cards:preview again. No pictures were made.`,
    );
    return;
  }
  const previews = await samplePreviews();
  mkdirSync(OUT, { recursive: true });
  for (const old of readdirSync(OUT).filter((f) => /^(teams|slack|letter)-.*\.png$/.test(f)))
    rmSync(OUT + old);

  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    // Root in a container has no user namespace for Chromium's sandbox; the pages are our own HTML.
    args: ["--no-sandbox", "--disable-gpu", "--font-render-hinting=none"],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 720, height: 900, deviceScaleFactor: 2 });
    // Everything the pages need is inline; nothing may be fetched.
    await page.setRequestInterception(true);
    page.on("request", (r) => void (/^(data|about):/.test(r.url()) ? r.continue() : r.abort()));
    const made: string[] = [];
    for (const preview of previews) {
      if (preview.teams) made.push(await teamsPicture(page, preview, preview.teams));
      if (preview.slack) made.push(await slackPicture(page, preview, preview.slack));
      console.log(`  ${preview.name}: ${preview.caption}`);
    }
    made.push(...(await letterPictures(OUT)));
    console.log("  letter-en, letter-es: a grievance's written notice, as drafted");
    made.push(...(await surveyPictures(browser, OUT)));
    console.log("  survey-page, survey-print: the patient's satisfaction survey and its printable QR code");
    made.push(...(await familyPictures(browser, OUT)));
    console.log("  family-page, family-sent: the page a room's QR code opens, and its confirmation");
    console.log(`cards:preview: ${made.length} pictures in docs/cards/ (Chromium at ${executablePath})`);
  } finally {
    await browser.close();
  }
}

await main();
