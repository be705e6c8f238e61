import type { Category, Department, Person, Unit } from "../directory/directory.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import { editDistance, unitKey } from "../directory/unit-names.ts";
import { InvalidInputError, NotAllowedError } from "../errors.ts";
import type { DepartmentId } from "../ids.ts";

/** What a report is about: the whole hospital (as far as the asker may see), a department, a unit or a category. */
export type ReportScope =
  | { kind: "hospital" }
  | { kind: "department"; department: Department }
  | { kind: "unit"; unit: Unit }
  | { kind: "category"; category: Category };

/** Which departments' concerns the asker may count: every one, or those they answer for. */
export type ReportAccess = { kind: "all" } | { kind: "own"; departments: readonly Department[] };

/** Roles whose work spans departments: they see every department's numbers, and its queue at home. */
export const HOSPITAL_WIDE_ROLES: ReadonlySet<Person["role"]> = new Set(["liaison", "director", "admin"]);

const names = (list: readonly string[]) =>
  list.length <= 1 ? (list[0] ?? "") : `${list.slice(0, -1).join(", ")} or ${list.at(-1)}`;

/** The directory's names closest to what was typed (departments, units, categories), nearest first. */
function closestNames(directory: DirectoryIndex, typed: string, count = 3): string[] {
  const key = unitKey(typed);
  const { departments, units, categories } = directory.directory;
  const candidates = [
    ...departments.map((d) => ({ name: d.name, keys: [d.id, d.name] })),
    ...units.map((u) => ({ name: u.name, keys: [u.id, u.name, ...u.aliases] })),
    ...categories.map((c) => ({ name: c.label, keys: [c.id, c.label] })),
  ];
  return candidates
    .map((c) => ({ name: c.name, d: Math.min(...c.keys.map((k) => editDistance(key, unitKey(k)))) }))
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, count)
    .map((c) => c.name);
}

/**
 * The scope a person typed: a department (id or name), then a unit (the directory's unit lookup:
 * id, name or alias), then a category (id or label); case, spaces and punctuation ignored. Empty: the hospital.
 */
export function parseReportScope(words: string, directory: DirectoryIndex): ReportScope {
  const typed = words.trim();
  if (typed === "") return { kind: "hospital" };
  const key = unitKey(typed);
  const department = directory.directory.departments.find(
    (d) => unitKey(d.id) === key || unitKey(d.name) === key,
  );
  if (department) return { kind: "department", department };
  const unit = directory.unitFor(typed);
  if (unit) return { kind: "unit", unit };
  const category = directory.directory.categories.find(
    (c) => unitKey(c.id) === key || unitKey(c.label) === key,
  );
  if (category) return { kind: "category", category };
  throw new InvalidInputError({
    scope: `There is no department, unit or category “${typed}” in Liaison's directory. Did you mean ${names(closestNames(directory, typed))}? A report is asked as: report [department|unit|category] [this week|last month|2026-11|2026-11-01..2026-11-15].`,
  });
}

/**
 * Who may see which departments' numbers: a liaison, a director or an admin sees all; anyone else
 * the directory names as a department's responder, head, manager or director sees those departments.
 */
export function reportAccess(directory: DirectoryIndex, person: Person | undefined): ReportAccess {
  if (!person) {
    throw new NotAllowedError(
      "Reports are for the people Liaison's directory names; ask your Liaison administrator to add you.",
    );
  }
  if (HOSPITAL_WIDE_ROLES.has(person.role)) return { kind: "all" };
  const departments = directory.departmentsOf(person.id);
  if (departments.length === 0) {
    throw new NotAllowedError(
      "Reports are for a department's responders, head or manager, patient relations liaisons, directors and admins; the directory names you in no department.",
    );
  }
  return { kind: "own", departments };
}

/**
 * The departments whose concerns a report reads ("all": every one), or a refusal naming the department.
 * A unit or a category asked for by someone with departments of their own counts only those departments.
 */
export function departmentsToRead(scope: ReportScope, access: ReportAccess): readonly DepartmentId[] | "all" {
  if (access.kind === "all") return scope.kind === "department" ? [scope.department.id] : "all";
  const own = access.departments.map((d) => d.id);
  if (scope.kind !== "department") return own;
  if (own.includes(scope.department.id)) return [scope.department.id];
  throw new NotAllowedError(
    `You may see reports for ${names(access.departments.map((d) => d.name))} only; ${scope.department.name} is not one of your departments.`,
  );
}

/** "Nursing 4 West", "4 West", "Pain not managed", "the hospital" or the asker's own departments. */
export function scopeLabel(scope: ReportScope, access: ReportAccess): string {
  switch (scope.kind) {
    case "department":
      return scope.department.name;
    case "unit":
      return `unit ${scope.unit.name}`;
    case "category":
      return `category ${scope.category.label}`;
    case "hospital":
      return access.kind === "all" ? "the hospital" : names(access.departments.map((d) => d.name));
  }
}
