/**
 * A strict reader of Prometheus' text exposition format (version 0.0.4): every line must be a HELP,
 * a TYPE or a sample of a family declared before it, or the read fails naming the line. What a
 * scraper would choke on fails here first.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Scrape {
  families: Map<string, { type: string; help?: string }>;
  samples: Sample[];
  /** The value of the one sample with exactly these labels, or undefined. */
  value(name: string, labels?: Record<string, string>): number | undefined;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(["counter", "gauge", "histogram", "summary", "untyped"]);
const SUFFIXES: Record<string, string[]> = {
  histogram: ["_bucket", "_sum", "_count"],
  summary: ["", "_sum", "_count"],
};

function number(text: string, line: string): number {
  if (text === "+Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  if (text === "NaN") return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`not a number: ${line}`);
  return Number(text);
}

/** Reads `{a="x",b="y"}` from the start of `text`; returns the labels and what follows. */
function labels(text: string, line: string): [Record<string, string>, string] {
  const found: Record<string, string> = {};
  let rest = text.slice(1);
  while (!rest.startsWith("}")) {
    const m = /^([^=]+)="((?:[^"\\\n]|\\[\\"n])*)"(,?)/.exec(rest);
    if (!m || !LABEL.test(m[1]!)) throw new Error(`bad label in: ${line}`);
    if (m[1]! in found) throw new Error(`label ${m[1]} twice in: ${line}`);
    found[m[1]!] = m[2]!.replace(/\\(["\\n])/g, (_, c: string) => (c === "n" ? "\n" : c));
    rest = rest.slice(m[0].length);
    if (!m[3] && !rest.startsWith("}")) throw new Error(`bad label list in: ${line}`);
  }
  return [found, rest.slice(1)];
}

function familyOf(name: string, families: Scrape["families"]): string | undefined {
  for (const [family, { type }] of families) {
    if ((SUFFIXES[type] ?? [""]).some((suffix) => family + suffix === name)) return family;
  }
  return undefined;
}

function readComment(line: string, families: Scrape["families"]): void {
  const m = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
  if (!m) return; // a plain comment
  const [, kind, name, rest] = m;
  if (!NAME.test(name!)) throw new Error(`bad metric name: ${line}`);
  const family = families.get(name!) ?? { type: "untyped" };
  if (kind === "TYPE") {
    if (!TYPES.has(rest!)) throw new Error(`bad type: ${line}`);
    family.type = rest!;
  } else family.help = rest!;
  families.set(name!, family);
}

function readSample(line: string, families: Scrape["families"]): Sample {
  const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0];
  if (!name) throw new Error(`not a sample: ${line}`);
  let rest = line.slice(name.length);
  let found: Record<string, string> = {};
  if (rest.startsWith("{")) [found, rest] = labels(rest, line);
  const parts = rest.split(" ");
  if (parts[0] !== "" || parts.length < 2 || parts.length > 3) throw new Error(`bad sample: ${line}`);
  if (parts[2] !== undefined && !/^-?\d+$/.test(parts[2])) throw new Error(`bad timestamp: ${line}`);
  if (!familyOf(name, families)) throw new Error(`sample of no declared family: ${line}`);
  return { name, labels: found, value: number(parts[1]!, line) };
}

export function parsePrometheusText(text: string): Scrape {
  const families: Scrape["families"] = new Map();
  const samples: Sample[] = [];
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  for (const line of lines) {
    if (line === "") continue;
    if (line.startsWith("#")) readComment(line, families);
    else samples.push(readSample(line, families));
  }
  const same = (a: Record<string, string>, b: Record<string, string>) =>
    Object.keys(a).length === Object.keys(b).length && Object.entries(b).every(([k, v]) => a[k] === v);
  return {
    families,
    samples,
    value: (name, wanted = {}) => samples.find((s) => s.name === name && same(s.labels, wanted))?.value,
  };
}
