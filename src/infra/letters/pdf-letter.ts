import PDFDocument from "pdfkit";
import type { LetterContent } from "../../core/index.ts";

const INK = "#1f2937";
const MUTED = "#4b5563";
const ACCENT = "#0f766e";

/**
 * Draws a letter as a one-column US Letter PDF with PDFKit's built-in Helvetica (no font files to ship;
 * it covers the Latin letters English and Spanish need). Tagged as a document in its language, with a
 * title, so a screen reader and a records system both know what it is.
 */
export async function renderLetterPdf(letter: LetterContent, producedAt: Date): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: "LETTER",
    margins: { top: 64, bottom: 64, left: 72, right: 72 },
    lang: letter.language,
    displayTitle: true,
    info: {
      Title: letter.title,
      Author: letter.letterhead.name,
      Subject: letter.reference,
      CreationDate: producedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  drawLetterhead(doc, letter);
  drawBody(doc, letter);
  doc.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

function drawLetterhead(doc: PDFKit.PDFDocument, letter: LetterContent): void {
  doc.font("Helvetica-Bold").fontSize(16).fillColor(ACCENT).text(letter.letterhead.name);
  doc.font("Helvetica").fontSize(9.5).fillColor(MUTED);
  for (const line of letter.letterhead.lines) doc.text(line);
  const y = doc.y + 8;
  doc
    .moveTo(doc.page.margins.left, y)
    .lineTo(doc.page.width - doc.page.margins.right, y)
    .lineWidth(1)
    .strokeColor(ACCENT)
    .stroke();
  doc.y = y + 18;
}

function drawBody(doc: PDFKit.PDFDocument, letter: LetterContent): void {
  doc.font("Helvetica").fontSize(11).fillColor(INK).text(letter.date);
  doc.text(letter.reference).moveDown(1.2);
  doc.font("Helvetica-Bold").fontSize(13).text(letter.title).moveDown(0.8);
  doc.font("Helvetica").fontSize(11).text(letter.greeting).moveDown(0.6);
  for (const paragraph of letter.paragraphs) doc.text(paragraph, { align: "left" }).moveDown(0.8);
  for (const element of letter.elements) {
    doc.font("Helvetica-Bold").fontSize(11).fillColor(ACCENT).text(element.heading);
    doc.font("Helvetica").fontSize(11).fillColor(INK).text(element.text).moveDown(0.7);
  }
  doc.moveDown(0.3).fontSize(10).fillColor(MUTED).text(letter.rights).moveDown(1.2);
  doc.fontSize(11).fillColor(INK).text(letter.closing).moveDown(2.2);
  for (const line of letter.signature) doc.text(line);
}
