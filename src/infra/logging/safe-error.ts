/**
 * Errors are logged without the data they carry. A database that refuses a write names the row in its
 * error (PostgreSQL's detail "Failing row contains (…, <description>, <patient reference>, …)", Prisma's
 * rendering of the call's arguments), and pino's redaction matches keys, not text inside an error. So an
 * error is reduced to what identifies the fault: its type, its codes, the model, and its first line with
 * every quoted value masked.
 */
export interface SafeError {
  type: string;
  /** Prisma's code (P2002), or the database's SQLSTATE (23514), when there is one. */
  code?: string;
  /** The database's SQLSTATE when Prisma's own code is also given. */
  dbCode?: string;
  model?: string;
  message: string;
  /** Where it was thrown: stack frames only, never the message the stack starts with. */
  frames?: string[];
}

const MASK = "…";

/** PostgreSQL quotes identifiers after these words; any other quoted text may be a value. */
const NAMED_IDENTIFIER = /\b(relation|constraint|column|table|index|type|schema|function|database|role)\s+$/i;

function maskQuotedValues(line: string): string {
  // Backticks are Prisma's quotes for names and for a driver's message: kept, with the values inside masked.
  return line.replace(/(["'])((?:(?!\1).){0,2000})\1/g, (quoted, quote: string, _inner, at: number) =>
    NAMED_IDENTIFIER.test(line.slice(0, at)) ? quoted : `${quote}${MASK}${quote}`,
  );
}

/**
 * Error text reduced to its first meaningful line, values masked. Prisma's "Invalid `x()` invocation"
 * messages render the call's arguments (the whole row) before their last line, the reason.
 */
export function sanitizeErrorText(text: string): string {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const invocation = /^Invalid `([\w.$]+\(\))` invocation/.exec(lines[0] ?? "");
  const line = invocation
    ? `Invalid \`${invocation[1]}\` invocation: ${lines.at(-1) ?? ""}`
    : (lines[0] ?? "");
  return maskQuotedValues(
    line
      .replace(/Failing row contains \(.*$/i, `Failing row contains (${MASK})`)
      .replace(/Key \(([^)]*)\)=\(.*?\)(?= |$)/g, `Key ($1)=(${MASK})`),
  );
}

const text = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : undefined);

type DriverCause = { originalCode?: unknown; code?: unknown };

/** An Error, or an error-shaped object (a driver's `cause`), described without its data. */
export function describeError(error: object): SafeError {
  const e = error as {
    name?: unknown;
    message?: unknown;
    stack?: unknown;
    code?: unknown;
    meta?: { modelName?: unknown; driverAdapterError?: { cause?: DriverCause } };
    cause?: DriverCause;
  };
  const prismaCode = text(e.code);
  // A driver error is the error's cause; for a raw statement Prisma puts it in meta instead.
  const cause = e.cause ?? e.meta?.driverAdapterError?.cause;
  const dbCode = text(cause?.originalCode) ?? text(cause?.code);
  const frames = (text(e.stack) ?? "")
    .split("\n")
    .filter((l) => /^\s+at /.test(l))
    .map((l) => l.trim());
  return {
    type: text(e.name) ?? (error instanceof Error ? error.constructor.name : "object"),
    ...((prismaCode ?? dbCode) ? { code: prismaCode ?? dbCode } : {}),
    ...(prismaCode && dbCode && dbCode !== prismaCode ? { dbCode } : {}),
    ...(text(e.meta?.modelName) ? { model: text(e.meta?.modelName) } : {}),
    message: sanitizeErrorText(text(e.message) ?? ""),
    ...(frames.length > 0 ? { frames: frames.slice(0, 10) } : {}),
  };
}

/** Keys under which callers put an error or its message. */
const ERROR_KEYS = new Set(["err", "error", "cause", "errors"]);

/** A log line's fields with every error described safely; the caller's object is left as it was. */
export function withSafeErrors(fields: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) out[key] = safeValue(key, value, depth);
  return out;
}

function safeValue(key: string, value: unknown, depth: number): unknown {
  if (value instanceof Error) return describeError(value);
  if (typeof value === "string") return ERROR_KEYS.has(key) ? sanitizeErrorText(value) : value;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return depth >= 4 ? [] : value.map((v) => safeValue(key, v, depth + 1));
  if (ERROR_KEYS.has(key)) return describeError(value);
  if (depth >= 4) return "[nested too deep]";
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return withSafeErrors(value as Record<string, unknown>, depth + 1);
}
