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

  it("takes a date for a birth date only when the text says so or it lies decades back", () => {
    const on = (iso: string) => createIdentifierScanner({ now: () => new Date(iso) });
    const dates = (t: string) =>
      on("2026-12-03T09:00:00Z")
        .scan(t)
        .map((h) => [h.kind, h.text]);
    expect(dates("admitted 03/11/2026, discharge ordered Nov 30, 2026")).toEqual([]);
    expect(dates("on dialysis since 01/05/2009")).toEqual([]);
    expect(dates("DOB 1957-03-14, born on 14 March 1944, birthday is June 5th")).toEqual([
      ["date-of-birth", "1957-03-14"],
      ["date-of-birth", "14 March 1944"],
      ["date-of-birth", "June 5th"],
    ]);
    expect(dates("the label says 06/11/1972")).toEqual([["date-of-birth", "06/11/1972"]]);
    // The same bare date is a date of the stay to a scanner running in 2017, a birth date ten years on.
    expect(on("2017-01-10T00:00:00Z").scan("seen 03/02/2016 in clinic")).toEqual([]);
    expect(kinds("the baby was born 11/02/2026")).toEqual([["date-of-birth", "11/02/2026"]]);
  });

  it("tells a phone typed without separators from a record number", () => {
    expect(kinds("call her at 4155550123 or +15551234567")).toEqual([
      ["phone", "4155550123"],
      ["phone", "+15551234567"],
    ]);
    expect(kinds("CSN 1002345678, bare 00781234")).toEqual([
      ["record-number", "1002345678"],
      ["record-number", "00781234"],
    ]);
    expect(kinds("MRN 4155550123")).toEqual([["record-number", "4155550123"]]);
  });

  it("flags patients' and relatives' names but not staff named by their title", () => {
    expect(kinds("Dr. Patel and Nurse Kim rounded; Dr. Amy Chen explained the plan")).toEqual([]);
    expect(kinds("Mrs. Okafor and Mr Vasquez waited, son Marcus called")).toEqual([
      ["person-name", "Mrs. Okafor"],
      ["person-name", "Mr Vasquez"],
      ["person-name", "Marcus"],
    ]);
    expect(kinds("pt john miller and Priya Raman (daughter) upset")).toEqual([
      ["person-name", "john miller"],
      ["person-name", "Priya Raman"],
    ]);
    expect(kinds("Patient Relations has not called; Grace period not explained; in the ED hallway")).toEqual(
      [],
    );
  });

  it("never throws and keeps hits sorted and apart", () => {
    expect(scanner.scan("")).toEqual([]);
    expect(() => scanner.scan("🙂".repeat(10) + "x ".repeat(10_000))).not.toThrow();
    const hits = scanner.scan("Mr. Jones 555-201-3344 Mr. Jones");
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.start).toBeGreaterThanOrEqual(hits[i - 1]!.end);
  });
});
