/**
 * One figure `npm run bench` reports. Figures are printed beside their goal and, where a floor exists
 * (the same work done the simplest possible way), as a ratio to it. Nothing is asserted: shared
 * machines are noisy, so the table is for people to read, not for CI to fail on.
 */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** The goal, and which side of it is good. */
  goal?: { value: number; better: "lower" | "higher" };
  /** The floor (or ceiling) this figure is compared with, e.g. plain SQL for a raise. */
  floor?: { value: number; label: string };
  /** Anything a reader needs to interpret the figure (sample size, settings). */
  note?: string;
}

/** A benchmark file's shape: `bench/<name>.bench.ts` exports `run`, and the runner does the rest. */
export type Bench = () => Promise<BenchRow[]>;

export function meetsGoal(row: BenchRow): boolean | undefined {
  if (!row.goal) return undefined;
  return row.goal.better === "lower" ? row.value <= row.goal.value : row.value >= row.goal.value;
}

/** Percentile of a sample (nearest rank); `q` in 0..1. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
