import { describe, expect, it } from "vitest";
import type { PersonId } from "../../../src/core/ids.ts";
import { InvalidInputError, NotAllowedError } from "../../../src/core/errors.ts";
import {
  departmentsToRead,
  parseReportScope,
  reportAccess,
  scopeLabel,
} from "../../../src/core/report/report-scope.ts";
import { sampleDirectory } from "../../support/sample-directory.ts";

const directory = sampleDirectory();
const person = (id: string) => directory.person(id as PersonId)!;
const scopeOf = (words: string) => {
  const scope = parseReportScope(words, directory);
  switch (scope.kind) {
    case "department":
      return `department ${scope.department.id}`;
    case "unit":
      return `unit ${scope.unit.id}`;
    case "category":
      return `category ${scope.category.id}`;
    case "hospital":
      return "hospital";
  }
};
const refusalOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("it was allowed");
};

describe("what a report is about", () => {
  it("is a department, a unit or a category, by id, name, alias or label; nothing: the hospital", () => {
    expect(scopeOf("nursing-4w")).toBe("department nursing-4w");
    expect(scopeOf("Nursing 4 West")).toBe("department nursing-4w");
    expect(scopeOf("patient financial services")).toBe("department patient-financial-services");
    expect(scopeOf("4W")).toBe("unit 4w");
    expect(scopeOf("Four West")).toBe("unit 4w");
    expect(scopeOf("micu")).toBe("unit icu");
    expect(scopeOf("pain")).toBe("category pain");
    expect(scopeOf("Call light / response time")).toBe("category call-light");
    expect(scopeOf("  ")).toBe("hospital");
  });

  it("names the closest names the directory knows when it knows none", () => {
    const error = refusalOf(() => parseReportScope("4 Wset", directory));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(
      /^There is no department, unit or category “4 Wset” in Liaison's directory\. Did you mean 4 West, /,
    );
    expect((error as Error).message).toContain(
      "report [department|unit|category] [this week|last month|2026-11|2026-11-01..2026-11-15]",
    );
  });
});

describe("who may see which departments' numbers", () => {
  it("a liaison, a director and an admin see every department", () => {
    for (const id of ["pat.liaison", "dana.white", "avery.nguyen"]) {
      const access = reportAccess(directory, person(id));
      expect(access).toEqual({ kind: "all" });
      expect(departmentsToRead({ kind: "hospital" }, access)).toBe("all");
      expect(scopeLabel({ kind: "hospital" }, access)).toBe("the hospital");
    }
  });

  it("a responder, head or manager sees the departments they answer for, and only those", () => {
    const sam = reportAccess(directory, person("sam.rivera"));
    expect(departmentsToRead({ kind: "hospital" }, sam)).toEqual(["nursing-4w"]);
    expect(scopeLabel({ kind: "hospital" }, sam)).toBe("Nursing 4 West");
    // A unit or a category: only their departments' concerns of it.
    expect(departmentsToRead(parseReportScope("pain", directory), sam)).toEqual(["nursing-4w"]);
    const maria = reportAccess(directory, person("maria.lopez"));
    expect(departmentsToRead({ kind: "hospital" }, maria)).toEqual([
      "nursing-4w",
      "patient-financial-services",
      "patient-relations",
    ]);
  });

  it("refuses another department by name", () => {
    const sam = reportAccess(directory, person("sam.rivera"));
    const error = refusalOf(() =>
      departmentsToRead(parseReportScope("patient-financial-services", directory), sam),
    );
    expect(error).toBeInstanceOf(NotAllowedError);
    expect((error as Error).message).toBe(
      "You may see reports for Nursing 4 West only; Patient Financial Services is not one of your departments.",
    );
  });

  it("refuses a nurse, a manager of no department, and someone the directory does not know", () => {
    for (const who of [person("nia.okafor"), person("house.supervisor")]) {
      const error = refusalOf(() => reportAccess(directory, who));
      expect(error).toBeInstanceOf(NotAllowedError);
      expect((error as Error).message).toContain("the directory names you in no department");
    }
    expect((refusalOf(() => reportAccess(directory, undefined)) as Error).message).toContain(
      "ask your Liaison administrator to add you",
    );
  });
});
