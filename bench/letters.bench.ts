// Grievance letters: how long drafting one adds to a grievance's Resolve (render the PDF with PDFKit),
// against the floor of an empty PDFKit document on the same machine, and how large a letter is.
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import PDFDocument from "pdfkit";
import { grievanceLetter } from "../src/core/grievance/letter-content.ts";
import { loadLetterTemplate } from "../src/infra/letters/letter-template-file.ts";
import { renderLetterPdf } from "../src/infra/letters/pdf-letter.ts";
import { SAMPLE_RESOLUTION } from "../scripts/preview/sample-messages.ts";
import { percentile, type BenchRow } from "./bench-row.ts";

const LETTERS = Number(process.env.BENCH_LETTERS ?? 300);
const TEMPLATE = fileURLToPath(new URL("../config/grievance-letter.yaml", import.meta.url));

async function emptyPdf(): Promise<void> {
  const doc = new PDFDocument();
  const done = new Promise((resolve) => doc.on("end", resolve));
  doc.on("data", () => undefined);
  doc.text("x");
  doc.end();
  await done;
}

async function timed(n: number, work: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  return samples;
}

export async function run(): Promise<BenchRow[]> {
  const template = loadLetterTemplate(TEMPLATE);
  const now = new Date("2026-11-24T19:50:00Z");
  const content = grievanceLetter(
    template,
    { reference: "PR-2026-00001", createdAt: new Date("2026-11-24T19:05:00Z") },
    SAMPLE_RESOLUTION,
    "America/Chicago",
    now,
  );
  await timed(20, () => renderLetterPdf(content, now)); // warm-up
  const floor = percentile(await timed(LETTERS, emptyPdf), 0.5);
  const samples = await timed(LETTERS, () => renderLetterPdf(content, now));
  const bytes = (await renderLetterPdf(content, now)).byteLength;
  return [
    {
      name: "grievance letter drafted (PDF), p50",
      value: percentile(samples, 0.5),
      unit: "ms",
      goal: { value: 50, better: "lower" },
      floor: { value: floor, label: "empty PDFKit document" },
      note: `${LETTERS} letters, one at a time`,
    },
    {
      name: "grievance letter drafted (PDF), p99",
      value: percentile(samples, 0.99),
      unit: "ms",
      goal: { value: 200, better: "lower" },
    },
    {
      name: "grievance letter size",
      value: bytes / 1024,
      unit: "KiB",
      goal: { value: 100, better: "lower" },
    },
  ];
}
