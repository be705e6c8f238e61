import type { Directory } from "./directory.ts";
import type { CategoryId, DepartmentId } from "../ids.ts";
import { unitKey } from "./unit-names.ts";

export interface RoutingDecision {
  departmentId: DepartmentId;
  /** Which rule decided, for the audit trail: "category+unit", "category" or "fallback". */
  matchedBy: "category+unit" | "category" | "fallback";
}

const sameUnit = (a: string, b: string) => unitKey(a) === unitKey(b);

/** A rule naming both category and unit beats one naming the category only; otherwise the fallback. */
export function routeConcern(directory: Directory, category: CategoryId, unit: string): RoutingDecision {
  const rules = directory.routing.rules.filter((r) => r.category === category);
  const byUnit = rules.find((r) => r.unit !== undefined && sameUnit(r.unit, unit));
  if (byUnit) return { departmentId: byUnit.department, matchedBy: "category+unit" };
  const byCategory = rules.find((r) => r.unit === undefined);
  if (byCategory) return { departmentId: byCategory.department, matchedBy: "category" };
  return { departmentId: directory.routing.fallbackDepartment, matchedBy: "fallback" };
}
