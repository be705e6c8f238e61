import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { LoadedDirectory } from "./load-directory-file.ts";

/**
 * Keeps each distinct directory content Liaison ran with, so the audit can say which policies were in
 * force. Keyed by content hash: importing the same file again (on every start, by every instance)
 * adds nothing. Returns true when this content is new.
 */
export async function recordDirectoryVersion(
  prisma: PrismaClient,
  loaded: LoadedDirectory,
  at: Date,
): Promise<boolean> {
  const inserted = await prisma.$executeRaw`
    INSERT INTO "DirectoryVersion" ("hash", "source", "importedAt", "content")
    VALUES (${loaded.contentHash}, ${loaded.file}, ${at}, ${JSON.stringify(loaded.directory)}::jsonb)
    ON CONFLICT ("hash") DO NOTHING`;
  return inserted === 1;
}
