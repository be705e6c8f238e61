import { describe, expect, it } from "vitest";
import { createIdentifierScanner } from "../../../src/infra/privacy/identifier-scanner.ts";

const scanner = createIdentifierScanner();
const kinds = (t: string) => scanner.scan(t).map((h) => [h.kind, h.text]);

describe("identifier scanner", () => {
  it("finds each kind with its offsets", () => {
    const t = "DOB 03/14/1957, MRN 00482913, call 555-201-3344, SSN 123-45-6789, a@b.org, 12 Oak Street";
    for (const h of scanner.scan(t)) expect(t.slice(h.start, h.end)).toBe(h.text);
    expect(kinds(t)).toEqual([
      ["date-of-birth", "03/14/1957"],
      ["record-number", "00482913"],
      ["phone", "555-201-3344"],
      ["ssn", "123-45-6789"],
      ["email", "a@b.org"],
      ["street-address", "12 Oak Street"],
    ]);
    expect(kinds("Pt's daughter Maria Lopez says call light ignored")).toEqual([
      ["person-name", "Maria Lopez"],
    ]);
  });

  it("leaves ordinary clinical wording alone", () => {
    for (const t of [
      "pain 7/10 at 14:00 not reassessed",
      "room 412, bed 4B, 2 mg given",
      "BP 140/90 on 4 West, see PR-2026-00042",
      "the charge nurse said Monday in March",
    ])
      expect(kinds(t), t).toEqual([]);
  });

  it("never throws and keeps hits sorted and apart", () => {
    expect(scanner.scan("")).toEqual([]);
    expect(() => scanner.scan("🙂".repeat(10) + "x ".repeat(10_000))).not.toThrow();
    const hits = scanner.scan("Mr. Jones 555-201-3344 Mr. Jones");
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.start).toBeGreaterThanOrEqual(hits[i - 1]!.end);
  });
});
