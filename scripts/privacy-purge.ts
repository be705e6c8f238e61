/**
 * npm run privacy:purge [-- --dry-run]
 *
 * Runs the retention policy now (Liaison also runs it daily at 03:15 hospital time): concerns resolved
 * more than the directory's hospital.retainPatientDetailsDays ago lose their description, notes and
 * patient reference. With --dry-run, lists them and changes nothing. On the embedded store, stop
 * Liaison first (only one process may open its folder); on PostgreSQL it is safe beside a live one.
 */
import { DirectoryIndex, type Platform, purgePatientDetails, systemClock } from "../src/core/index.ts";
import { loadConfig } from "../src/infra/config/load-config.ts";
import { loadDirectoryFile } from "../src/infra/directory/load-directory-file.ts";
import { createLogger } from "../src/infra/logging/pino-logger.ts";
import { dataCipherOf } from "../src/infra/privacy/data-cipher-of.ts";
import { purgeReport } from "../src/infra/privacy/purge-report.ts";
import { openDatabase } from "../src/infra/store/open-database.ts";
import { PrismaConcernRepository } from "../src/infra/store/prisma-concern-repository.ts";

async function main(): Promise<void> {
  const dryRun = process.argv.includes("--dry-run");
  const config = loadConfig(process.env);
  const logger = createLogger(config.LOG_LEVEL);
  const directory = new DirectoryIndex(loadDirectoryFile(config.LIAISON_DIRECTORY_FILE).directory);
  const db = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.LIAISON_DATA_DIR,
    logger,
  });
  // The purged concerns' cards are drawn again without their details, on the platforms configured.
  const platforms = new Set<Platform>([
    ...(config.SLACK_BOT_TOKEN ? (["slack"] as const) : []),
    ...(config.MICROSOFT_APP_ID || config.TEAMS_LOCAL_MODE === "true" ? (["teams"] as const) : []),
  ]);
  try {
    const result = await purgePatientDetails(
      {
        concerns: new PrismaConcernRepository(db.prisma, dataCipherOf(config, logger)),
        clock: systemClock,
        logger,
        directory: () => directory,
        platforms,
      },
      { dryRun },
    );
    console.log(purgeReport(result, directory.hospital.timeZone));
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(`privacy:purge: ${(error as Error).message}`);
  process.exit(1);
});
