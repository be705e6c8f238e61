/**
 * npm run audit:export -- --from 2026-01-01 --to 2026-03-31 [--format csv|json] [--out FILE|-]
 *
 * Writes every audit event of those days (hospital time, both days included) with its concern's
 * grievance dates and letters: the surveyor's export. The file holds patient information and staff
 * notes. The export is itself recorded in the audit trail (who, which days, how many events). Without
 * --out it goes to liaison-audit-<from>-to-<to>.<format> here; "--out -" writes to standard output.
 * On the embedded store, stop Liaison first (only one process may open its folder).
 */
import { writeFileSync } from "node:fs";
import pino from "pino";
import { userInfo } from "node:os";
import { DirectoryIndex, exportAuditTrail, systemClock } from "../src/core/index.ts";
import { loadConfig } from "../src/infra/config/load-config.ts";
import { loadDirectoryFile } from "../src/infra/directory/load-directory-file.ts";
import { AUDIT_EXPORT_USAGE, parseAuditExportArgs } from "../src/infra/export/audit-export-args.ts";
import { formatAuditExport } from "../src/infra/export/format-audit-export.ts";
import { createLogger } from "../src/infra/logging/pino-logger.ts";
import { dataCipherOf } from "../src/infra/privacy/data-cipher-of.ts";
import { openDatabase } from "../src/infra/store/open-database.ts";
import { PrismaConcernRepository } from "../src/infra/store/prisma-concern-repository.ts";

async function main(): Promise<void> {
  const args = parseAuditExportArgs(process.argv.slice(2));
  if ("problem" in args) throw new Error(`${args.problem}\n${AUDIT_EXPORT_USAGE}`);
  const config = loadConfig(process.env);
  // Logs go to standard error: standard output may be the export itself (--out -).
  const logger = createLogger(config.LOG_LEVEL, pino.destination(2));
  const directory = new DirectoryIndex(loadDirectoryFile(config.LIAISON_DIRECTORY_FILE).directory);
  const db = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.LIAISON_DATA_DIR,
    logger,
  });
  // Whoever runs it on the server is who exported it: the trail names the account.
  const account = userInfo().username;
  try {
    const exported = await exportAuditTrail(
      {
        concerns: new PrismaConcernRepository(db.prisma, dataCipherOf(config, logger)),
        clock: systemClock,
        directory: () => directory,
      },
      {
        from: args.from,
        to: args.to,
        format: args.format,
        by: { key: `cli:${account}`, displayName: `${account} (command line)`, platform: "system" },
        via: "command-line",
      },
    );
    const { fileName, content } = formatAuditExport(exported);
    if (args.out === "-") {
      process.stdout.write(content);
      return;
    }
    const path = args.out ?? fileName;
    writeFileSync(path, content, { mode: 0o600 });
    console.error(
      `audit:export: ${exported.eventCount} events of ${exported.concerns.length} concerns written to ${path} (it holds patient information)`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(`audit:export: ${(error as Error).message}`);
  process.exit(1);
});
