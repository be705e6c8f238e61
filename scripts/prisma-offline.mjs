#!/usr/bin/env node
// Run the Prisma CLI without reaching Prisma's binary host.
// Prisma 6.19 checks that the native query/schema engines exist before generate/migrate/validate,
// and downloads them if not. We never use them (engineType="client" + prisma.config.ts engine "js"),
// so point both env vars at an existing file (this script). Existing values are respected.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const self = fileURLToPath(import.meta.url);
const env = { ...process.env };
env.PRISMA_QUERY_ENGINE_LIBRARY ??= self;
env.PRISMA_SCHEMA_ENGINE_BINARY ??= self;
env.CHECKPOINT_DISABLE ??= "1"; // no update/telemetry check
env.PRISMA_HIDE_UPDATE_MESSAGE ??= "1";
// schema.prisma's datasource needs `url`, but with driver adapters it is never used.
env.DATABASE_URL ??= "postgresql://unused@localhost/unused";

const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const r = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: "inherit", env });
if (r.error) throw r.error;
process.exit(r.status ?? 1);
