import { accessSync, constants, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { errorCode, settingError } from "./setting-error.ts";

const SETTING = "LIAISON_DATA_DIR";

/** The ancestors of `dir` that do not exist yet, outermost first, and the nearest one that does. */
function missingFolders(dir: string): { existing: string; missing: string[] } {
  const missing: string[] = [];
  for (let cursor = dir; ; cursor = path.dirname(cursor)) {
    try {
      statSync(cursor);
      return { existing: cursor, missing };
    } catch (error) {
      if (errorCode(error) === "ENOTDIR") {
        throw settingError(SETTING, `part of ${dir} is a file, not a folder: set ${SETTING} to a folder`);
      }
      if (errorCode(error) !== "ENOENT" || path.dirname(cursor) === cursor) {
        throw settingError(SETTING, `cannot look at ${cursor} (${errorCode(error)})`);
      }
      missing.unshift(cursor);
    }
  }
}

/**
 * Makes sure the embedded database's folder exists and is writable, naming the setting if not. Folders
 * are created one at a time: Node's recursive mkdir loops forever where the kernel answers ENOENT for
 * a parent that exists (/proc/x), so a mistyped path would hang start-up.
 */
export function prepareDataDir(dataDir: string): void {
  const dir = path.resolve(dataDir);
  const { existing, missing } = missingFolders(dir);
  if (!statSync(existing).isDirectory()) {
    throw settingError(
      SETTING,
      `${existing} is a file, not a folder: set ${SETTING} to a folder (Liaison creates it if missing)`,
    );
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      throw settingError(
        SETTING,
        `cannot create the folder ${folder} (${errorCode(error)}): set ${SETTING} to a folder Liaison may write to`,
      );
    }
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw settingError(
      SETTING,
      `cannot write to ${dir} (${errorCode(error)}): give Liaison's user write access, or set ${SETTING} to another folder`,
    );
  }
}
