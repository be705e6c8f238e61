import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { isMap, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import {
  asCategoryId,
  asDepartmentId,
  asPersonId,
  asPolicyId,
  asUnitId,
  type Directory,
  LiaisonError,
  parseDuration,
  type PatientUpdatePolicy,
  type PolicyDuration,
} from "../../core/index.ts";
import { directoryFileSchema, type DirectoryFile } from "./directory-file.schema.ts";
import { checkDirectoryReferences, type DirectoryProblem } from "./directory-references.ts";

export class DirectoryFileError extends LiaisonError {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(
      "directory-invalid",
      `The directory file ${file} has ${problems.length} problem${problems.length === 1 ? "" : "s"}; Liaison will not start until they are fixed:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "DirectoryFileError";
  }
}

export interface LoadedDirectory {
  directory: Directory;
  /** sha256 of the validated content: the same file imported twice is recognised as the same version. */
  contentHash: string;
  file: string;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join("");
}

/** The line of the deepest node of `path` that exists in the document. */
function lineOf(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth) as unknown[], true) as
      { range?: [number, number, number] } | undefined;
    if (node && (node.range || isMap(node) || isSeq(node)) && node.range)
      return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

function describe(file: string, doc: Document, lines: LineCounter, problem: DirectoryProblem): string {
  const where = formatPath(problem.path) || "(top level)";
  const line = lineOf(doc, lines, problem.path);
  return `${file}: ${where}${line ? ` (line ${line})` : ""}: ${problem.message}`;
}

const minutes = (text: string) => (parseDuration(text) as { amount: number }).amount;

/** A missed patient update escalates half an hour after the owner's reminder unless the policy says. */
const DEFAULT_PATIENT_UPDATE_ESCALATION = "30m";

function patientUpdate(p: DirectoryFile["policies"][number]): { updatePatient?: PatientUpdatePolicy } {
  if (!p.updatePatientWithin) return {};
  return {
    updatePatient: {
      withinMinutes: minutes(p.updatePatientWithin),
      ...(p.updatePatientEvery ? { everyMinutes: minutes(p.updatePatientEvery) } : {}),
      escalateAfterMinutes: minutes(p.updatePatientEscalateAfter ?? DEFAULT_PATIENT_UPDATE_ESCALATION),
    },
  };
}

function toDirectory(file: DirectoryFile): Directory {
  return {
    hospital: {
      ...file.hospital,
      administratorOnCall: file.hospital.administratorOnCall
        ? asPersonId(file.hospital.administratorOnCall)
        : undefined,
      familyConcerns: file.hospital.familyConcerns && {
        ...file.hospital.familyConcerns,
        category: asCategoryId(file.hospital.familyConcerns.category),
      },
      weeklyReport: file.hospital.weeklyReport && {
        schedule: file.hospital.weeklyReport.schedule,
        recipients: file.hospital.weeklyReport.recipients.map(asPersonId),
      },
    },
    units: file.units.map((u) => ({ ...u, id: asUnitId(u.id) })),
    categories: file.categories.map(({ qio, ...c }) => ({ ...c, id: asCategoryId(c.id), qioReferable: qio })),
    people: file.people.map((p) => ({
      id: asPersonId(p.id),
      name: p.name,
      role: p.role,
      slackUserId: p.slack,
      teamsAadObjectId: p.teams,
      preferredPlatform: p.preferredPlatform ?? (p.slack ? "slack" : p.teams ? "teams" : undefined),
      digest: p.digest,
    })),
    departments: file.departments.map((d) => ({
      id: asDepartmentId(d.id),
      name: d.name,
      slackChannelId: d.slackChannel,
      teamsChannelId: d.teamsChannel,
      responders: d.responders.map(asPersonId),
      head: d.head ? asPersonId(d.head) : undefined,
      manager: d.manager ? asPersonId(d.manager) : undefined,
      director: d.director ? asPersonId(d.director) : undefined,
      businessHours: d.businessHours,
      afterHoursTarget: d.afterHoursTarget ? asPersonId(d.afterHoursTarget) : undefined,
      responderGroups: d.responderGroups,
      ...(d.cardPrivacy ? { cardPrivacy: d.cardPrivacy } : {}),
    })),
    routing: {
      fallbackDepartment: asDepartmentId(file.routing.fallbackDepartment),
      rules: file.routing.rules.map((r) => ({
        category: asCategoryId(r.category),
        unit: r.unit,
        department: asDepartmentId(r.department),
      })),
    },
    policies: file.policies.map((p) => ({
      id: asPolicyId(p.id),
      match: {
        severity: p.match.severity,
        category: p.match.category ? asCategoryId(p.match.category) : undefined,
      },
      acknowledgeWithinMinutes: minutes(p.acknowledgeWithin),
      resolveWithin: parseDuration(p.resolveWithin) as PolicyDuration,
      resolveClock: p.resolveClock,
      ladder: p.ladder.map((s) => ({ notify: s.notify, afterMinutes: minutes(s.after) })),
      repeat: p.repeat,
      ...patientUpdate(p),
    })),
    duties: file.duties.map((d) => ({
      ...d,
      fallback: Object.fromEntries(Object.entries(d.fallback).map(([k, v]) => [k, asPersonId(v)])),
    })),
  };
}

/**
 * A directory file needs few aliases; a file that expands them exponentially (a "billion laughs")
 * would exhaust memory, so yaml stops at this count and the file is refused.
 */
const MAX_ALIASES = 100;

function toPlainData(doc: Document, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const excessive = error.message.startsWith("Excessive alias count");
    throw new DirectoryFileError(file, [
      excessive
        ? `${file}: too many aliases (the file expands *name references beyond ${MAX_ALIASES}); write the entries out instead`
        : `${file}: ${error.message}`,
    ]);
  }
}

/** Parses and validates directory text; all problems are reported together, and nothing half-loads. */
export function parseDirectory(text: string, file: string): LoadedDirectory {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new DirectoryFileError(
      file,
      doc.errors.map((e) => {
        const [pos] = e.linePos ?? [];
        const what = (e.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
        return `${file}: line ${pos?.line ?? "?"}, column ${pos?.col ?? "?"}: ${what}`;
      }),
    );
  }
  const parsed = directoryFileSchema.safeParse(toPlainData(doc, file));
  if (!parsed.success) {
    throw new DirectoryFileError(
      file,
      parsed.error.issues.flatMap((issue) => {
        const path = issue.path as (string | number)[];
        if (issue.code === "invalid_type" && doc.getIn(path) === undefined) {
          return [describe(file, doc, lines, { path, message: "is required but missing" })];
        }
        if (issue.code !== "unrecognized_keys")
          return [describe(file, doc, lines, { path, message: issue.message })];
        // One line per unknown key, pointing at the key itself: usually a typo.
        return issue.keys.map((key) =>
          describe(file, doc, lines, {
            path: [...path, key],
            message: `unknown key "${key}"; check its spelling against the sample directory file`,
          }),
        );
      }),
    );
  }
  const problems = checkDirectoryReferences(parsed.data);
  if (problems.length > 0)
    throw new DirectoryFileError(
      file,
      problems.map((p) => describe(file, doc, lines, p)),
    );
  const directory = toDirectory(parsed.data);
  const contentHash = createHash("sha256").update(JSON.stringify(directory)).digest("hex");
  return { directory, contentHash, file };
}

/** The file's text; one that cannot be read is a DirectoryFileError naming the setting. */
export function readDirectoryText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new DirectoryFileError(file, [
      `${file}: cannot read it (${reason}). Set LIAISON_DIRECTORY_FILE to your hospital's directory file.`,
    ]);
  }
}

export function loadDirectoryFile(file: string): LoadedDirectory {
  return parseDirectory(readDirectoryText(file), file);
}
