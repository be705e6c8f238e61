import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { grievanceLetter, interimLetter } from "../../src/core/grievance/letter-content.ts";
import type { GrievanceResolution } from "../../src/core/grievance/grievance-notice.ts";
import { loadLetterTemplate } from "../../src/infra/letters/letter-template-file.ts";
import { renderLetterPdf } from "../../src/infra/letters/pdf-letter.ts";

const SHIPPED = fileURLToPath(new URL("../../config/grievance-letter.yaml", import.meta.url));
const FONTS = fileURLToPath(new URL("../../node_modules/pdfjs-dist/standard_fonts/", import.meta.url));

const RESOLUTION: GrievanceResolution = {
  contactPerson: "Pat Morgan, Patient Relations, (217) 555-0100",
  investigationSteps: "Interviewed the night nurses and reviewed the call-light log for 23–24 November.",
  results: "Call-light response on 4 West is audited every shift; the night team was re-trained.",
  completedOn: "2026-11-27",
  language: "en",
};

/** What a reader (Mozilla's pdf.js, as in Firefox) finds in the PDF: its text, title and language. */
async function readPdf(bytes: Uint8Array) {
  const pdf = await getDocument({ data: bytes, standardFontDataUrl: FONTS, verbosity: 0 }).promise;
  let text = "";
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    text += content.items.map((i) => ("str" in i ? `${i.str}${i.hasEOL ? "\n" : ""}` : "")).join("");
  }
  const { info } = (await pdf.getMetadata()) as { info: { Title?: string; Language?: string } };
  const flat = text.replace(/\s+/g, " ");
  return { text: flat, title: info.Title, language: info.Language, pages: pdf.numPages };
}

async function letterPdf(resolution: GrievanceResolution) {
  const content = grievanceLetter(
    loadLetterTemplate(SHIPPED),
    { reference: "PR-2026-00042", createdAt: new Date("2026-11-24T20:00:00Z") },
    resolution,
    "America/Chicago",
    new Date("2026-11-29T15:00:00Z"),
  );
  return readPdf(await renderLetterPdf(content, new Date("2026-11-29T15:00:00Z")));
}

describe("the grievance letter a surveyor reads", () => {
  it("in English: the hospital, the date, the reference and all four elements, on one page", async () => {
    const pdf = await letterPdf(RESOLUTION);
    for (const expected of [
      "St. Example Medical Center",
      "1200 Example Avenue",
      "November 29, 2026",
      "Grievance reference: PR-2026-00042",
      "Written notice of the resolution of your grievance",
      "received your grievance on November 24, 2026",
      "Your contact at the hospital Pat Morgan, Patient Relations, (217) 555-0100",
      `Steps taken to investigate your grievance ${RESOLUTION.investigationSteps}`,
      `Results of the grievance process ${RESOLUTION.results}`,
      "Date of completion November 27, 2026",
      "Quality Improvement Organization",
      "Sincerely,",
    ]) {
      expect(pdf.text).toContain(expected);
    }
    expect(pdf).toMatchObject({
      title: "Written notice of the resolution of your grievance",
      language: "en",
      pages: 1,
    });
  });

  it("in Spanish: the same elements in Spanish words and dates, accents intact, tagged as Spanish", async () => {
    const pdf = await letterPdf({ ...RESOLUTION, language: "es" });
    for (const expected of [
      "Aviso por escrito de la resolución de su queja formal",
      "29 de noviembre de 2026",
      "Referencia de la queja: PR-2026-00042",
      "recibió su queja formal el 24 de noviembre de 2026",
      "Su persona de contacto en el hospital",
      "Medidas tomadas para investigar su queja",
      "Resultados del proceso de queja",
      "Fecha en que se completó 27 de noviembre de 2026",
      "Atentamente,",
    ]) {
      expect(pdf.text).toContain(expected);
    }
    expect(pdf.language).toBe("es");
  });

  it("the interim notice: whom to contact, what is being done, and the day the final response is promised", async () => {
    const content = interimLetter(
      loadLetterTemplate(SHIPPED),
      { reference: "PR-2026-00042", createdAt: new Date("2026-11-24T20:00:00Z") },
      {
        contactPerson: "Pat Morgan, (217) 555-0100",
        progress: "Pharmacy is reviewing the medication record.",
        followUpOn: "2026-12-15",
        language: "en",
        method: "mail",
      },
      "America/Chicago",
      new Date("2026-11-29T15:00:00Z"),
    );
    const pdf = await readPdf(await renderLetterPdf(content, new Date("2026-11-29T15:00:00Z")));
    for (const expected of [
      "Interim notice about your grievance",
      "Grievance reference: PR-2026-00042",
      "received your grievance on November 24, 2026",
      "Your contact at the hospital Pat Morgan, (217) 555-0100",
      "What we are doing Pharmacy is reviewing the medication record.",
      "When you will have our answer We will send you our written response by December 15, 2026.",
    ]) {
      expect(pdf.text).toContain(expected);
    }
  });

  it("a template with a missing language or word is refused with where and what", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "liaison-letter-"));
    const file = path.join(dir, "letter.yaml");
    writeFileSync(
      file,
      "hospital: { name: Mercy, address: [1 Main St] }\nletterhead: Patient Relations\nsignature: [PR]\nlanguages:\n  en: { locale: en-US }\n",
    );
    expect(() => loadLetterTemplate(file)).toThrow(/languages\.en\.title: expected the letter's title/);
    expect(() => loadLetterTemplate(file)).toThrow(/languages\.es: /);
  });
});
