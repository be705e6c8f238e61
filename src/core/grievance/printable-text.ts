/**
 * What a letter can print: the letters' font is PDF's standard Helvetica in WinAnsi encoding (Latin
 * letters with their accents, enough for English and Spanish, and common punctuation). Anything else
 * would come out as wrong characters in a legal notice, so the form says so instead.
 */
const WIN_ANSI_EXTRAS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

function printable(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  if (ch === "\n" || ch === "\r" || ch === "\t") return true;
  if (code >= 0x20 && code <= 0x7e) return true;
  if (code >= 0xa0 && code <= 0xff) return true;
  return WIN_ANSI_EXTRAS.includes(ch);
}

/** The characters of `text` a letter cannot print, each once, in the order they appear. */
export function unprintableIn(text: string): string[] {
  return [...new Set([...text].filter((ch) => !printable(ch)))];
}

/** The form's words for text a letter cannot print, or undefined when it can print all of it. */
export function unprintableError(text: string): string | undefined {
  const bad = unprintableIn(text);
  if (bad.length === 0) return undefined;
  const shown = bad
    .slice(0, 5)
    .map((ch) => `“${ch}”`)
    .join(" ");
  return `The letter cannot print ${shown}: please write it in Latin letters (a transliteration of a name is fine).`;
}
