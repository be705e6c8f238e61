import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DirectoryIndex } from "../../src/core/directory/directory-index.ts";
import { loadDirectoryFile } from "../../src/infra/directory/load-directory-file.ts";
import { SAMPLE_DIRECTORY_FILE } from "./sample-directory.ts";

/** A secret for the rooms' codes in tests (48 bytes, as `openssl rand -base64 36` would give). */
export const ROOM_CODE_SECRET = "test-room-code-secret-0123456789-abcdefghijklmno";

/** The sample hospital with the family page turned on, as its own file (its sample has it off). */
export function familyDirectoryFile(extra: (yaml: string) => string = (y) => y): string {
  const yaml = readFileSync(SAMPLE_DIRECTORY_FILE, "utf8").replace(
    /familyConcerns:\n {4}enabled: false/,
    "familyConcerns:\n    enabled: true",
  );
  if (!yaml.includes("enabled: true")) throw new Error("the sample's familyConcerns block moved");
  const file = path.join(mkdtempSync(path.join(tmpdir(), "liaison-family-")), "directory.yaml");
  writeFileSync(file, extra(yaml));
  return file;
}

export const familyDirectory = (): DirectoryIndex =>
  new DirectoryIndex(loadDirectoryFile(familyDirectoryFile()).directory);
