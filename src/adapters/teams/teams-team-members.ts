import { type CloudAdapter, type ConversationReference, TeamsInfo, type TurnContext } from "botbuilder";
import { type ConnectorClient, TeamsConnectorClient } from "botframework-connector";
import {
  type GroupMember,
  GroupGoneError,
  type GroupSnapshot,
  type GroupSource,
  type TeamsConversationStore,
} from "../../core/index.ts";

export interface TeamsTeamMembersDeps {
  adapter: CloudAdapter;
  appId: string;
  tenantId?: string;
  conversations: TeamsConversationStore;
  callTimeoutMs: number;
}

/** Teams pages a team's roster; 500 is the largest page it serves. */
const PAGE_SIZE = 500;

/**
 * A Teams team's members (botbuilder's TeamsInfo paged roster; the bot must be installed in the team),
 * with the team's name for the audit trail. Roster calls go through the adapter's deadline-bound
 * connector; the team-details call is given the same deadline itself.
 */
export class TeamsTeamMembers implements GroupSource {
  readonly platform = "teams" as const;

  constructor(private readonly deps: TeamsTeamMembersDeps) {}

  async fetch(teamId: string): Promise<Omit<GroupSnapshot, "fetchedAt">> {
    const serviceUrl = await this.deps.conversations.serviceUrl(this.deps.tenantId);
    if (!serviceUrl)
      throw new Error("Liaison has not been installed in Teams yet: add the app to the team first");
    const reference: Partial<ConversationReference> = {
      channelId: "msteams",
      serviceUrl,
      conversation: {
        id: teamId,
        isGroup: true,
        conversationType: "channel",
        tenantId: this.deps.tenantId,
        name: "",
      },
    };
    let snapshot: Omit<GroupSnapshot, "fetchedAt"> | undefined;
    await this.deps.adapter
      .continueConversationAsync(this.deps.appId, reference, async (context) => {
        const members = await this.roster(context, teamId);
        snapshot = {
          platform: "teams",
          groupId: teamId,
          label: await this.teamName(context, teamId),
          members,
        };
      })
      .catch((error: unknown) => {
        // 403/404: the team is gone or Liaison was removed from it; anything else is an outage.
        const status = (error as { statusCode?: number }).statusCode;
        throw status === 403 || status === 404
          ? new GroupGoneError(`Teams answered ${status} for the team`)
          : error;
      });
    if (!snapshot) throw new Error("Teams did not run the roster request");
    return snapshot;
  }

  private async roster(context: TurnContext, teamId: string): Promise<GroupMember[]> {
    const members: GroupMember[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await TeamsInfo.getPagedTeamMembers(context, teamId, PAGE_SIZE, continuationToken);
      for (const m of page.members) {
        // Guests in the team are not the unit's staff.
        if (m.aadObjectId && m.userRole !== "guest")
          members.push({ userId: m.aadObjectId.toLowerCase(), displayName: m.name ?? "" });
      }
      continuationToken = page.continuationToken;
    } while (continuationToken);
    return members;
  }

  /** The team's name as Teams shows it; the id when Teams will not say (the roster still counts). */
  private async teamName(context: TurnContext, teamId: string): Promise<string> {
    const connector = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
    const teams = new TeamsConnectorClient(connector.credentials, { baseUri: context.activity.serviceUrl });
    try {
      const details = await teams.teams.fetchTeamDetails(teamId, { timeout: this.deps.callTimeoutMs });
      return details.name || teamId;
    } catch {
      return teamId;
    }
  }
}
