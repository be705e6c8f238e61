import type { ConversationReference } from "botbuilder";

export interface TeamsConversationRecord {
  conversationId: string;
  kind: "channel" | "personal" | "groupChat";
  tenantId?: string;
  teamId?: string;
  aadObjectId?: string;
  serviceUrl: string;
  reference: Partial<ConversationReference>;
}

/** Where the Teams adapter keeps the conversation references that proactive messages need. */
export interface TeamsConversationStore {
  save(record: TeamsConversationRecord, at: Date): Promise<void>;
  /** The most recently seen Bot Connector endpoint for a tenant (any tenant when undefined). */
  serviceUrl(tenantId: string | undefined): Promise<string | undefined>;
  personalChat(aadObjectId: string): Promise<TeamsConversationRecord | undefined>;
}
