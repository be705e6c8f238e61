import { readFileSync, rmSync, writeFileSync } from "node:fs";

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The embedded database is one process's: a second Liaison on the same folder would corrupt it.
 * A lock file with the owner's pid refuses the second one; a lock left by a crashed process is taken over.
 */
export function lockEmbeddedDatabase(lockFile: string, dataDir: string): () => void {
  try {
    writeFileSync(lockFile, String(process.pid), { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const owner = Number(readFileSync(lockFile, "utf8").trim());
    if (owner !== process.pid && Number.isInteger(owner) && owner > 0 && isRunning(owner)) {
      throw new Error(
        `Another Liaison (process ${owner}) is using the embedded database in ${dataDir}. The embedded database serves one instance; to run several, set DATABASE_URL to a PostgreSQL server.`,
      );
    }
    writeFileSync(lockFile, String(process.pid));
  }
  return () => rmSync(lockFile, { force: true });
}
