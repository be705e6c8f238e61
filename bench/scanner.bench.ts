// The identifier scanner: how long scanning one concern's text takes (it runs before every post, so a
// nurse must never wait on it), over the labelled sentences of its accuracy test, against the floor of
// compromise parsing and tagging the same sentences (the scanner's largest part, which it cannot skip).
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import nlp from "compromise";
import { createIdentifierScanner } from "../src/infra/privacy/identifier-scanner.ts";
import { percentile, type BenchRow } from "./bench-row.ts";

const ROUNDS = Number(process.env.BENCH_SCANNER_ROUNDS ?? 20);
const FIXTURE = new URL("../test/fixtures/identifier-sentences.json", import.meta.url);

function timedEach(texts: readonly string[], rounds: number, work: (text: string) => unknown): number[] {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const text of texts) {
      const start = performance.now();
      work(text);
      samples.push(performance.now() - start);
    }
  }
  return samples;
}

export async function run(): Promise<BenchRow[]> {
  const { sentences } = JSON.parse(readFileSync(FIXTURE, "utf8")) as { sentences: { text: string }[] };
  const texts = sentences.map((s) => s.text);
  const scanner = createIdentifierScanner();
  const compromiseOnly = (text: string) => nlp(text);
  timedEach(texts, 2, (t) => scanner.scan(t)); // warm-up
  timedEach(texts, 2, compromiseOnly);
  const floor = timedEach(texts, ROUNDS, compromiseOnly);
  const samples = timedEach(texts, ROUNDS, (t) => scanner.scan(t));
  const totalSeconds = samples.reduce((a, b) => a + b, 0) / 1000;
  const note = `${texts.length} labelled sentences × ${ROUNDS} rounds, one at a time`;
  return [
    {
      name: "identifier scan of one concern text, p50",
      value: percentile(samples, 0.5),
      unit: "ms",
      goal: { value: 1, better: "lower" },
      floor: { value: percentile(floor, 0.5), label: "compromise tagging alone" },
      note,
    },
    {
      name: "identifier scan of one concern text, p99",
      value: percentile(samples, 0.99),
      unit: "ms",
      goal: { value: 5, better: "lower" },
      floor: { value: percentile(floor, 0.99), label: "compromise tagging alone" },
      note,
    },
    {
      name: "identifier scans per second, one core",
      value: samples.length / totalSeconds,
      unit: "sentences/s",
      goal: { value: 1000, better: "higher" },
      note,
    },
  ];
}
