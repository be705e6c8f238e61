import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { defineConfig } from "prisma/config";
import { PrismaPGlite } from "pglite-prisma-adapter";

// For the Prisma CLI only (generate, migrate diff, studio): it runs through the wasm schema engine
// bundled with `prisma` against the embedded database, so no engine download is needed. Liaison
// itself applies migrations at start-up (src/infra/store/apply-migrations.ts).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const dataDir = path.join(process.env.LIAISON_DATA_DIR ?? "./data", "pglite");
    fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
    return new PrismaPGlite(new PGlite(dataDir));
  },
});
