/**
 * npm run privacy:reencrypt
 *
 * After a key rotation (LIAISON_DATA_KEY new, the old one in LIAISON_DATA_PREVIOUS_KEYS), or after
 * turning encryption on: rewrites every sealed place under the current key (concerns' details, their
 * audit events' free texts, outbox payloads, grievance letters). Safe to run
 * while Liaison runs, and again; once it reports none left, the previous key can be dropped.
 */
import { loadConfig } from "../src/infra/config/load-config.ts";
import { createLogger } from "../src/infra/logging/pino-logger.ts";
import { dataCipherOf } from "../src/infra/privacy/data-cipher-of.ts";
import { resealEverything } from "../src/infra/privacy/reseal-stored-texts.ts";
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
    const r = await resealEverything(db.prisma, cipher);
    console.log(
      `privacy:reencrypt: rewritten under the current key: ${r.concerns} concern(s), ${r.auditTexts} audit text(s), ${r.outboxMessages} outbox message(s), ${r.letters} letter(s); a second run rewrites 0`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(`privacy:reencrypt: ${(error as Error).message}`);
  process.exit(1);
});
