import type { Unit } from "./directory.ts";

/**
 * How a typed unit is compared: case, spaces and punctuation ignored, so "4 West", "4-west" and
 * "4WEST" are one spelling. Words stay distinct from digits only by their letters ("4w" ≠ "4west").
 */
export const unitKey = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/** Every key a unit answers to: its id, its name and each alias. */
export const keysOf = (unit: Unit) => [unit.id, unit.name, ...unit.aliases].map(unitKey);

/** Edit distance between two keys (insert, delete, substitute), for "did you mean". */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The units whose spellings come closest to what was typed, nearest first. */
export function closestUnits(units: readonly Unit[], typed: string, count = 3): Unit[] {
  const key = unitKey(typed);
  return units
    .map((unit) => ({ unit, d: Math.min(...keysOf(unit).map((k) => editDistance(key, k))) }))
    .sort((a, b) => a.d - b.d || a.unit.name.localeCompare(b.unit.name))
    .slice(0, count)
    .map((x) => x.unit);
}

/** Said when a typed unit is none the directory knows: what to do, with the nearest names. */
export function unknownUnitMessage(units: readonly Unit[], typed: string): string {
  const names = closestUnits(units, typed).map((u) => u.name);
  const suggestion =
    names.length === 0
      ? ""
      : ` Did you mean ${names.slice(0, -1).join(", ")}${names.length > 1 ? " or " : ""}${names.at(-1)}?`;
  return `There is no unit “${typed.trim()}” in Liaison's directory.${suggestion} Choose it from the list.`;
}
