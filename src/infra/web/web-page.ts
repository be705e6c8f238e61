import type { Response } from "express";
import { html, type SafeHtml } from "./html.ts";
import { PAGE_CSS_PATH } from "./page-style.ts";

/** One page for a patient or family member: their language, a plain title, large readable text. */
export interface WebPage {
  lang: string;
  title: string;
  body: SafeHtml;
}

/**
 * Headers every page Liaison serves to the public carries: nothing runs but what we wrote (no script at
 * all), nothing is fetched from elsewhere, the page cannot be framed, nothing is cached (a shared tablet or
 * a family member's phone keeps no copy) and no link tells another site where the visitor came from.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy":
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  "Cache-Control": "no-store",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
};

export function pageHtml(page: WebPage): string {
  return `<!doctype html>${html`<html lang="${page.lang}">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex, nofollow" />
      <title>${page.title}</title>
      <link rel="icon" href="data:," />
      <link rel="stylesheet" href="${PAGE_CSS_PATH}" />
    </head>
    <body>
      <main id="main">${page.body}</main>
    </body>
  </html>`}`;
}

/** Sends a page with the public pages' headers. */
export function sendPage(res: Response, status: number, page: WebPage): void {
  res.status(status).set(PAGE_HEADERS).type("html").send(pageHtml(page));
}
