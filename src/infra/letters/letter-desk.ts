import { randomBytes } from "node:crypto";
import type { LetterContent, LetterDesk, LetterTemplate, StoredLetter } from "../../core/index.ts";
import type { PrismaLetterStore } from "../store/prisma-letter-store.ts";
import { renderLetterPdf } from "./pdf-letter.ts";

/**
 * Grievance letters for the core: the template loaded at start-up, PDFKit to draw, the store to keep
 * them, and links under Liaison's public address (a 128-bit token: unguessable, never reused).
 */
export function letterDesk(
  template: LetterTemplate,
  store: PrismaLetterStore,
  publicUrl: string,
  now: () => Date,
): LetterDesk {
  const base = publicUrl.replace(/\/+$/, "");
  return {
    template: () => template,
    render: (content: LetterContent) => renderLetterPdf(content, now()),
    save: (letter: StoredLetter) => store.save(letter),
    newToken: () => randomBytes(16).toString("base64url"),
    urlOf: (token: string) => `${base}/letters/${token}.pdf`,
  };
}
