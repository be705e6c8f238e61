import { AUDIT_EXPORT_FORMATS, type AuditExportFormat, rangeProblem } from "../../core/index.ts";

export interface AuditExportArgs {
  from: string;
  to: string;
  format: AuditExportFormat;
  /** Where to write it: a file, "-" for standard output, or undefined for a file named by the range. */
  out?: string;
}

export const AUDIT_EXPORT_USAGE =
  "usage: npm run audit:export -- --from YYYY-MM-DD --to YYYY-MM-DD [--format csv|json] [--out FILE|-]";

const FLAGS = ["--from", "--to", "--format", "--out"] as const;

/** The command line's arguments, or the problem with them (which argument, and what was expected). */
export function parseAuditExportArgs(argv: readonly string[]): AuditExportArgs | { problem: string } {
  const given: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!;
    if (!(FLAGS as readonly string[]).includes(flag)) {
      return { problem: `unknown argument "${flag}": expected one of ${FLAGS.join(", ")}` };
    }
    const value = argv[i + 1];
    if (value === undefined || (value.startsWith("--") && value !== "-")) {
      return { problem: `${flag} needs a value` };
    }
    given[flag] = value;
  }
  const { "--from": from, "--to": to, "--format": format = "csv", "--out": out } = given;
  if (from === undefined) return { problem: "--from is missing: the first day, YYYY-MM-DD" };
  if (to === undefined) return { problem: "--to is missing: the last day, YYYY-MM-DD" };
  if (!(AUDIT_EXPORT_FORMATS as readonly string[]).includes(format)) {
    return { problem: `--format "${format}" is not known: expected csv or json` };
  }
  const problem = rangeProblem(from, to);
  if (problem) return { problem: problem.replace("the first day", "--from").replace("the last day", "--to") };
  return { from, to, format: format as AuditExportFormat, ...(out !== undefined ? { out } : {}) };
}
