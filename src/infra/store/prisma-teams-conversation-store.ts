import type { TeamsConversationRecord, TeamsConversationStore } from "../../core/index.ts";
import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";

export class PrismaTeamsConversationStore implements TeamsConversationStore {
  constructor(private readonly prisma: PrismaClient) {}

  async save(record: TeamsConversationRecord, at: Date): Promise<void> {
    const data = {
      kind: record.kind,
      tenantId: record.tenantId ?? null,
      teamId: record.teamId ?? null,
      aadObjectId: record.aadObjectId ?? null,
      serviceUrl: record.serviceUrl,
      reference: record.reference as Prisma.InputJsonValue,
      updatedAt: at,
    };
    await this.prisma.teamsConversation.upsert({
      where: { conversationId: record.conversationId },
      create: { conversationId: record.conversationId, ...data },
      update: data,
    });
  }

  async serviceUrl(tenantId: string | undefined): Promise<string | undefined> {
    const row = await this.prisma.teamsConversation.findFirst({
      where: tenantId ? { tenantId } : {},
      orderBy: { updatedAt: "desc" },
      select: { serviceUrl: true },
    });
    return row?.serviceUrl;
  }

  async personalChat(aadObjectId: string): Promise<TeamsConversationRecord | undefined> {
    const row = await this.prisma.teamsConversation.findFirst({
      where: { aadObjectId: aadObjectId.toLowerCase(), kind: "personal" },
      orderBy: { updatedAt: "desc" },
    });
    if (!row) return undefined;
    return {
      conversationId: row.conversationId,
      kind: "personal",
      tenantId: row.tenantId ?? undefined,
      aadObjectId: row.aadObjectId ?? undefined,
      serviceUrl: row.serviceUrl,
      reference: row.reference,
    };
  }
}
