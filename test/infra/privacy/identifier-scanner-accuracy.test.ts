// How well the identifier scanner does on sentences as people type them into a concern: precision and
// recall per kind over a labelled table (test/fixtures/identifier-sentences.json), printed for the README,
// with floors just under what it measures so a rule change that loses accuracy fails here.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { IDENTIFIER_KINDS, type IdentifierHit, type IdentifierKind } from "../../../src/core/index.ts";
import { createIdentifierScanner } from "../../../src/infra/privacy/identifier-scanner.ts";

type Group = "identifiers" | "clinical" | "plain";

interface LabelledSentence {
  group: Group;
  text: string;
  identifiers: { kind: IdentifierKind; text: string; start: number; end: number }[];
}

const FIXTURE = new URL("../../fixtures/identifier-sentences.json", import.meta.url);
const { sentences } = JSON.parse(readFileSync(FIXTURE, "utf8")) as { sentences: LabelledSentence[] };

// The fixture's dates of the stay are in late 2026; the scanner judges a bare old date against this year.
const scanner = createIdentifierScanner({ now: () => new Date("2026-12-03T09:00:00Z") });

interface Tally {
  hits: number;
  rightHits: number;
  labels: number;
  foundLabels: number;
}

type Span = { kind: IdentifierKind; start: number; end: number };
const matches = (a: Span, b: Span) => a.kind === b.kind && a.start < b.end && b.start < a.end;

interface Scored {
  perKind: Record<IdentifierKind, Tally>;
  falseAlarms: { sentence: LabelledSentence; hit: IdentifierHit }[];
  misses: { sentence: LabelledSentence; label: Span & { text: string } }[];
}

/** A hit is right when a labelled identifier of the same kind overlaps it; a label is found likewise. */
function score(): Scored {
  const perKind = Object.fromEntries(
    IDENTIFIER_KINDS.map((k) => [k, { hits: 0, rightHits: 0, labels: 0, foundLabels: 0 }]),
  ) as Record<IdentifierKind, Tally>;
  const scored: Scored = { perKind, falseAlarms: [], misses: [] };
  for (const sentence of sentences) {
    const hits = scanner.scan(sentence.text);
    for (const hit of hits) {
      const tally = perKind[hit.kind];
      tally.hits++;
      if (sentence.identifiers.some((label) => matches(label, hit))) tally.rightHits++;
      else scored.falseAlarms.push({ sentence, hit });
    }
    for (const label of sentence.identifiers) {
      const tally = perKind[label.kind];
      tally.labels++;
      if (hits.some((hit) => matches(label, hit))) tally.foundLabels++;
      else scored.misses.push({ sentence, label });
    }
  }
  return scored;
}

const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);
const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

function overall(perKind: Record<IdentifierKind, Tally>): Tally {
  const sum = (f: keyof Tally) => IDENTIFIER_KINDS.reduce((n, k) => n + perKind[k][f], 0);
  return {
    hits: sum("hits"),
    rightHits: sum("rightHits"),
    labels: sum("labels"),
    foundLabels: sum("foundLabels"),
  };
}

function table(perKind: Record<IdentifierKind, Tally>): string {
  const row = (name: string, t: Tally) =>
    `| ${name.padEnd(14)} | ${String(t.labels).padStart(10)} | ${pct(ratio(t.rightHits, t.hits)).padStart(9)} | ${pct(ratio(t.foundLabels, t.labels)).padStart(6)} |`;
  return [
    "| kind           | identifiers | precision | recall |",
    "| -------------- | ----------: | --------: | -----: |",
    ...IDENTIFIER_KINDS.map((k) => row(k, perKind[k])),
    row("all", overall(perKind)),
  ].join("\n");
}

const scored = score();

describe("the identifier scanner on sentences as people type them", () => {
  it("is measured on a table of realistic sentences, about half of them with identifiers", () => {
    expect(sentences.length).toBeGreaterThanOrEqual(240);
    const withIdentifiers = sentences.filter((s) => s.identifiers.length > 0).length;
    expect(withIdentifiers / sentences.length).toBeGreaterThan(0.4);
    expect(withIdentifiers / sentences.length).toBeLessThan(0.6);
    expect(sentences.filter((s) => s.group === "clinical").length).toBeGreaterThanOrEqual(40);
    for (const s of sentences) {
      expect(s.identifiers.length > 0, s.text).toBe(s.group === "identifiers");
      for (const label of s.identifiers)
        expect(s.text.slice(label.start, label.end), s.text).toBe(label.text);
    }
    for (const kind of IDENTIFIER_KINDS) expect(scored.perKind[kind].labels, kind).toBeGreaterThanOrEqual(10);
  });

  it("catches nearly every identifier of every kind and rarely cries wolf", () => {
    const { perKind, falseAlarms, misses } = scored;
    console.log(`Identifier scanner over ${sentences.length} sentences:\n${table(perKind)}`);
    console.log(
      [
        "Missed:",
        ...misses.map((m) => `  ${m.label.kind} "${m.label.text}" in: ${m.sentence.text}`),
        "False alarms:",
        ...falseAlarms.map((f) => `  ${f.hit.kind} "${f.hit.text}" in: ${f.sentence.text}`),
      ].join("\n"),
    );
    // Floors just under the figures measured when the table was last grown (README, "Identifiers caught
    // before posting"): a rule change that loses accuracy fails here, and a gain should raise them.
    const all = overall(perKind);
    expect(ratio(all.rightHits, all.hits)).toBeGreaterThanOrEqual(0.98);
    expect(ratio(all.foundLabels, all.labels)).toBeGreaterThanOrEqual(0.97);
    for (const kind of IDENTIFIER_KINDS) {
      expect(ratio(perKind[kind].rightHits, perKind[kind].hits), `${kind} precision`).toBeGreaterThanOrEqual(
        0.95,
      );
      expect(ratio(perKind[kind].foundLabels, perKind[kind].labels), `${kind} recall`).toBeGreaterThanOrEqual(
        0.95,
      );
    }
  });

  it("raises no false alarm on dense ordinary clinical wording, and at most one on everyday wording", () => {
    const described = (group: Group) =>
      scored.falseAlarms
        .filter((f) => f.sentence.group === group)
        .map((f) => `${f.hit.kind} "${f.hit.text}" in: ${f.sentence.text}`);
    expect(described("clinical")).toEqual([]);
    expect(described("plain").length, described("plain").join("\n")).toBeLessThanOrEqual(1);
  });
});
