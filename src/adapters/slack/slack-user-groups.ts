import type { WebClient } from "@slack/web-api";
import { type GroupMember, GroupGoneError, type GroupSnapshot, type GroupSource } from "../../core/index.ts";

/** Slack's answer to usergroups.list is the same for every group: asked once per refresh round. */
const HANDLES_TTL_MS = 5 * 60_000;

interface SlackProfileUser {
  name?: string;
  real_name?: string;
  profile?: { display_name?: string; real_name?: string };
}

/** What Slack shows for a person: their display name, else their full name, else their username. */
const displayNameOf = (u: SlackProfileUser | undefined) =>
  u?.profile?.display_name || u?.profile?.real_name || u?.real_name || u?.name || "";

/** Slack's answers that mean the group itself is gone, not that Slack is down. */
const GONE = new Set(["no_such_subteam", "subteam_not_found", "subteam_disabled"]);

function goneOrNot(error: unknown): unknown {
  const code = (error as { data?: { error?: string } }).data?.error;
  return code && GONE.has(code) ? new GroupGoneError(`Slack says ${code}`) : error;
}

/**
 * A Slack user group's members (usergroups.users.list, scope usergroups:read), with the group's handle
 * for the audit trail (usergroups.list) and each new member's display name (users.info, scope users:read).
 * The client is the deadline-bound one every Slack call uses; a failure is thrown to the refresh.
 */
export class SlackUserGroups implements GroupSource {
  readonly platform = "slack" as const;
  private handles?: { at: number; byId: Map<string, string> };

  constructor(private readonly client: WebClient) {}

  async fetch(
    groupId: string,
    known: ReadonlyMap<string, string>,
  ): Promise<Omit<GroupSnapshot, "fetchedAt">> {
    const listed = await this.client.usergroups.users.list({ usergroup: groupId }).catch((error: unknown) => {
      throw goneOrNot(error);
    });
    const label = (await this.handleOf(groupId)) ?? groupId;
    return { platform: "slack", groupId, label, members: await this.named(listed.users ?? [], known) };
  }

  private async handleOf(groupId: string): Promise<string | undefined> {
    if (!this.handles || Date.now() - this.handles.at > HANDLES_TTL_MS) {
      const { usergroups } = await this.client.usergroups.list({});
      const byId = new Map((usergroups ?? []).map((g) => [g.id ?? "", `@${g.handle ?? g.name ?? g.id}`]));
      this.handles = { at: Date.now(), byId };
    }
    return this.handles.byId.get(groupId);
  }

  /**
   * Names for members not named before. One refused or slow users.info (rate limits are per app) stops
   * the asking for this round: those members still count, under the name their clicks carry, until the
   * next refresh names them.
   */
  private async named(
    userIds: readonly string[],
    known: ReadonlyMap<string, string>,
  ): Promise<GroupMember[]> {
    let asking = true;
    const members: GroupMember[] = [];
    for (const userId of userIds) {
      let displayName = known.get(userId) ?? "";
      if (!displayName && asking) {
        try {
          displayName = displayNameOf((await this.client.users.info({ user: userId })).user);
        } catch {
          asking = false;
        }
      }
      members.push({ userId, displayName });
    }
    return members;
  }
}
