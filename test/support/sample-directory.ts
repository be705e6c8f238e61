import { fileURLToPath } from "node:url";
import { DirectoryIndex } from "../../src/core/directory/directory-index.ts";
import { loadDirectoryFile } from "../../src/infra/directory/load-directory-file.ts";

export const SAMPLE_DIRECTORY_FILE = fileURLToPath(
  new URL("../../config/sample-hospital.directory.yaml", import.meta.url),
);

/** The shipped sample hospital, so tests also prove the sample a hospital copies is valid. */
export function sampleDirectory(): DirectoryIndex {
  return new DirectoryIndex(loadDirectoryFile(SAMPLE_DIRECTORY_FILE).directory);
}

/** Chat identities of people in the sample directory. */
export const SLACK = {
  nurse: { platform: "slack", userId: "U04NIAOKF01", displayName: "Nia Okafor" },
  responder: { platform: "slack", userId: "U04SAMRVR02", displayName: "Sam Rivera" },
  head: { platform: "slack", userId: "U04JOKIMH03", displayName: "Jo Kim" },
  manager: { platform: "slack", userId: "U04MLOPEZ04", displayName: "Maria Lopez" },
  billingResponder: { platform: "slack", userId: "U04BADLER09", displayName: "Ben Adler" },
  stranger: { platform: "slack", userId: "U04STRANGR0", displayName: "Someone Else" },
} as const;
