import { describe, expect, it } from "vitest";
import { asCategoryId } from "../../../src/core/ids.ts";
import { maskPatientReference } from "../../../src/core/concern/mask-patient-reference.ts";
import { routeConcern } from "../../../src/core/directory/route-concern.ts";
import { sampleDirectory } from "../../support/sample-directory.ts";

describe("routing a concern to a department", () => {
  const directory = sampleDirectory().directory;
  const route = (category: string, unit: string) => routeConcern(directory, asCategoryId(category), unit);

  it("a pain concern on 4 West goes to Nursing 4 West (category and unit)", () => {
    expect(route("pain", "4W")).toEqual({ departmentId: "nursing-4w", matchedBy: "category+unit" });
  });

  it("units are matched without regard to case or spaces", () => {
    expect(route("call-light", " 4w ").departmentId).toBe("nursing-4w");
  });

  it("a billing concern from any unit goes to Patient Financial Services (category only)", () => {
    expect(route("billing", "ICU")).toEqual({
      departmentId: "patient-financial-services",
      matchedBy: "category",
    });
  });

  it("anything no rule matches goes to Patient Relations", () => {
    expect(route("pain", "ICU")).toEqual({ departmentId: "patient-relations", matchedBy: "fallback" });
    expect(route("patient-rights", "4W")).toEqual({
      departmentId: "patient-relations",
      matchedBy: "fallback",
    });
  });
});

describe("what a channel card may show of a patient reference", () => {
  const masking = { visibleTrailingCharacters: 3 };
  it.each([
    ["E20260417", "•••417"],
    ["  E20260417 ", "•••417"],
    ["1234", "•••"],
    ["", "—"],
    [undefined, "—"],
  ])("%j is shown as %j", (input, shown) => {
    expect(maskPatientReference(input, masking)).toBe(shown);
  });

  it("shows nothing at all when the hospital sets zero visible characters", () => {
    expect(maskPatientReference("E20260417", { visibleTrailingCharacters: 0 })).toBe("•••");
  });
});
