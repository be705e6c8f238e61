import type { ConcernId, DepartmentId } from "../ids.ts";
import type { Severity } from "../concern/severity.ts";

export interface DigestItem {
  concernId: ConcernId;
  reference: string;
  severity: Severity;
  categoryLabel: string;
  unit: string;
  room: string;
  status: string;
  ownerName?: string;
  ageMinutes: number;
  /** Which clock: acknowledgement, resolution, or the grievance's interim notice. */
  clock: "acknowledge" | "resolve" | "grievance";
  state: "overdue" | "at-risk";
  dueAt: string;
  /** Positive: minutes past due; negative: minutes left. */
  overdueMinutes: number;
}

export interface DigestDepartment {
  departmentId: DepartmentId;
  name: string;
  items: DigestItem[];
}

/** A manager's overdue digest, computed when it is queued: what was true at the schedule's slot. */
export interface DigestContent {
  recipientName: string;
  generatedAt: string;
  timeZone: string;
  departments: DigestDepartment[];
  /** Outbound messages that failed every retry: someone must look at them. */
  parkedDeliveries: number;
  /** Duties in the recipient's departments nobody holds now (absent in digests queued before duties). */
  unfilledDuties?: string[];
}

export const isAllClear = (d: DigestContent) =>
  d.parkedDeliveries === 0 && d.departments.every((dept) => dept.items.length === 0);
