/**
 * A conversation Teams told Liaison about (the app installed in a team, a personal chat opened), kept
 * so that proactive messages can be sent there later.
 */
export interface TeamsConversationRecord {
  conversationId: string;
  kind: "channel" | "personal" | "groupChat";
  tenantId?: string;
  teamId?: string;
  aadObjectId?: string;
  serviceUrl: string;
  /** The Teams adapter's conversation reference, kept as opaque JSON: only that adapter reads it. */
  reference: unknown;
}

/** Where the Teams adapter keeps the conversation references that proactive messages need. */
export interface TeamsConversationStore {
  save(record: TeamsConversationRecord, at: Date): Promise<void>;
  /** The most recently seen Bot Connector endpoint for a tenant (any tenant when undefined). */
  serviceUrl(tenantId: string | undefined): Promise<string | undefined>;
  personalChat(aadObjectId: string): Promise<TeamsConversationRecord | undefined>;
}
