import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DirectoryFileError, parseDirectory } from "../../src/infra/directory/load-directory-file.ts";
import { SAMPLE_DIRECTORY_FILE } from "../support/sample-directory.ts";

const SAMPLE = readFileSync(SAMPLE_DIRECTORY_FILE, "utf8");
const HOSPITAL_LEVEL =
  "  cardPrivacy:\n    patient: room-and-masked-reference\n    description: { show: full }\n";
const PATIENT_RELATIONS = "    head: pat.liaison\n    manager: maria.lopez\n    director: dana.white\n";

/** The sample with its hospital's card level replaced by `yaml` (indented as under hospital:). */
function withHospitalLevel(yaml: string): string {
  if (!SAMPLE.includes(HOSPITAL_LEVEL)) throw new Error("test setup: the sample's cardPrivacy block moved");
  return SAMPLE.replace(HOSPITAL_LEVEL, yaml);
}

/** The sample with Patient Relations (departments[3]) given its own card level. */
function withPatientRelationsLevel(yaml: string): string {
  if (!SAMPLE.includes(PATIENT_RELATIONS)) throw new Error("test setup: Patient Relations moved");
  return SAMPLE.replace(PATIENT_RELATIONS, `${PATIENT_RELATIONS}${yaml}`);
}

const lineOfText = (text: string, anchor: string) => text.slice(0, text.indexOf(anchor)).split("\n").length;

function problemsOf(text: string): readonly string[] {
  try {
    parseDirectory(text, "directory.yaml");
  } catch (error) {
    if (error instanceof DirectoryFileError) return error.problems;
    throw error;
  }
  throw new Error("expected the directory to be rejected");
}

const levelsOf = (text: string) => parseDirectory(text, "directory.yaml").directory;

describe("the directory file: what a card shows", () => {
  it("the sample shows today's cards, and a file without cardPrivacy shows the same", () => {
    const expected = { patient: "room-and-masked-reference", description: { show: "full" } };
    expect(levelsOf(SAMPLE).hospital.cardPrivacy).toEqual(expected);
    expect(levelsOf(withHospitalLevel("")).hospital.cardPrivacy).toEqual(expected);
    expect(levelsOf(SAMPLE).departments.every((d) => d.cardPrivacy === undefined)).toBe(true);
  });

  it("a hospital may show the room and initials, and the first 120 characters", () => {
    const text = withHospitalLevel(
      "  cardPrivacy:\n    patient: room-and-initials\n    description: { show: first-characters, characters: 120 }\n",
    );
    expect(levelsOf(text).hospital.cardPrivacy).toEqual({
      patient: "room-and-initials",
      description: { show: "first-characters", characters: 120 },
    });
  });

  it("one part alone is enough; the other keeps its default", () => {
    const text = withHospitalLevel("  cardPrivacy: { patient: room-only }\n");
    expect(levelsOf(text).hospital.cardPrivacy).toEqual({
      patient: "room-only",
      description: { show: "full" },
    });
  });

  it("a department may override either part; what it leaves out is the hospital's", () => {
    const text = withPatientRelationsLevel("    cardPrivacy:\n      description: { show: category-only }\n");
    const department = levelsOf(text).departments.find((d) => d.id === "patient-relations")!;
    expect(department.cardPrivacy).toEqual({ description: { show: "category-only" } });
  });

  const cases: [string, string, string][] = [
    [
      "a patient level that does not exist",
      withHospitalLevel("  cardPrivacy: { patient: room-and-name }\n"),
      "hospital.cardPrivacy.patient (line 34): expected one of room-only, room-and-masked-reference, room-and-initials",
    ],
    [
      "a description level that does not exist",
      withHospitalLevel("  cardPrivacy: { description: { show: summary } }\n"),
      "hospital.cardPrivacy.description.show (line 34): expected one of full, first-characters, category-only",
    ],
    [
      "first characters without how many",
      withHospitalLevel("  cardPrivacy: { description: { show: first-characters } }\n"),
      "hospital.cardPrivacy.description.characters (line 34): expected characters with show: first-characters: how many to show, 20 to 2000, like 120",
    ],
    [
      "too few characters to say anything",
      withHospitalLevel("  cardPrivacy: { description: { show: first-characters, characters: 10 } }\n"),
      "hospital.cardPrivacy.description.characters (line 34): expected at least 20 characters: fewer says nothing a responder can use",
    ],
    [
      "more characters than hide anything",
      withHospitalLevel("  cardPrivacy: { description: { show: first-characters, characters: 2001 } }\n"),
      "hospital.cardPrivacy.description.characters (line 34): expected at most 2000 characters",
    ],
    [
      "a count of characters that is not a number",
      withHospitalLevel('  cardPrivacy: { description: { show: first-characters, characters: "120" } }\n'),
      "hospital.cardPrivacy.description.characters (line 34): expected a number of characters, 20 to 2000",
    ],
    [
      "characters with a level that shows no characters",
      withHospitalLevel("  cardPrivacy: { description: { show: full, characters: 120 } }\n"),
      "hospital.cardPrivacy.description.characters (line 34): characters applies only to show: first-characters; remove it, or show the first characters",
    ],
    [
      "a description level given as a bare word",
      withHospitalLevel("  cardPrivacy: { description: category-only }\n"),
      "hospital.cardPrivacy.description (line 34): expected { show: full }, { show: first-characters, characters: 120 } or { show: category-only }",
    ],
    [
      "a misspelt key in a department's level",
      withPatientRelationsLevel("    cardPrivacy: { patients: room-only }\n"),
      'departments[3].cardPrivacy.patients (line LINE): unknown key "patients"; check its spelling against the sample directory file',
    ],
  ];

  it.each(cases)("refuses %s, naming the place, the line and what was expected", (_what, text, expected) => {
    const line = String(lineOfText(text, "cardPrivacy: {"));
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      `directory.yaml: ${expected.replace("line 34", `line ${line}`).replace("LINE", line)}`,
    );
  });
});
