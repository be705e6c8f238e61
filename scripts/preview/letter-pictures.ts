import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { grievanceLetter, type LetterLanguage } from "../../src/core/index.ts";
import { loadLetterTemplate } from "../../src/infra/letters/letter-template-file.ts";
import { renderLetterPdf } from "../../src/infra/letters/pdf-letter.ts";
import { SAMPLE_RESOLUTION } from "./sample-messages.ts";

const TEMPLATE = fileURLToPath(new URL("../../config/grievance-letter.yaml", import.meta.url));
const FONTS = fileURLToPath(new URL("../../node_modules/pdfjs-dist/standard_fonts/", import.meta.url));

interface Rendered {
  canvas: { toBuffer(type: "image/png"): Buffer };
  context: unknown;
}

/**
 * The sample grievance's written notice in each language: the real PDF (PDFKit), drawn page one to a
 * PNG by Mozilla's pdf.js, as a reader would see it. pdf.js draws on @napi-rs/canvas, which npm
 * installs with it (a prebuilt package from the registry); without it the letters are skipped.
 */
export async function letterPictures(out: string): Promise<string[]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const made: string[] = [];
  for (const language of ["en", "es"] as LetterLanguage[]) {
    const at = new Date("2026-11-24T19:50:00Z");
    const content = grievanceLetter(
      loadLetterTemplate(TEMPLATE),
      { reference: "PR-2026-00001", createdAt: new Date("2026-11-24T19:05:00Z") },
      { ...SAMPLE_RESOLUTION, language },
      "America/Chicago",
      at,
    );
    const pdf = await pdfjs.getDocument({
      data: await renderLetterPdf(content, at),
      standardFontDataUrl: FONTS,
    }).promise;
    const page = await pdf.getPage(1);
    const viewport = page.getViewport({ scale: 1.25 });
    const factory = pdf.canvasFactory as { create(w: number, h: number): Rendered };
    const { canvas, context } = factory.create(viewport.width, viewport.height);
    await page.render({ canvasContext: context as never, viewport, canvas: canvas as never }).promise;
    const file = `${out}letter-${language}.png`;
    writeFileSync(file, canvas.toBuffer("image/png"));
    made.push(file);
  }
  return made;
}
