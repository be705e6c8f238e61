import type { Department } from "./directory.ts";
import type { GroupSnapshot } from "../ports/group-source.port.ts";
import type { Platform } from "../platform.ts";

/** How a chat user belongs to a department's platform group. */
export interface GroupMembership {
  /** For the audit trail: "member of @4w-nurses (Slack user group)", "member of the 4 West team (Teams)". */
  authorizedBy: string;
  /** The name the platform gives them, for people the directory does not list. */
  displayName: string;
}

/** "@4w-nurses" (a Slack user group's handle) or "the Nursing 4 West team" (a Teams team's name). */
export function groupName(platform: Platform, label: string): string {
  return platform === "slack" ? label : `the ${label} team`;
}

const PLATFORM_NAME: Record<Platform, string> = { slack: "Slack user group", teams: "Teams" };

/** The platform group a department takes responders from, if any. */
export function responderGroupOf(department: Department, platform: Platform): string | undefined {
  return platform === "slack"
    ? department.responderGroups?.slackUserGroup
    : department.responderGroups?.teamsTeam;
}

// Entra object ids arrive in either case; Slack ids are upper case already.
const userKey = (platform: Platform, userId: string) =>
  platform === "teams" ? userId.toLowerCase() : userId;

/**
 * The last known member list of every responder group. Lookups never wait on a platform: a click is
 * authorized from what was last fetched, which is also what keeps working while a platform is down.
 */
export class ResponderGroupMembers {
  private readonly lists = new Map<string, { snapshot: GroupSnapshot; names: Map<string, string> }>();

  /** Replaces what is known of this group with a newer list. */
  keep(snapshot: GroupSnapshot): void {
    const names = new Map(snapshot.members.map((m) => [userKey(snapshot.platform, m.userId), m.displayName]));
    this.lists.set(`${snapshot.platform}:${snapshot.groupId}`, { snapshot, names });
  }

  /** Its members no longer count (the group is gone, or its last list too old to trust). */
  forget(platform: Platform, groupId: string): void {
    this.lists.delete(`${platform}:${groupId}`);
  }

  snapshot(platform: Platform, groupId: string): GroupSnapshot | undefined {
    return this.lists.get(`${platform}:${groupId}`)?.snapshot;
  }

  /** Whether the department's group on this user's platform lists them, by its last known list. */
  membership(platform: Platform, userId: string, department: Department): GroupMembership | undefined {
    const groupId = responderGroupOf(department, platform);
    const list = groupId ? this.lists.get(`${platform}:${groupId}`) : undefined;
    const displayName = list?.names.get(userKey(platform, userId));
    if (!list || displayName === undefined) return undefined;
    const group = groupName(platform, list.snapshot.label);
    return { authorizedBy: `member of ${group} (${PLATFORM_NAME[platform]})`, displayName };
  }
}
