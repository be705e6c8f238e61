/**
 * npm run privacy:reencrypt
 *
 * After a key rotation (LIAISON_DATA_KEY new, the old one in LIAISON_DATA_PREVIOUS_KEYS), or after
 * turning encryption on: rewrites every concern's sealed details under the current key. Safe to run
 * while Liaison runs, and again; once it reports none left, the previous key can be dropped.
 */
import { loadConfig } from "../src/infra/config/load-config.ts";
import { createLogger } from "../src/infra/logging/pino-logger.ts";
import { dataCipherOf } from "../src/infra/privacy/data-cipher-of.ts";
import { resealConcerns } from "../src/infra/privacy/reseal-concerns.ts";
import { openDatabase } from "../src/infra/store/open-database.ts";

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.LOG_LEVEL);
  const cipher = dataCipherOf(config, logger);
  const db = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.LIAISON_DATA_DIR,
    logger,
  });
  try {
    const resealed = await resealConcerns(db.prisma, cipher);
    console.log(
      `privacy:reencrypt: ${resealed} concern(s) rewritten under the current key; a second run rewrites 0`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(`privacy:reencrypt: ${(error as Error).message}`);
  process.exit(1);
});
