import type { Platform } from "../platform.ts";

/** One member of a platform group, as the platform names them. */
export interface GroupMember {
  /** The Slack member id, or the Teams user's Entra object id. */
  userId: string;
  displayName: string;
}

/** A platform group's members at one moment, and what to call the group in the audit trail. */
export interface GroupSnapshot {
  platform: Platform;
  /** The Slack user group id or the Teams team id the directory names. */
  groupId: string;
  /** "@4w-nurses" (Slack user group handle) or "Nursing 4 West" (Teams team name). */
  label: string;
  members: readonly GroupMember[];
  fetchedAt: Date;
}

/**
 * How a platform lists a group's members (Slack's usergroups.users.list, Teams' team roster). Every
 * call has a deadline; a failure is thrown, and the caller keeps the last list it had.
 */
export interface GroupSource {
  readonly platform: Platform;
  /** `known` are names already fetched: a source may skip asking for them again. */
  fetch(groupId: string, known: ReadonlyMap<string, string>): Promise<Omit<GroupSnapshot, "fetchedAt">>;
}

/**
 * The platform says the group itself is gone or closed to Liaison (deleted, disabled, Liaison removed
 * from the team): its last list must stop counting, unlike an outage, which keeps it.
 */
export class GroupGoneError extends Error {}

/** Where the last known member lists are kept, so a restart during a platform outage still has them. */
export interface GroupSnapshotRepository {
  all(): Promise<GroupSnapshot[]>;
  save(snapshot: GroupSnapshot): Promise<void>;
}
