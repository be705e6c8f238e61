import { parseDuration } from "../../core/duration.ts";
import { SEVERITIES } from "../../core/severity.ts";
import type { DirectoryFile } from "./directory-file.schema.ts";

export interface DirectoryProblem {
  path: (string | number)[];
  message: string;
}

function duplicates<T extends { id: string }>(items: readonly T[], section: string): DirectoryProblem[] {
  const seen = new Set<string>();
  const problems: DirectoryProblem[] = [];
  items.forEach((item, i) => {
    if (seen.has(item.id))
      problems.push({ path: [section, i, "id"], message: `"${item.id}" is used twice in ${section}` });
    seen.add(item.id);
  });
  return problems;
}

const minutesOfDay = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/**
 * Business time is counted day by day over the hospital's business hours; a resolve deadline needing
 * more than a year of them could never be computed, so every raise under that policy would fail.
 */
function businessClockBeyondReach(file: DirectoryFile): DirectoryProblem[] {
  const hours = file.hospital.businessHours;
  const weeklyMinutes = hours.days.length * (minutesOfDay(hours.end) - minutesOfDay(hours.start));
  const maxHours = Math.floor((weeklyMinutes * 52) / 60);
  return file.policies.flatMap((p, i) => {
    const within = parseDuration(p.resolveWithin);
    if (p.resolveClock !== "business" || within?.unit !== "minutes" || within.amount <= maxHours * 60)
      return [];
    return [
      {
        path: ["policies", i, "resolveWithin"],
        message: `on the business clock, expected at most ${maxHours}h: a year of the hospital's business hours (${weeklyMinutes / 60}h a week)`,
      },
    ];
  });
}

/** Checks what a schema cannot: that every id one section names exists in another. */
export function checkDirectoryReferences(file: DirectoryFile): DirectoryProblem[] {
  const problems: DirectoryProblem[] = [
    ...duplicates(file.people, "people"),
    ...duplicates(file.departments, "departments"),
    ...duplicates(file.categories, "categories"),
    ...duplicates(file.policies, "policies"),
  ];
  const people = new Set(file.people.map((p) => p.id));
  const departments = new Set(file.departments.map((d) => d.id));
  const categories = new Set(file.categories.map((c) => c.id));

  const person = (path: (string | number)[], value: string | undefined) => {
    if (value !== undefined && !people.has(value)) {
      problems.push({ path, message: `"${value}" is not the id of anyone under people` });
    }
  };
  const dept = (path: (string | number)[], value: string) => {
    if (!departments.has(value))
      problems.push({ path, message: `"${value}" is not the id of any department` });
  };
  const category = (path: (string | number)[], value: string | undefined) => {
    if (value !== undefined && !categories.has(value)) {
      problems.push({ path, message: `"${value}" is not the id of any category` });
    }
  };

  const slackIds = new Map<string, number>();
  file.people.forEach((p, i) => {
    if (!p.slack) return;
    const first = slackIds.get(p.slack);
    if (first !== undefined) {
      problems.push({
        path: ["people", i, "slack"],
        message: `${p.slack} is already people[${first}]'s Slack id`,
      });
    }
    slackIds.set(p.slack, i);
  });

  person(["hospital", "administratorOnCall"], file.hospital.administratorOnCall);
  file.departments.forEach((d, i) => {
    d.responders.forEach((r, j) => person(["departments", i, "responders", j], r));
    for (const key of ["head", "manager", "director", "afterHoursTarget"] as const) {
      person(["departments", i, key], d[key]);
    }
    if (!d.slackChannel && !d.teamsChannel) {
      problems.push({
        path: ["departments", i],
        message: `department "${d.id}" needs a slackChannel or a teamsChannel, or its cards have nowhere to go`,
      });
    }
  });
  dept(["routing", "fallbackDepartment"], file.routing.fallbackDepartment);
  file.routing.rules.forEach((r, i) => {
    category(["routing", "rules", i, "category"], r.category);
    dept(["routing", "rules", i, "department"], r.department);
  });
  file.policies.forEach((p, i) => category(["policies", i, "match", "category"], p.match.category));
  problems.push(...businessClockBeyondReach(file));

  for (const severity of SEVERITIES) {
    const covered = file.policies.some(
      (p) =>
        p.match.category === undefined && (p.match.severity === undefined || p.match.severity === severity),
    );
    if (!covered) {
      problems.push({
        path: ["policies"],
        message: `no policy applies to ${severity} concerns in every category; add one with match: { severity: ${severity} } or a catch-all with match: {}`,
      });
    }
  }
  const g = file.hospital.grievance;
  if (g.remindDaysBefore >= g.interimNoticeDays) {
    problems.push({
      path: ["hospital", "grievance", "remindDaysBefore"],
      message: `expected fewer days than interimNoticeDays (${g.interimNoticeDays})`,
    });
  }
  return problems;
}
