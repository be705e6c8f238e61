import {
  type Clock,
  type DirectoryIndex,
  GroupGoneError,
  type GroupSnapshot,
  type GroupSnapshotRepository,
  type GroupSource,
  type Logger,
  type Platform,
  responderGroupOf,
  type ResponderGroupMembers,
} from "../../core/index.ts";
import { describeError } from "../logging/safe-error.ts";

/** A failure as /healthz may show it: its first line, quoted values masked. */
const reasonOf = (error: unknown) =>
  describeError(error instanceof Error ? error : new Error(String(error))).message;

/** What /healthz says about one responder group. */
export interface ResponderGroupHealth {
  platform: Platform;
  group: string;
  departments: string[];
  /**
   * "current": the last fetch worked; "last-known": it failed and the list kept is used; "none": no
   * list (never fetched, the platform says the group is gone, or the last list is over a day old).
   */
  state: "current" | "last-known" | "none";
  label: string | null;
  members: number | null;
  fetchedAt: string | null;
  lastError?: string;
  lastAttemptAt?: string;
}

interface Wanted {
  platform: Platform;
  groupId: string;
  departments: string[];
}

export interface ResponderGroupRefreshDeps {
  members: ResponderGroupMembers;
  /** One per chat platform that is on; a group on a platform that is off is not fetched. */
  sources: ReadonlyMap<Platform, GroupSource>;
  store: GroupSnapshotRepository;
  directory: () => DirectoryIndex;
  clock: Clock;
  logger: Logger;
  /** How old a list may grow before it is fetched again; a failed fetch is tried again at every run. */
  refreshAfterMs: number;
}

const keyOf = (platform: Platform, groupId: string) => `${platform}:${groupId}`;

/** A last known list older than this stops counting: who is on a unit changes within a day. */
const LAST_KNOWN_MAX_MS = 24 * 3_600_000;

/**
 * Keeps the departments' platform groups' member lists fresh. Start-up only reads the lists kept in
 * the store; fetching runs in the background, so a platform that is down or slow delays nothing, and a
 * failed fetch keeps the last list (reported in /healthz) rather than locking a unit's nurses out.
 */
export class ResponderGroupRefresh {
  private readonly failures = new Map<string, { error: string; at: Date; gone?: true }>();
  private readonly changed = new Set<string>();

  constructor(private readonly deps: ResponderGroupRefreshDeps) {}

  /**
   * The lists kept in the store that are newer than this instance's: at start, so members can act
   * before the first fetch answers; at every run, so instances agree on who may act and one that finds
   * a fresh list kept by another need not fetch it again.
   */
  async loadKept(): Promise<void> {
    try {
      for (const kept of await this.deps.store.all()) this.adoptIfNewer(kept);
    } catch (error) {
      this.deps.logger.warn({ err: error }, "could not read the kept responder group lists");
    }
  }

  /**
   * An outage keeps the last list (up to a day); a group the platform says is gone, or a list older
   * than a day, stops counting at once.
   */
  private failed(platform: Platform, groupId: string, kept: GroupSnapshot | undefined, error: unknown): void {
    const message = reasonOf(error);
    const now = this.deps.clock.now();
    const gone = error instanceof GroupGoneError;
    this.failures.set(keyOf(platform, groupId), { error: message, at: now, ...(gone ? { gone } : {}) });
    const tooOld = kept !== undefined && now.getTime() - kept.fetchedAt.getTime() > LAST_KNOWN_MAX_MS;
    if (kept && (gone || tooOld)) {
      this.deps.members.forget(platform, groupId);
      this.deps.logger.warn(
        { platform, group: groupId, err: message },
        gone
          ? "a responder group is gone: its members no longer act through it"
          : "a responder group's last list is over a day old: its members no longer act through it",
      );
      return;
    }
    this.deps.logger.warn(
      { platform, group: groupId, err: message, keeping: kept?.members.length ?? 0 },
      "could not refresh a responder group: its last known members may still act",
    );
  }

  private adoptIfNewer(kept: GroupSnapshot): void {
    const key = keyOf(kept.platform, kept.groupId);
    const mine = this.deps.members.snapshot(kept.platform, kept.groupId);
    if (mine && mine.fetchedAt >= kept.fetchedAt) return;
    const failure = this.failures.get(key);
    // A list from before the group was gone, or over a day old, is not brought back from the store.
    if (failure?.gone && kept.fetchedAt <= failure.at) return;
    if (this.deps.clock.now().getTime() - kept.fetchedAt.getTime() > LAST_KNOWN_MAX_MS) return;
    this.deps.members.keep(kept);
    if (failure && kept.fetchedAt >= failure.at) this.failures.delete(key);
  }

  /** The platform said a group's members changed (Teams: someone joined or left the team). */
  markChanged(platform: Platform, groupId: string): void {
    // Teams tells about every team Liaison is in; only the directory's groups are kept track of.
    if (this.wanted().some((w) => w.platform === platform && w.groupId === groupId))
      this.changed.add(keyOf(platform, groupId));
  }

  /**
   * Fetches each group the directory names whose list is missing, old, changed or failed last time,
   * one at a time (platform rate limits are per app). Run every minute: a new group or a platform back
   * after an outage is picked up within one, a healthy list is fetched once per refreshAfterMs.
   */
  async refresh(): Promise<void> {
    await this.loadKept();
    for (const wanted of this.wanted()) if (this.due(wanted)) await this.refreshOne(wanted);
  }

  private due({ platform, groupId }: Wanted): boolean {
    const snapshot = this.deps.members.snapshot(platform, groupId);
    const key = keyOf(platform, groupId);
    if (!snapshot || this.failures.has(key) || this.changed.has(key)) return true;
    return this.deps.clock.now().getTime() - snapshot.fetchedAt.getTime() >= this.deps.refreshAfterMs;
  }

  private async refreshOne({ platform, groupId }: Wanted): Promise<void> {
    const source = this.deps.sources.get(platform);
    if (!source) return;
    const kept = this.deps.members.snapshot(platform, groupId);
    const known = this.knownNames(platform, kept);
    let snapshot: GroupSnapshot;
    try {
      snapshot = { ...(await source.fetch(groupId, known)), fetchedAt: this.deps.clock.now() };
    } catch (error) {
      this.failed(platform, groupId, kept, error);
      return;
    }
    this.deps.members.keep(snapshot);
    this.failures.delete(keyOf(platform, groupId));
    this.changed.delete(keyOf(platform, groupId));
    // In force already; keeping it only matters for the next start, so a store hiccup is a warning.
    await this.deps.store.save(snapshot).catch((error: unknown) => {
      this.deps.logger.warn({ err: error, group: groupId }, "could not keep a responder group list");
    });
  }

  /** Names a source need not ask for: those fetched before, and the directory's own people. */
  private knownNames(platform: Platform, kept: GroupSnapshot | undefined): Map<string, string> {
    const known = new Map<string, string>();
    for (const m of kept?.members ?? []) if (m.displayName) known.set(m.userId, m.displayName);
    for (const p of this.deps.directory().directory.people) {
      const userId = platform === "slack" ? p.slackUserId : p.teamsAadObjectId?.toLowerCase();
      if (userId) known.set(userId, p.name);
    }
    return known;
  }

  /** The groups the directory in force names, on the platforms that are on. */
  private wanted(): Wanted[] {
    const wanted = new Map<string, Wanted>();
    for (const department of this.deps.directory().directory.departments) {
      for (const platform of this.deps.sources.keys()) {
        const groupId = responderGroupOf(department, platform);
        if (!groupId) continue;
        const entry = wanted.get(keyOf(platform, groupId)) ?? { platform, groupId, departments: [] };
        entry.departments.push(department.id);
        wanted.set(keyOf(platform, groupId), entry);
      }
    }
    return [...wanted.values()];
  }

  health(): ResponderGroupHealth[] {
    return this.wanted().map(({ platform, groupId, departments }) => {
      const snapshot = this.deps.members.snapshot(platform, groupId);
      const failure = this.failures.get(keyOf(platform, groupId));
      return {
        platform,
        group: groupId,
        departments,
        state: !snapshot ? "none" : failure ? "last-known" : "current",
        label: snapshot?.label ?? null,
        members: snapshot?.members.length ?? null,
        fetchedAt: snapshot?.fetchedAt.toISOString() ?? null,
        ...(failure ? { lastError: failure.error, lastAttemptAt: failure.at.toISOString() } : {}),
      };
    });
  }
}
