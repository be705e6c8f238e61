import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { CHROMIUM_INSTALL, findChromium } from "../../scripts/preview/find-chromium.ts";

/**
 * A real headless Chromium (Debian's, never a download) for the public pages' tests. A machine
 * without it fails the test with the one command that fixes it: a skipped browser test proves nothing.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error(
      `No Chromium for the web page tests; install it once with \`${CHROMIUM_INSTALL}\` (or set CHROMIUM_PATH).`,
    );
  }
  return puppeteer.launch({
    executablePath,
    headless: true,
    // Root in a container has no user namespace for Chromium's sandbox; the pages are our own.
    args: ["--no-sandbox", "--disable-gpu"],
  });
}

/** A phone-sized page that records what the browser refused (a blocked style, a script error). */
export async function phonePage(browser: Browser): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("requestfailed", (r) => problems.push(`${r.url()}: ${r.failure()?.errorText ?? "failed"}`));
  return { page, problems };
}
