import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { defineConfig } from "prisma/config";
import { PrismaPGlite } from "pglite-prisma-adapter";

// For the Prisma CLI only (generate, migrate diff): it runs through the wasm schema engine bundled
// with `prisma`, so no engine download is needed. The CLI gets a throw-away in-memory PGlite: it never
// touches Liaison's data, which Liaison migrates itself at start-up (src/infra/store/apply-migrations.ts).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new PrismaPGlite(
      new PGlite({ startParams: [...PGlite.defaultStartParams, "-c", "log_startup_progress_interval=0"] }),
    );
  },
});
