// `npm run bench [name…]`: runs every bench/*.bench.ts (or the named ones), prints each figure beside
// its goal and floor, and writes bench/results/<name>.json with the machine it ran on.
import { readdirSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { meetsGoal, type Bench, type BenchRow } from "./bench-row.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.bench\.ts$/, "")))
  .sort();

const machine = {
  cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "unknown"}`,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
};

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(Math.abs(n) >= 10 ? 1 : 2));

function line(row: BenchRow): string {
  const goal = row.goal
    ? `${row.goal.better === "lower" ? "≤" : "≥"} ${fmt(row.goal.value)} ${row.unit}`
    : "";
  const met = meetsGoal(row);
  const verdict = met === undefined ? "" : met ? "meets" : "MISSES";
  const floor = row.floor
    ? `${fmt(row.value / row.floor.value)}× ${row.floor.label} (${fmt(row.floor.value)})`
    : "";
  return `| ${row.name} | ${fmt(row.value)} ${row.unit} | ${goal} | ${verdict} | ${floor} | ${row.note ?? ""} |`;
}

console.log(
  `Machine: ${machine.cpus}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}\n`,
);
console.log("| figure | value | goal | | ratio to floor | note |\n|---|---|---|---|---|---|");
mkdirSync(path.join(here, "results"), { recursive: true });
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, "");
  const { run } = (await import(pathToFileURL(path.join(here, file)).href)) as { run: Bench };
  const rows = await run();
  for (const row of rows) console.log(line(row));
  writeFileSync(
    path.join(here, "results", `${name}.json`),
    `${JSON.stringify({ bench: name, ranAt: new Date().toISOString(), machine, rows }, null, 2)}\n`,
  );
}
