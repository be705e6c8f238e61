import type { Server } from "node:http";
import express from "express";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escapeHtml, html } from "../../../src/infra/web/html.ts";
import { mountPageStyle } from "../../../src/infra/web/page-style.ts";
import { PAGE_HEADERS, pageHtml, sendPage } from "../../../src/infra/web/web-page.ts";
import { launchBrowser, phonePage } from "../../support/headless-browser.ts";

const HOSTILE = [
  `<script>alert(1)</script>`,
  `"><img src=x onerror=alert(1)>`,
  `' onmouseover='alert(1)`,
  "`${alert(1)}`",
  "&lt;already escaped&gt;",
  "</textarea><b>out</b>",
];

describe("what a person typed is text on Liaison's web pages, never markup", () => {
  it("escapes every value put into html``, in content and in attributes", () => {
    for (const text of HOSTILE) {
      const out = html`<p title="${text}">${text}</p>`.text;
      expect(out).not.toMatch(/<(script|img|b)\b/);
      expect(out).not.toContain(`"${text}"`);
      expect(out).toBe(`<p title="${escapeHtml(text)}">${escapeHtml(text)}</p>`);
    }
    expect(escapeHtml(`<&>"'\``)).toBe("&lt;&amp;&gt;&quot;&#39;&#96;");
  });

  it("keeps fragments built by html`` as they are, and joins lists", () => {
    const items = ["a<b", "c"].map((t) => html`<li>${t}</li>`);
    const list = html`<ul>
      ${items}
    </ul>`;
    expect(list.text.replace(/\s+/g, "")).toBe("<ul><li>a&lt;b</li><li>c</li></ul>");
    expect(html`${undefined}${null}${false}${0}`.text).toBe("0");
  });

  it("a page's title and language are escaped too", () => {
    const page = pageHtml({
      lang: `en"><script>`,
      title: "</title><script>x()</script>",
      body: html`<p>hi</p>`,
    });
    expect(page).not.toContain("<script>");
    expect(page.startsWith("<!doctype html><html lang=")).toBe(true);
  });
});

describe("a page in a real browser: its own stylesheet and nothing else", () => {
  let server: Server;
  let base = "";
  let browser: Browser;
  beforeAll(async () => {
    const app = express();
    mountPageStyle(app);
    app.get("/page", (_req, res) =>
      sendPage(res, 200, {
        lang: "en",
        title: "Hello",
        body: html`<h1>${HOSTILE[0]}</h1>
          <button>Send</button>`,
      }),
    );
    server = app.listen(0);
    await new Promise((r) => server.once("listening", r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it("sends the public pages' headers: no script, nothing from elsewhere, no framing, no caching", async () => {
    const res = await fetch(`${base}/page`);
    for (const [name, value] of Object.entries(PAGE_HEADERS)) expect(res.headers.get(name)).toBe(value);
  });

  it("shows hostile text as text, styled by its own stylesheet, with nothing refused", async () => {
    const { page, problems } = await phonePage(browser);
    await page.goto(`${base}/page`);
    expect(await page.$eval("h1", (h) => h.textContent)).toBe(HOSTILE[0]);
    expect(await page.$("h1 script")).toBeNull();
    // The stylesheet applied: buttons are large enough to press (at least 48 px tall at 125 % text).
    const height = await page.$eval("button", (b) => b.getBoundingClientRect().height);
    expect(height).toBeGreaterThanOrEqual(48);
    expect(problems).toEqual([]);
  });
});
