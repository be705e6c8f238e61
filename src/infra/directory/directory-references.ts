import { parseDuration, SEVERITIES, unitKey } from "../../core/index.ts";
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

/** A Slack member id named for two people would make one of them act as the other. */
function sharedSlackIds(file: DirectoryFile): DirectoryProblem[] {
  const first = new Map<string, number>();
  return file.people.flatMap((p, i) => {
    if (!p.slack) return [];
    const earlier = first.get(p.slack);
    first.set(p.slack, earlier ?? i);
    if (earlier === undefined) return [];
    return [{ path: ["people", i, "slack"], message: `${p.slack} is already people[${earlier}]'s Slack id` }];
  });
}

/** Every severity needs a policy that applies in every category, or some raise would find none. */
function uncoveredSeverities(file: DirectoryFile): DirectoryProblem[] {
  return SEVERITIES.filter(
    (severity) =>
      !file.policies.some(
        (p) =>
          p.match.category === undefined && (p.match.severity === undefined || p.match.severity === severity),
      ),
  ).map((severity) => ({
    path: ["policies"],
    message: `no policy applies to ${severity} concerns in every category; add one with match: { severity: ${severity} } or a catch-all with match: {}`,
  }));
}

function grievanceReminderTooLate(file: DirectoryFile): DirectoryProblem[] {
  const g = file.hospital.grievance;
  if (g.remindDaysBefore < g.interimNoticeDays) return [];
  return [
    {
      path: ["hospital", "grievance", "remindDaysBefore"],
      message: `expected fewer days than interimNoticeDays (${g.interimNoticeDays})`,
    },
  ];
}

/** Every person, department and category one section names must exist in its own section. */
function danglingIds(file: DirectoryFile): DirectoryProblem[] {
  const problems: DirectoryProblem[] = [];
  const people = new Set(file.people.map((p) => p.id));
  const departments = new Set(file.departments.map((d) => d.id));
  const categories = new Set(file.categories.map((c) => c.id));
  const check =
    (known: Set<string>, what: string) => (path: (string | number)[], value: string | undefined) => {
      if (value !== undefined && !known.has(value))
        problems.push({ path, message: `"${value}" is not the id of ${what}` });
    };
  const person = check(people, "anyone under people");
  const dept = check(departments, "any department");
  const category = check(categories, "any category");

  person(["hospital", "administratorOnCall"], file.hospital.administratorOnCall);
  file.hospital.weeklyReport?.recipients.forEach((r, i) =>
    person(["hospital", "weeklyReport", "recipients", i], r),
  );
  file.departments.forEach((d, i) => {
    d.responders.forEach((r, j) => person(["departments", i, "responders", j], r));
    for (const key of ["head", "manager", "director", "afterHoursTarget"] as const) {
      person(["departments", i, key], d[key]);
    }
  });
  dept(["routing", "fallbackDepartment"], file.routing.fallbackDepartment);
  file.routing.rules.forEach((r, i) => {
    category(["routing", "rules", i, "category"], r.category);
    dept(["routing", "rules", i, "department"], r.department);
  });
  file.policies.forEach((p, i) => category(["policies", i, "match", "category"], p.match.category));
  category(["hospital", "familyConcerns", "category"], file.hospital.familyConcerns?.category);
  return problems;
}

function departmentsWithoutChannel(file: DirectoryFile): DirectoryProblem[] {
  return file.departments.flatMap((d, i) =>
    d.slackChannel || d.teamsChannel
      ? []
      : [
          {
            path: ["departments", i],
            message: `department "${d.id}" needs a slackChannel or a teamsChannel, or its cards have nowhere to go`,
          },
        ],
  );
}

/**
 * With units listed, each spelling must mean one unit (two units answering to "4W" would route by
 * chance), and routing rules name units by id.
 */
function unitProblems(file: DirectoryFile): DirectoryProblem[] {
  const problems: DirectoryProblem[] = [];
  const owner = new Map<string, string>();
  file.units.forEach((u, i) => {
    [u.id, u.name, ...u.aliases].forEach((spelling, j) => {
      const key = unitKey(spelling);
      const taken = owner.get(key);
      if (taken !== undefined && taken !== u.id) {
        const path = j < 2 ? ["units", i, j === 0 ? "id" : "name"] : ["units", i, "aliases", j - 2];
        problems.push({ path, message: `"${spelling}" already means unit "${taken}"` });
      }
      owner.set(key, taken ?? u.id);
    });
  });
  if (file.units.length === 0) return problems;
  const ids = new Set(file.units.map((u) => u.id));
  file.routing.rules.forEach((r, i) => {
    if (r.unit !== undefined && !ids.has(r.unit)) {
      problems.push({
        path: ["routing", "rules", i, "unit"],
        message: `"${r.unit}" is not the id of any unit`,
      });
    }
  });
  return problems;
}

/**
 * A ladder may only name a declared duty, and a duty's fallback names a unit (per: unit) or a
 * department (per: department) and a person; a duty per unit needs the directory to list units.
 */
function dutyProblems(file: DirectoryFile): DirectoryProblem[] {
  const problems: DirectoryProblem[] = [];
  const duties = new Set(file.duties.map((d) => d.id));
  const people = new Set(file.people.map((p) => p.id));
  const places = {
    unit: new Set(file.units.map((u) => u.id)),
    department: new Set(file.departments.map((d) => d.id)),
  };
  file.duties.forEach((d, i) => {
    if (d.per === "unit" && file.units.length === 0)
      problems.push({ path: ["duties", i, "per"], message: "a duty per unit needs units: listed above" });
    for (const [place, person] of Object.entries(d.fallback)) {
      if (!places[d.per].has(place))
        problems.push({
          path: ["duties", i, "fallback", place],
          message: `"${place}" is not the id of any ${d.per}`,
        });
      if (!people.has(person))
        problems.push({
          path: ["duties", i, "fallback", place],
          message: `"${person}" is not the id of anyone under people`,
        });
    }
  });
  file.policies.forEach((p, i) =>
    p.ladder.forEach((step, j) => {
      const duty = step.notify.startsWith("duty:") ? step.notify.slice("duty:".length) : undefined;
      if (duty !== undefined && !duties.has(duty))
        problems.push({
          path: ["policies", i, "ladder", j, "notify"],
          message: `"${duty}" is not the id of any duty under duties`,
        });
    }),
  );
  return problems;
}

/** Checks what a schema cannot: that every id one section names exists in another, and the rules between sections. */
export function checkDirectoryReferences(file: DirectoryFile): DirectoryProblem[] {
  return [
    ...duplicates(file.people, "people"),
    ...duplicates(file.departments, "departments"),
    ...duplicates(file.categories, "categories"),
    ...duplicates(file.policies, "policies"),
    ...duplicates(file.units, "units"),
    ...duplicates(file.duties, "duties"),
    ...dutyProblems(file),
    ...unitProblems(file),
    ...sharedSlackIds(file),
    ...danglingIds(file),
    ...departmentsWithoutChannel(file),
    ...businessClockBeyondReach(file),
    ...uncoveredSeverities(file),
    ...grievanceReminderTooLate(file),
  ];
}
