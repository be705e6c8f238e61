import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "generated") return [];
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith(".ts") ? [full] : [];
  });
}

const files = sourceFiles(SRC).map((file) => ({
  file: path.relative(SRC, file),
  text: readFileSync(file, "utf8"),
}));

function importsOf(text: string): string[] {
  return [
    ...text.matchAll(/(?:import|export)[^'"]*?from\s+["']([^"']+)["']|import\(["']([^"']+)["']\)/g),
  ].map((m) => (m[1] ?? m[2])!);
}

describe("the layers", () => {
  it("the core knows nothing of Slack, Teams, Prisma, node-cron or the other layers", () => {
    const forbidden =
      /^(@slack\/|botbuilder|botframework|adaptivecards|@prisma\/|prisma|node-cron|pg$|express|pino)|\/(infra|adapters|generated)\//;
    const offences = files
      .filter((f) => f.file.startsWith("core/"))
      .flatMap((f) =>
        importsOf(f.text)
          .filter((i) => forbidden.test(i))
          .map((i) => `${f.file} imports ${i}`),
      );
    expect(offences).toEqual([]);
  });

  it("the core never reads the system clock: time comes from the injected Clock", () => {
    const offences = files
      .filter((f) => f.file.startsWith("core/") && f.file !== "core/ports/clock.port.ts")
      .filter((f) => /Date\.now\(\)|new Date\(\)/.test(f.text))
      .map((f) => f.file);
    expect(offences).toEqual([]);
  });

  it("every botbuilder import stays inside src/adapters/teams/", () => {
    const offences = files
      .filter((f) => !f.file.startsWith("adapters/teams/"))
      .flatMap((f) =>
        importsOf(f.text)
          .filter((i) => /^(botbuilder|botframework)/.test(i))
          .map((i) => `${f.file}: ${i}`),
      );
    expect(offences).toEqual([]);
  });

  it("adapters never import each other or the store", () => {
    const offences = files
      .filter((f) => f.file.startsWith("adapters/"))
      .flatMap((f) => {
        const other = f.file.startsWith("adapters/slack/") ? "teams" : "slack";
        return importsOf(f.text)
          .filter((i) => /\/(infra|generated)\//.test(i) || /^@prisma\//.test(i) || i.includes(`/${other}/`))
          .map((i) => `${f.file}: ${i}`);
      });
    expect(offences).toEqual([]);
  });

  it("infra implements the core's ports and never imports an adapter", () => {
    const offences = files
      .filter((f) => f.file.startsWith("infra/"))
      .flatMap((f) =>
        importsOf(f.text)
          .filter((i) => /\/adapters\/|^@slack\/|^(botbuilder|botframework)/.test(i))
          .map((i) => `${f.file}: ${i}`),
      );
    expect(offences).toEqual([]);
  });

  it("adapters, infra and main.ts reach the core only through its entry, src/core/index.ts", () => {
    const offences = files
      .filter((f) => !f.file.startsWith("core/"))
      .flatMap((f) =>
        importsOf(f.text)
          .filter((i) => /(^|\/)core\//.test(i) && !/(^|\/)core\/index\.ts$/.test(i))
          .map((i) => `${f.file}: ${i}`),
      );
    expect(offences).toEqual([]);
  });

  it("adapters never touch a repository: every click, command and message goes through a use case", () => {
    const offences = files
      .filter((f) => f.file.startsWith("adapters/"))
      .filter((f) => /\b(ConcernRepository|OutboxRepository)\b|\bctx\.(concerns|outbox)\b/.test(f.text))
      .map((f) => f.file);
    expect(offences).toEqual([]);
  });

  it("the core is grouped by concept: only the shared kernel and the entry sit at its top", () => {
    const top = files
      .filter((f) => f.file.startsWith("core/") && !f.file.slice("core/".length).includes("/"))
      .map((f) => f.file)
      .sort();
    expect(top).toEqual(["core/errors.ts", "core/ids.ts", "core/index.ts", "core/platform.ts"]);
  });
});
