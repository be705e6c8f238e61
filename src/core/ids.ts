/** Branded ids: a department id cannot be passed where a person id is expected. */
declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

export type ConcernId = Brand<string, "ConcernId">;
export type DepartmentId = Brand<string, "DepartmentId">;
export type PersonId = Brand<string, "PersonId">;
export type CategoryId = Brand<string, "CategoryId">;
export type PolicyId = Brand<string, "PolicyId">;
export type UnitId = Brand<string, "UnitId">;

export const asConcernId = (s: string) => s as ConcernId;
export const asDepartmentId = (s: string) => s as DepartmentId;
export const asPersonId = (s: string) => s as PersonId;
export const asUnitId = (s: string) => s as UnitId;
export const asCategoryId = (s: string) => s as CategoryId;
export const asPolicyId = (s: string) => s as PolicyId;

/** Liaison makes every concern id a UUID (ctx.newId); anything else, from a card, names no concern. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const parseConcernId = (s: unknown): ConcernId | undefined =>
  typeof s === "string" && UUID.test(s) ? asConcernId(s) : undefined;
