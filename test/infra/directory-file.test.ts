import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { addPolicyDuration } from "../../src/core/escalation/business-time.ts";
import {
  DirectoryFileError,
  loadDirectoryFile,
  parseDirectory,
} from "../../src/infra/directory/load-directory-file.ts";
import { SAMPLE_DIRECTORY_FILE } from "../support/sample-directory.ts";

const SAMPLE = readFileSync(SAMPLE_DIRECTORY_FILE, "utf8");

/** The sample file with one text replacement: each case below breaks exactly one thing. */
function sampleWith(find: string | RegExp, replace: string): string {
  const edited = SAMPLE.replace(find, replace);
  if (edited === SAMPLE) throw new Error(`test setup: ${String(find)} not found in the sample`);
  return edited;
}

/** The 1-based line of the first occurrence of `anchor` in the sample. */
function lineOf(anchor: string): number {
  const index = SAMPLE.indexOf(anchor);
  if (index < 0) throw new Error(`test setup: ${anchor} not found in the sample`);
  return SAMPLE.slice(0, index).split("\n").length;
}

function problemsOf(text: string): readonly string[] {
  try {
    parseDirectory(text, "directory.yaml");
  } catch (error) {
    if (error instanceof DirectoryFileError) return error.problems;
    throw error;
  }
  throw new Error("expected the directory to be rejected");
}

describe("the directory file", () => {
  it("the shipped sample is valid, and loading it twice gives the same version", () => {
    const a = loadDirectoryFile(SAMPLE_DIRECTORY_FILE);
    const b = loadDirectoryFile(SAMPLE_DIRECTORY_FILE);
    expect(a.directory.departments.map((d) => d.id)).toContain("nursing-4w");
    expect(a.contentHash).toBe(b.contentHash);
  });

  it("the repeat window is 30 days unless the file says otherwise", () => {
    expect(loadDirectoryFile(SAMPLE_DIRECTORY_FILE).directory.hospital.repeatConcernWindowDays).toBe(30);
    const without = parseDirectory(sampleWith(/\n {2}repeatConcernWindowDays: 30\n/, "\n"), "x.yaml");
    expect(without.directory.hospital.repeatConcernWindowDays).toBe(30);
    const off = parseDirectory(
      sampleWith("repeatConcernWindowDays: 30", "repeatConcernWindowDays: 0"),
      "x.yaml",
    );
    expect(off.directory.hospital.repeatConcernWindowDays).toBe(0);
  });

  it("a comment or formatting change does not change the version", () => {
    const reformatted = parseDirectory(`# edited by IT\n${SAMPLE}`, "x.yaml");
    expect(reformatted.contentHash).toBe(loadDirectoryFile(SAMPLE_DIRECTORY_FILE).contentHash);
  });

  const cases: [string, string, string][] = [
    [
      "a repeat window that is not a whole number of days",
      sampleWith("repeatConcernWindowDays: 30", "repeatConcernWindowDays: 2.5"),
      `directory.yaml: hospital.repeatConcernWindowDays (line ${lineOf("repeatConcernWindowDays: 30")}): expected a whole number of days`,
    ],
    [
      "a negative repeat window",
      sampleWith("repeatConcernWindowDays: 30", "repeatConcernWindowDays: -1"),
      `directory.yaml: hospital.repeatConcernWindowDays (line ${lineOf("repeatConcernWindowDays: 30")}): expected 0 (off) or more days`,
    ],
    [
      "a time zone that does not exist",
      sampleWith("timeZone: America/Chicago", "timeZone: America/Chicag"),
      `directory.yaml: hospital.timeZone (line ${lineOf("timeZone: America/Chicago")}): expected an IANA time zone such as America/Chicago or Europe/London`,
    ],
    [
      "two units answering to the same spelling",
      sampleWith("aliases: [5E, Five East]", "aliases: [5E, 4-west]"),
      `directory.yaml: units[1].aliases[1] (line ${lineOf("aliases: [5E, Five East]")}): "4-west" already means unit "4w"`,
    ],
    [
      "a routing rule naming a unit by its name instead of its id",
      sampleWith("{ category: pain, unit: 4w,", "{ category: pain, unit: 4W,"),
      `directory.yaml: routing.rules[0].unit (line ${lineOf("{ category: pain, unit: 4w,")}): "4W" is not the id of any unit`,
    ],
    [
      "a Slack user id copied as a display name",
      sampleWith("slack: U04SAMRVR02", "slack: '@sam'"),
      `directory.yaml: people[1].slack (line ${lineOf("slack: U04SAMRVR02")}): expected a Slack user id like U04ABCDEF12 (Profile → ⋮ → Copy member ID)`,
    ],
    [
      "a Slack channel given by name",
      sampleWith("slackChannel: C04NURS4W01", "slackChannel: '#nursing-4w'"),
      `directory.yaml: departments[0].slackChannel (line ${lineOf("slackChannel: C04NURS4W01")}): expected a Slack channel id like C04ABCDEF12 (channel details → bottom of About)`,
    ],
    [
      "a Teams channel id without its thread suffix",
      sampleWith(
        '"19:4a8f2c6e9b1d4e7fa3c5d8b2e6f0a9c1@thread.tacv2"',
        '"19:4a8f2c6e9b1d4e7fa3c5d8b2e6f0a9c1"',
      ),
      `directory.yaml: departments[0].teamsChannel (line ${lineOf('"19:4a8f2c6e9b1d4e7fa3c5d8b2e6f0a9c1@thread.tacv2"')}): expected a Teams channel id like 19:abc123…@thread.tacv2 (channel → ⋯ → Get link to channel)`,
    ],
    [
      "an AAD object id that is not a GUID",
      sampleWith("teams: 3b9d7a51-2c4e-4f8a-9b61-7d2e0c5a8f13", "teams: lee.chen@example.org"),
      `directory.yaml: people[2].teams (line ${lineOf("teams: 3b9d7a51")}): expected a Microsoft Entra (AAD) object id, a GUID like 6f1c2a8e-5b7d-4c3e-9a10-2b4d6e8f0a1c`,
    ],
    [
      "a role that Liaison does not know",
      sampleWith("role: nurse,", "role: charge-nurse,"),
      `directory.yaml: people[0].role (line ${lineOf("role: nurse,")}): expected one of nurse, liaison, responder, department-head, manager, director, admin`,
    ],
    [
      "a department head who is not in people",
      sampleWith("head: jo.kim", "head: joe.kim"),
      `directory.yaml: departments[0].head (line ${lineOf("head: jo.kim")}): "joe.kim" is not the id of anyone under people`,
    ],
    [
      "a routing rule to a department that does not exist",
      sampleWith(
        "{ category: billing, department: patient-financial-services }",
        "{ category: billing, department: billing-office }",
      ),
      `directory.yaml: routing.rules[2].department (line ${lineOf("{ category: billing, department:")}): "billing-office" is not the id of any department`,
    ],
    [
      "a duration written in words",
      sampleWith("acknowledgeWithin: 5m", "acknowledgeWithin: 5 minutes"),
      `directory.yaml: policies[0].acknowledgeWithin (line ${lineOf("acknowledgeWithin: 5m")}): expected minutes or hours such as "15m" or "1h"`,
    ],
    [
      "a patient update due the moment someone acknowledges",
      sampleWith("updatePatientWithin: 2h", "updatePatientWithin: 0m"),
      `directory.yaml: policies[2].updatePatientWithin (line ${lineOf("updatePatientWithin: 2h")}): expected more than 0m: an update cannot be due the moment someone acknowledges`,
    ],
    [
      "a repeat of patient updates without the first one",
      sampleWith("    updatePatientWithin: 2h\n", ""),
      `directory.yaml: policies[2].updatePatientWithin (line ${lineOf("- id: moderate")}): expected updatePatientWithin as well: it says when the first update after acknowledgement is due`,
    ],
    [
      "a ladder with too many repeats",
      sampleWith("repeat: 2", "repeat: 9"),
      `directory.yaml: policies[0].repeat (line ${lineOf("repeat: 2")}): expected at most 5 repeats`,
    ],
    [
      "business hours that close before they open",
      sampleWith(
        'start: "08:00", end: "17:00" }\n  administratorOnCall',
        'start: "17:00", end: "08:00" }\n  administratorOnCall',
      ),
      `directory.yaml: hospital.businessHours.end (line ${lineOf("businessHours: { days: [mon, tue, wed, thu, fri], start")}): expected end to be later than start`,
    ],
    [
      "a digest schedule that is not a cron expression",
      sampleWith('schedules: ["0 7 * * *", "0 19 * * *"]', 'schedules: ["7am daily"]'),
      `directory.yaml: people[4].digest.schedules[0] (line ${lineOf('schedules: ["0 7 * * *", "0 19')}): expected a cron expression such as "0 7 * * *" (07:00 daily, hospital time)`,
    ],
    [
      "a misspelt key",
      sampleWith("fallbackDepartment: patient-relations", "fallbackDepartmnet: patient-relations"),
      `directory.yaml: routing.fallbackDepartmnet (line ${lineOf("fallbackDepartment: patient-relations")}): unknown key "fallbackDepartmnet"; check its spelling against the sample directory file`,
    ],
    [
      "no policy for low-severity concerns",
      sampleWith(/ {2}- id: default\n[\s\S]*$/, ""),
      `directory.yaml: policies (line ${lineOf("- id: critical")}): no policy applies to low concerns in every category; add one with match: { severity: low } or a catch-all with match: {}`,
    ],
    [
      "the same person listed twice",
      sampleWith("- { id: ben.adler,", "- { id: sam.rivera,"),
      `directory.yaml: people[9].id (line ${lineOf("- { id: ben.adler")}): "sam.rivera" is used twice in people`,
    ],
    [
      "a category id too long to be a choice in Slack's form",
      sampleWith("- { id: pain, label: Pain not managed }", `- { id: p${"a".repeat(150)}in, label: Pain }`),
      `directory.yaml: categories[0].id (line ${lineOf("- { id: pain, label")}): expected an id of at most 150 characters (Slack's limit for a menu choice)`,
    ],
    [
      "a business-clock deadline longer than a year of business hours",
      sampleWith("resolveWithin: 16h", "resolveWithin: 5000h"),
      `directory.yaml: policies[3].resolveWithin (line ${lineOf("resolveWithin: 16h")}): on the business clock, expected at most 2340h: a year of the hospital's business hours (45h a week)`,
    ],
    [
      "a deadline so far away it is no date",
      sampleWith("resolveWithin: 3d", "resolveWithin: 99999999d"),
      `directory.yaml: policies[4].resolveWithin (line ${lineOf("resolveWithin: 3d")}): expected at most 365d (8760h)`,
    ],
    [
      "a ladder naming a duty the directory does not declare",
      sampleWith("notify: duty:charge-nurse", "notify: duty:charge-nures"),
      `directory.yaml: policies[5].ladder[0].notify (line ${lineOf("notify: duty:charge-nurse")}): "charge-nures" is not the id of any duty under duties`,
    ],
    [
      "a ladder step that is neither a level nor a duty",
      sampleWith("notify: duty:charge-nurse", "notify: charge-nurse"),
      `directory.yaml: policies[5].ladder[0].notify (line ${lineOf("notify: duty:charge-nurse")}): expected one of department-channel, department-head, department-manager, department-director, administrator-on-call, or duty:<a duty id> such as duty:charge-nurse`,
    ],
    [
      "a duty's fallback for a unit that does not exist",
      sampleWith("fallback: { 4w: jo.kim }", "fallback: { 4x: jo.kim }"),
      `directory.yaml: duties[0].fallback.4x (line ${lineOf("fallback: { 4w: jo.kim }")}): "4x" is not the id of any unit`,
    ],
    [
      "a duty's fallback person who is not under people",
      sampleWith("fallback: { 4w: jo.kim }", "fallback: { 4w: jo.kimm }"),
      `directory.yaml: duties[0].fallback.4w (line ${lineOf("fallback: { 4w: jo.kim }")}): "jo.kimm" is not the id of anyone under people`,
    ],
    [
      "a shift change that is no time of day",
      sampleWith('shiftChanges: ["07:00", "19:00"]', 'shiftChanges: ["07:00", "7pm"]'),
      `directory.yaml: hospital.shiftChanges[1] (line ${lineOf("shiftChanges:")}): expected a 24-hour local time like "07:30"`,
    ],
    [
      "a role that may see patient details that is no role",
      sampleWith("roles: [liaison, director, admin]", "roles: [liaison, everyone]"),
      `directory.yaml: hospital.patientDetailsViewers.roles[1] (line ${lineOf("roles: [liaison, director, admin]")}): expected roles among nurse, liaison, responder, department-head, manager, director, admin`,
    ],
    [
      "a weekly report schedule that is no cron expression",
      sampleWith('schedule: "0 8 * * 1"', 'schedule: "Mondays"'),
      `directory.yaml: hospital.weeklyReport.schedule (line ${lineOf('schedule: "0 8 * * 1"')}): expected a cron expression such as "0 8 * * 1" (Mondays at 08:00, hospital time)`,
    ],
    [
      "a weekly report recipient who is not under people",
      sampleWith("recipients: []", "recipients: [dana.whyte]"),
      `directory.yaml: hospital.weeklyReport.recipients[0] (line ${lineOf("recipients: []")}): "dana.whyte" is not the id of anyone under people`,
    ],
    [
      "broken YAML",
      sampleWith("categories:\n", "categories:\n  - { id: pain, label: Pain\n"),
      `directory.yaml: line ${lineOf("categories:") + 2}, column 3: Flow map in block collection must be sufficiently indented and end with a }`,
    ],
  ];

  it.each(cases)(
    "rejects %s with a message naming the file, path, line and what was expected",
    (_, text, expected) => {
      expect(problemsOf(text)).toContain(expected);
    },
  );

  it("refuses a YAML alias bomb by name instead of expanding it", () => {
    const bomb = [
      'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
      ..."bcdefgh".split("").map((n, i) => `${n}: &${n} [${Array(9).fill(`*${"abcdefgh"[i]}`).join(", ")}]`),
    ].join("\n");
    expect(problemsOf(`${SAMPLE}\n${bomb}\n`)).toEqual([
      "directory.yaml: too many aliases (the file expands *name references beyond 100); write the entries out instead",
    ]);
  });

  it("a business-clock deadline that fits in a year of business hours is accepted and computable", () => {
    const { directory } = parseDirectory(sampleWith("resolveWithin: 16h", "resolveWithin: 2340h"), "x.yaml");
    const policy = directory.policies.find((p) => p.id === "billing-low")!;
    const from = new Date("2026-03-02T14:00:00Z");
    const due = addPolicyDuration(
      from,
      policy.resolveWithin,
      "business",
      directory.hospital.businessHours,
      directory.hospital.timeZone,
    );
    expect(due.getTime()).toBeGreaterThan(from.getTime());
  });

  it("reports every problem at once rather than the first", () => {
    const text = sampleWith("timeZone: America/Chicago", "timeZone: Nowhere").replace(
      "repeat: 2",
      "repeat: 9",
    );
    expect(problemsOf(text)).toHaveLength(2);
  });

  it("a missing file says which file and how to point Liaison at the right one", () => {
    expect(() => loadDirectoryFile("/nonexistent/directory.yaml")).toThrow(
      "/nonexistent/directory.yaml: cannot read it (no such file). Set LIAISON_DIRECTORY_FILE to your hospital's directory file.",
    );
  });
});
