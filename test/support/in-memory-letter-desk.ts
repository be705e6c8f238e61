import type { LetterContent } from "../../src/core/grievance/letter-content.ts";
import type { LetterDesk, StoredLetter } from "../../src/core/ports/letter-desk.port.ts";
import { loadLetterTemplate } from "../../src/infra/letters/letter-template-file.ts";

/** The shipped letter template with letters kept in memory; "rendering" keeps the content to look at. */
export class InMemoryLetterDesk implements LetterDesk {
  readonly letters: StoredLetter[] = [];
  readonly drawn: LetterContent[] = [];
  private tokens = 0;
  private readonly shipped = loadLetterTemplate(
    new URL("../../config/grievance-letter.yaml", import.meta.url).pathname,
  );

  template() {
    return this.shipped;
  }

  async render(content: LetterContent): Promise<Uint8Array> {
    this.drawn.push(content);
    return new TextEncoder().encode(JSON.stringify(content));
  }

  async save(letter: StoredLetter): Promise<void> {
    this.letters.push(letter);
  }

  newToken(): string {
    return `token${String(++this.tokens).padStart(17, "0")}`;
  }

  urlOf(token: string): string {
    return `https://liaison.example.org/letters/${token}.pdf`;
  }
}
