import { createHash } from "node:crypto";
import { watch, type FSWatcher } from "node:fs";
import path from "node:path";
import { type Clock, DirectoryIndex, type Logger } from "../../core/index.ts";
import { errorCode } from "../config/setting-error.ts";
import {
  DirectoryFileError,
  type LoadedDirectory,
  parseDirectory,
  readDirectoryText,
} from "./load-directory-file.ts";

/** Editors write a file in several steps (truncate, write, rename): one reload once they are done. */
export const RELOAD_DEBOUNCE_MS = 200;

/** A version as Liaison shows it: the first 12 hex digits of its hash. */
export const shortVersion = (hash: string) => hash.slice(0, 12);
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The last change Liaison refused: what /healthz shows until a valid file is read. */
export interface DirectoryRefusal {
  at: string;
  /** The refused text's hash (null when the file could not be read at all). */
  version: string | null;
  problems: readonly string[];
}

export interface DirectoryHealth {
  hospital: string;
  version: string;
  file: string;
  loadedAt: string;
  refused?: DirectoryRefusal;
}

export interface ReloadHooks {
  /**
   * Keeps the new version for the audit (recordDirectoryVersion); true when the content is new. If it
   * fails the new version is not put in force (the audit would not know it), and the change is refused.
   */
  record: (loaded: LoadedDirectory, at: Date) => Promise<boolean>;
  /** Rebuilds what was made from the directory (the digest schedules), once the new one is in force. */
  reloaded: (directory: DirectoryIndex) => Promise<void> | void;
}

export type ReloadTrigger = "file" | "SIGHUP";
export type ReloadOutcome = "reloaded" | "unchanged" | "refused" | "skipped";

interface InForce {
  loaded: LoadedDirectory;
  index: DirectoryIndex;
  loadedAt: Date;
}

/** What reading the file gave: its text, or why it could not be read; `key` tells one read from the next. */
type Reading = { key: string; text: string } | { key: string; problems: readonly string[] };

function read(file: string): Reading {
  try {
    const text = readDirectoryText(file);
    return { key: sha256(text), text };
  } catch (error) {
    const problems = (error as DirectoryFileError).problems ?? [`${file}: ${errorCode(error)}`];
    return { key: `unreadable:${problems.join("\n")}`, problems };
  }
}

function parse(text: string, file: string): { loaded: LoadedDirectory } | { problems: readonly string[] } {
  try {
    return { loaded: parseDirectory(text, file) };
  } catch (error) {
    if (error instanceof DirectoryFileError) return { problems: error.problems };
    return { problems: [`${file}: ${errorCode(error)}`] };
  }
}

/**
 * The directory in force, and its reloads. The file's folder is watched (not the file: an editor that
 * saves by writing a new file and renaming it over the old one replaces the inode a file watch holds,
 * and inotify reports nothing more for it), and SIGHUP reloads too. A valid new version replaces the
 * old one in a single assignment, so a raise reads either the old directory or the new one, never a
 * mix; an invalid one is refused with the same problems as at start-up, and the old one stays in force.
 * Reloads run one at a time, in the order they were asked for.
 */
export class DirectoryWatcher {
  private inForce: InForce;
  private refusal?: DirectoryRefusal;
  /** The last reading looked at: a folder event that did not change this file is ignored. */
  private seen: string;
  private hooks?: ReloadHooks;
  private queue: Promise<unknown> = Promise.resolve();
  private watcher?: FSWatcher;
  private debounce?: NodeJS.Timeout;
  private stopped = false;
  private readonly onSighup = () => void this.reload("SIGHUP");

  private constructor(
    private readonly file: string,
    loaded: LoadedDirectory,
    textHash: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.inForce = { loaded, index: new DirectoryIndex(loaded.directory), loadedAt: clock.now() };
    this.seen = textHash;
  }

  /** Loads the file at start-up; a DirectoryFileError stops Liaison before anything is opened. */
  static load(file: string, clock: Clock, logger: Logger): DirectoryWatcher {
    const text = readDirectoryText(file);
    return new DirectoryWatcher(file, parseDirectory(text, file), sha256(text), clock, logger);
  }

  /** The version in force, as loaded from the file. */
  get loaded(): LoadedDirectory {
    return this.inForce.loaded;
  }

  /** The directory in force; what the core's `ctx.directory()` returns. */
  readonly current = (): DirectoryIndex => this.inForce.index;

  health(): DirectoryHealth {
    const { loaded, index, loadedAt } = this.inForce;
    return {
      hospital: index.hospital.name,
      version: shortVersion(loaded.contentHash),
      file: loaded.file,
      loadedAt: loadedAt.toISOString(),
      ...(this.refusal ? { refused: this.refusal } : {}),
    };
  }

  /** Starts watching the file's folder and listening for SIGHUP. */
  watch(hooks: ReloadHooks): void {
    this.hooks = hooks;
    process.on("SIGHUP", this.onSighup);
    try {
      this.watcher = watch(path.dirname(this.file), { persistent: false }, () => this.changed());
      this.watcher.on("error", (error) => this.unwatchable(error));
    } catch (error) {
      this.unwatchable(error);
    }
    // A change saved while Liaison was starting is not missed.
    if (read(this.file).key !== this.seen) this.changed();
  }

  /** Stops watching and listening; waits for a reload under way (it may be writing to the database). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.debounce);
    process.off("SIGHUP", this.onSighup);
    this.watcher?.close();
    await this.queue;
  }

  /**
   * Reads the file again. After a file event the reading is skipped when the file has not changed
   * since it was last read (the folder's other files change too); SIGHUP always reads it.
   */
  reload(trigger: ReloadTrigger): Promise<ReloadOutcome> {
    const run = this.queue.then(() => this.attempt(trigger));
    this.queue = run.catch((error: unknown) => this.logger.error({ err: error }, "directory reload failed"));
    return run;
  }

  private changed(): void {
    if (this.stopped) return;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.reload("file"), RELOAD_DEBOUNCE_MS);
  }

  private unwatchable(error: unknown): void {
    this.watcher?.close();
    this.watcher = undefined;
    this.logger.warn(
      { file: this.file, err: error },
      "cannot watch the directory file's folder: send SIGHUP to reload the directory",
    );
  }

  private async attempt(trigger: ReloadTrigger): Promise<ReloadOutcome> {
    if (this.stopped || !this.hooks) return "skipped";
    const reading = read(this.file);
    if (trigger === "file" && reading.key === this.seen) return "skipped";
    this.seen = reading.key;
    const at = this.clock.now();
    if ("problems" in reading) return this.refuse(reading.problems, null, at, trigger);
    const parsed = parse(reading.text, this.file);
    if ("problems" in parsed) return this.refuse(parsed.problems, shortVersion(reading.key), at, trigger);
    return this.apply(parsed.loaded, at, trigger, this.hooks);
  }

  private async apply(
    loaded: LoadedDirectory,
    at: Date,
    trigger: ReloadTrigger,
    hooks: ReloadHooks,
  ): Promise<ReloadOutcome> {
    const previous = shortVersion(this.inForce.loaded.contentHash);
    const version = shortVersion(loaded.contentHash);
    if (loaded.contentHash === this.inForce.loaded.contentHash) {
      // Comments or layout only, or back to the version in force after a refused change.
      const wasRefused = this.refusal !== undefined;
      this.refusal = undefined;
      this.logger.info(
        { directoryVersion: version, trigger },
        wasRefused ? "directory file valid again: the version in force is unchanged" : "directory unchanged",
      );
      return "unchanged";
    }
    const index = new DirectoryIndex(loaded.directory);
    try {
      await hooks.record(loaded, at);
    } catch (error) {
      this.seen = ""; // the next event, or SIGHUP, tries again
      return this.refuse(
        [
          `${loaded.file}: the new version could not be recorded in the database (${errorCode(error)}); it is not in force yet, and Liaison tries again at the next change or SIGHUP`,
        ],
        version,
        at,
        trigger,
      );
    }
    this.inForce = { loaded, index, loadedAt: at };
    this.refusal = undefined;
    this.logger.info(
      { directoryVersion: version, previousVersion: previous, trigger, file: loaded.file },
      "directory reloaded",
    );
    try {
      await hooks.reloaded(index);
    } catch (error) {
      this.logger.error({ err: error }, "rebuilding what depends on the directory failed");
    }
    return "reloaded";
  }

  private refuse(
    problems: readonly string[],
    version: string | null,
    at: Date,
    trigger: ReloadTrigger,
  ): ReloadOutcome {
    this.refusal = { at: at.toISOString(), version, problems };
    this.logger.warn(
      {
        file: this.file,
        trigger,
        refusedVersion: version,
        versionInForce: shortVersion(this.inForce.loaded.contentHash),
        problems,
      },
      "directory file refused: the version in force stays",
    );
    return "refused";
  }
}
