// `npm run db:migrate`: applies pending migrations to the configured store (DATABASE_URL, or the
// embedded database under LIAISON_DATA_DIR) and exits. Liaison also does this at every start.
import { loadConfig } from "../src/infra/config/load-config.ts";
import { createLogger } from "../src/infra/logging/pino-logger.ts";
import { openDatabase } from "../src/infra/store/open-database.ts";

const config = loadConfig();
const db = await openDatabase({
  databaseUrl: config.DATABASE_URL,
  dataDir: config.LIAISON_DATA_DIR,
  logger: createLogger(config.LOG_LEVEL),
});
console.log(`Database up to date (${db.kind}: ${db.location}).`);
await db.close();
