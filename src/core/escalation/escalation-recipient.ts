import { isWithinBusinessHours } from "./business-time.ts";
import {
  dutyOfTarget,
  isDutyTarget,
  type Department,
  type DutyTarget,
  type LadderTarget,
  type Person,
} from "../directory/directory.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import { dutyPerson, dutyPlaceName, DutyRoster } from "../duty/duty-roster.ts";

export type EscalationRecipient =
  | { kind: "channel"; department: Department }
  | {
      kind: "person";
      person: Person;
      role: LadderTarget;
      afterHours: boolean;
      /** Reached as a duty's holder, or as its fallback because nobody took it this shift. */
      duty?: { fallback: boolean };
    };

/** The duties held now and the concern's unit, which a duty per unit is held for. */
export interface DutyScope {
  roster: DutyRoster;
  unit: string;
}

const NO_DUTIES: DutyScope = { roster: DutyRoster.EMPTY, unit: "" };

export const LADDER_TARGET_LABEL: Record<Exclude<LadderTarget, DutyTarget>, string> = {
  "department-channel": "department channel",
  "department-head": "department head",
  "department-manager": "department manager",
  "department-director": "director",
  "administrator-on-call": "administrator on call",
};

/** What a level is called in messages: "department head", or a duty's name ("charge nurse"). */
export function ladderTargetLabel(directory: DirectoryIndex, target: LadderTarget): string {
  if (!isDutyTarget(target)) return LADDER_TARGET_LABEL[target];
  return (directory.duty(dutyOfTarget(target))?.name ?? dutyOfTarget(target)).toLowerCase();
}

/** Outside its business hours a department's head and manager are replaced by its after-hours target. */
export function isAfterHours(directory: DirectoryIndex, department: Department, at: Date): boolean {
  return (
    department.businessHours !== undefined &&
    !isWithinBusinessHours(at, department.businessHours, directory.hospital.timeZone)
  );
}

function dutyRecipient(
  directory: DirectoryIndex,
  department: Department,
  target: DutyTarget,
  duties: DutyScope,
): EscalationRecipient | undefined {
  const duty = directory.duty(dutyOfTarget(target));
  if (!duty) return undefined;
  const place = duty.per === "unit" ? (directory.unitFor(duties.unit)?.id ?? duties.unit) : department.id;
  const reached = dutyPerson(directory, duties.roster, duty, place);
  return reached
    ? {
        kind: "person",
        person: reached.person,
        role: target,
        afterHours: false,
        duty: { fallback: reached.fallback },
      }
    : undefined;
}

/**
 * Who a ladder level reaches for a department, now. People are looked up in the current directory
 * (shifts change) and duties in who took them this shift; the ladder itself was frozen when the
 * concern was raised. Undefined: nobody holds it.
 */
export function escalationRecipient(
  directory: DirectoryIndex,
  department: Department,
  target: LadderTarget,
  at: Date,
  duties: DutyScope = NO_DUTIES,
): EscalationRecipient | undefined {
  if (isDutyTarget(target)) return dutyRecipient(directory, department, target, duties);
  if (target === "department-channel") {
    return department.slackChannelId || department.teamsChannelId
      ? { kind: "channel", department }
      : undefined;
  }
  const afterHours =
    (target === "department-head" || target === "department-manager") &&
    department.afterHoursTarget !== undefined &&
    isAfterHours(directory, department, at);
  const personId = afterHours
    ? department.afterHoursTarget
    : {
        "department-head": department.head,
        "department-manager": department.manager,
        "department-director": department.director,
        "administrator-on-call": directory.hospital.administratorOnCall,
      }[target];
  const person = personId ? directory.person(personId) : undefined;
  return person ? { kind: "person", person, role: target, afterHours } : undefined;
}

/** Why nobody holds a level: for a duty, that nobody took it this shift and no fallback is named. */
export function skipReason(
  directory: DirectoryIndex,
  department: Department,
  target: LadderTarget,
  duties: DutyScope = NO_DUTIES,
): string {
  if (!isDutyTarget(target)) return "nobody is assigned to this level";
  const duty = directory.duty(dutyOfTarget(target));
  if (!duty) return `the directory no longer has the duty ${dutyOfTarget(target)}`;
  const place = duty.per === "unit" ? (directory.unitFor(duties.unit)?.id ?? duties.unit) : department.id;
  return `nobody took ${duty.name.toLowerCase()} for ${dutyPlaceName(directory, duty, place)} this shift, and the directory names no fallback`;
}
