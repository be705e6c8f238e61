import { describe, expect, it } from "vitest";
import { parseConcernDraft } from "../../../src/core/concern/concern-draft.schema.ts";
import { PATIENT_INITIALS_PROBLEM } from "../../../src/core/concern/patient-initials.ts";
import { InvalidInputError } from "../../../src/core/errors.ts";
import { PAIN_DRAFT } from "../../support/core-context.ts";
import { sampleDirectory } from "../../support/sample-directory.ts";

const directory = sampleDirectory();
const initialsOf = (typed: string | undefined) =>
  parseConcernDraft(directory, { ...PAIN_DRAFT, patientInitials: typed }).patientInitials;

function problemWith(typed: string): string | undefined {
  try {
    parseConcernDraft(directory, { ...PAIN_DRAFT, patientInitials: typed });
  } catch (error) {
    if (error instanceof InvalidInputError) return error.fieldErrors.patientInitials;
    throw error;
  }
  return undefined;
}

describe("a patient's initials on the raise form", () => {
  it("are optional: left empty, the concern has none", () => {
    expect(initialsOf(undefined)).toBeUndefined();
    expect(initialsOf("   ")).toBeUndefined();
  });

  it("are kept as capital letters however they were typed", () => {
    expect(initialsOf("J.D.")).toBe("JD");
    expect(initialsOf(" j d ")).toBe("JD");
    expect(initialsOf("M-A.K")).toBe("MAK");
    expect(initialsOf("é")).toBe("É");
  });

  it("are refused when they look like a name or are not letters, next to the field", () => {
    for (const typed of ["Jane", "J.D.K.L.", "J1", "J/D"])
      expect(problemWith(typed)).toBe(PATIENT_INITIALS_PROBLEM);
  });
});
