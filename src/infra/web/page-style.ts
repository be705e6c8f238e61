import type { Express } from "express";

export const PAGE_CSS_PATH = "/web/page.css";

/**
 * The public pages' one stylesheet, served by Liaison itself (nothing from a CDN): large text, high
 * contrast, controls big enough for a tired thumb, and a layout that works from a small phone up.
 */
export const PAGE_CSS = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #4a4a4a; --accent: #0b5cad; --error: #b00020; --line: #767676; }
* { box-sizing: border-box; }
html { font-size: 125%; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Open Sans", Lato, sans-serif; color: var(--ink); background: #fff; line-height: 1.5; }
main { max-width: 36rem; margin: 0 auto; padding: 1.25rem 1rem 3rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
p { margin: 0 0 1rem; }
.muted { color: var(--muted); }
label, legend { display: block; font-weight: 600; margin: 1rem 0 0.4rem; }
textarea, input[type="text"], input[type="tel"], input[type="email"], select { width: 100%; font: inherit; padding: 0.6rem; border: 2px solid var(--line); border-radius: 0.4rem; }
textarea { min-height: 9rem; }
textarea:focus, input:focus, select:focus, button:focus { outline: 3px solid var(--accent); outline-offset: 2px; }
fieldset { border: 0; padding: 0; margin: 0; }
.choices { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.choices label { display: flex; align-items: center; gap: 0.4rem; font-weight: 400; margin: 0; min-height: 3rem; padding: 0.4rem 0.9rem; border: 2px solid var(--line); border-radius: 0.4rem; }
.choices input { width: 1.4rem; height: 1.4rem; flex: none; }
button { font: inherit; font-weight: 600; margin-top: 1.5rem; min-height: 3rem; padding: 0.6rem 1.6rem; color: #fff; background: var(--accent); border: 0; border-radius: 0.4rem; }
.error { color: var(--error); font-weight: 600; }
.field-error { color: var(--error); margin: 0.3rem 0 0; }
.notice { border-left: 0.4rem solid var(--accent); padding: 0.6rem 1rem; background: #eef4fb; }
.emergency { border-left: 0.4rem solid var(--error); padding: 0.6rem 1rem; background: #fdeeee; }
.languages { text-align: right; }
.rating { flex-direction: column; }
.rating label { width: 100%; cursor: pointer; }
.choices label:focus-within { outline: 3px solid var(--accent); outline-offset: 2px; }
.choices label:has(input:checked) { border-color: var(--accent); background: #eef4fb; }
.hint { margin: 0 0 0.4rem; }
.error-summary { border: 3px solid var(--error); border-radius: 0.4rem; padding: 0.6rem 1rem; margin: 0 0 1rem; }
.error-summary:focus { outline: 3px solid var(--accent); outline-offset: 2px; }
.error-summary h2 { margin-top: 0; color: var(--error); }
.error-summary a { color: var(--error); font-weight: 600; }
.print-card { text-align: center; border: 2px solid var(--line); border-radius: 0.6rem; padding: 1.5rem 1rem; }
.print-card .hospital { font-weight: 600; font-size: 1.2rem; }
.print-card .qr { display: block; margin: 1rem auto; width: 14rem; height: 14rem; max-width: 100%; }
.print-card .address { font-family: ui-monospace, monospace; font-size: 0.8rem; word-break: break-all; }
@media print { .languages { display: none; } html { font-size: 100%; } .print-card { border: 0; } }
.languages a { color: var(--accent); margin-left: 0.8rem; }
.where { font-size: 1.2rem; font-weight: 600; }
[aria-invalid="true"] { border-color: var(--error); }
`;

export function mountPageStyle(app: Express): void {
  app.get(PAGE_CSS_PATH, (_req, res) => {
    res.set({ "Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff" });
    res.type("text/css").send(PAGE_CSS);
  });
}
