import { describe, expect, it } from "vitest";
import type { AuditExport } from "../../../src/core/index.ts";
import { csvCell } from "../../../src/infra/export/csv-cell.ts";
import { auditExportCsv, AUDIT_EXPORT_COLUMNS } from "../../../src/infra/export/audit-export-csv.ts";
import { auditExportJson } from "../../../src/infra/export/audit-export-json.ts";

const AT = new Date("2026-03-14T19:07:00Z");

/** A one-concern export: a note typed as a formula, and a reveal. */
const EXPORT: AuditExport = {
  range: {
    from: "2026-03-01",
    to: "2026-03-31",
    timeZone: "America/Chicago",
    startsAt: new Date("2026-03-01T06:00:00Z"),
    endsAt: new Date("2026-04-01T04:59:59.999Z"),
  },
  generatedAt: new Date("2026-04-02T14:00:00Z"),
  generatedBy: { name: "Pat Morgan", key: "slack:U04PMORGN07", platform: "slack" },
  format: "csv",
  concerns: [
    {
      id: "0b8e…",
      reference: "PR-2026-00042",
      grievance: {
        noticeBy: new Date("2026-03-21T04:59:59.999Z"),
        writtenNotice: { sentOn: "2026-03-20", method: "mail" },
        letters: [{ kind: "final", language: "en", sentOn: "2026-03-20", method: "mail" }],
      },
      events: [
        {
          type: "note-added",
          at: AT,
          atLocal: "2026-03-14 14:07:00",
          who: "Sam Rivera",
          whoKey: "person:sam-rivera",
          platform: "slack",
          description: "Note added by Sam Rivera",
          detail: { from: "acknowledged" },
          text: { note: '=HYPERLINK("http://x","Son said, "call me"")' },
        },
        {
          type: "details-viewed",
          at: AT,
          atLocal: "2026-03-14 14:07:00",
          who: "Sam Rivera",
          whoKey: "person:sam-rivera",
          platform: "teams",
          description: "Sam Rivera viewed the patient details",
          detail: { platform: "teams" },
        },
      ],
    },
  ],
  hospitalEvents: [],
  eventCount: 2,
};

describe("the export as a spreadsheet opens safely in Excel", () => {
  it("quotes cells as RFC 4180 does: commas, quotes and line breaks inside one cell", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("4 West, room 412")).toBe('"4 West, room 412"');
    expect(csvCell('she said "now"')).toBe('"she said ""now"""');
    expect(csvCell("line one\nline two")).toBe('"line one\nline two"');
  });

  it("a cell that starts like a formula is prefixed with a quote, so it is shown and never run", () => {
    expect(["=1+1", "+1", "-1", "@SUM(A1)", "\tx"].map(csvCell)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
    ]);
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it("opens with the confidentiality line, then the columns, then one row per event with its concern's grievance dates", () => {
    const lines = auditExportCsv(EXPORT).split("\r\n");
    expect(lines[0]).toMatch(
      /^"CONFIDENTIAL: contains patient information and staff notes\. Liaison audit export of 2026-03-01 to 2026-03-31 \(America\/Chicago\), generated 2026-04-02T14:00:00\.000Z by Pat Morgan\./,
    );
    expect(lines[1]).toBe(AUDIT_EXPORT_COLUMNS.join(","));
    expect(lines[3]).toBe(
      'PR-2026-00042,0b8e…,details-viewed,2026-03-14T19:07:00.000Z,2026-03-14 14:07:00,Sam Rivera,person:sam-rivera,,teams,Sam Rivera viewed the patient details,,"{""platform"":""teams""}",2026-03-21T04:59:59.999Z,,2026-03-20 (mail),final en: sent 2026-03-20 by mail',
    );
    expect(lines).toHaveLength(5); // the last CRLF ends the last row
  });

  it("keeps a typed note in its own cell: prefixed with its field's name, so it cannot start a formula", () => {
    const row = auditExportCsv(EXPORT).split("\r\n")[2]!;
    expect(row).toContain(`"note: =HYPERLINK(""http://x"",""Son said, ""call me"""")"`);
  });

  it("as JSON: one document, its notice first, dates as ISO strings", () => {
    const document = JSON.parse(auditExportJson({ ...EXPORT, format: "json" })) as Record<string, unknown>;
    expect(Object.keys(document)[0]).toBe("notice");
    expect(document).toMatchObject({
      range: { from: "2026-03-01", to: "2026-03-31" },
      generatedBy: { name: "Pat Morgan" },
      concerns: [
        { reference: "PR-2026-00042", events: [{ type: "note-added", at: "2026-03-14T19:07:00.000Z" }, {}] },
      ],
    });
  });
});
