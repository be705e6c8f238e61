/**
 * Characters that make a spreadsheet read a cell as a formula (and run it): = + - @, and the tab and
 * carriage return some of them also honour. A hospital opens the export in Excel, and a note typed
 * in chat must never become a formula there.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as RFC 4180 writes it, guarded against formula injection with a leading single quote. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CRLF-terminated line of cells (RFC 4180's line break). */
export const csvLine = (cells: readonly string[]) => `${cells.map(csvCell).join(",")}\r\n`;
