import type { Concern } from "./concern.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";

/**
 * One line that names a concern without patient identity, for direct messages, threads and digests:
 * "PR-2026-00042 · high · Pain not managed · 4W room 412".
 */
export function concernSummary(directory: DirectoryIndex, concern: Concern): string {
  const category = directory.category(concern.category)?.label ?? concern.category;
  const grievance = concern.isGrievance ? " · grievance" : "";
  return `${concern.reference} · ${concern.severity} · ${category}${grievance} · ${directory.unitName(concern.unit)} room ${concern.room}`;
}
