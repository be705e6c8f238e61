#!/usr/bin/env node
// `npm run db:new-migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with
// the SQL that takes the last committed prisma/schema.prisma to the edited one. Works offline: Prisma
// diffs the two datamodels without a database. test/infra/migrations-match-schema.test.ts then checks
// that the migrations, applied in order, build exactly what schema.prisma declares.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error(
    "Usage: npm run db:new-migration -- <name>   (lowercase letters, digits and _, e.g. add_outbox)",
  );
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const base = path.join(mkdtempSync(path.join(tmpdir(), "liaison-schema-")), "schema.prisma");
writeFileSync(base, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { cwd: root }));

const diff = spawnSync(
  process.execPath,
  [
    path.join(root, "scripts/prisma-offline.mjs"),
    "migrate",
    "diff",
    "--from-schema-datamodel",
    base,
    "--to-schema-datamodel",
    path.join(root, "prisma/schema.prisma"),
    "--script",
  ],
  { cwd: root, encoding: "utf8" },
);
if (diff.status !== 0) {
  process.stderr.write(diff.stderr);
  process.exit(diff.status ?? 1);
}
if (diff.stdout.includes("This is an empty migration")) {
  console.log("prisma/schema.prisma has no changes since the last commit: no migration written.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(root, "prisma/migrations", `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), diff.stdout);
console.log(`Wrote ${path.relative(root, dir)}/migration.sql; review it, then commit it with the schema.`);
