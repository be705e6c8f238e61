import type { ConcernId } from "../ids.ts";
import type { LetterContent } from "../grievance/letter-content.ts";
import type { LetterLanguage } from "../grievance/grievance-notice.ts";
import type { LetterTemplate } from "../grievance/letter-template.ts";

/** A drafted letter as stored: the PDF as it was produced, for the liaison and for a surveyor. */
export interface StoredLetter {
  id: string;
  concernId: ConcernId;
  kind: "final" | "interim";
  language: LetterLanguage;
  fileName: string;
  pdf: Uint8Array;
  /** The unguessable part of the letter's link. */
  token: string;
  createdAt: Date;
}

/** Where grievance letters are drafted and kept: the hospital's template, a PDF renderer, the store. */
export interface LetterDesk {
  template(): LetterTemplate;
  render(content: LetterContent): Promise<Uint8Array>;
  save(letter: StoredLetter): Promise<void>;
  /** A fresh unguessable token for a letter's link. */
  newToken(): string;
  /** Where the liaison opens a letter. */
  urlOf(token: string): string;
}
