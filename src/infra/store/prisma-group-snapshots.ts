import type { GroupMember, GroupSnapshot, GroupSnapshotRepository, Platform } from "../../core/index.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";

/** The last known member list of each responder group, one row per group (both stores). */
export class PrismaGroupSnapshots implements GroupSnapshotRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async all(): Promise<GroupSnapshot[]> {
    const rows = await this.prisma.responderGroupSnapshot.findMany();
    // Rows are only written by save() below, so members always has the GroupMember shape.
    return rows.map((r) => ({
      platform: r.platform as Platform,
      groupId: r.groupId,
      label: r.label,
      members: r.members as unknown as GroupMember[],
      fetchedAt: r.fetchedAt,
    }));
  }

  /** Keeps the list unless the store already holds a newer one (another instance fetched later). */
  async save(s: GroupSnapshot): Promise<void> {
    const members = JSON.stringify(s.members.map((m) => ({ userId: m.userId, displayName: m.displayName })));
    await this.prisma.$executeRaw`
      INSERT INTO "ResponderGroupSnapshot" ("platform", "groupId", "label", "members", "fetchedAt")
      VALUES (${s.platform}, ${s.groupId}, ${s.label}, ${members}::jsonb, ${s.fetchedAt})
      ON CONFLICT ("platform", "groupId") DO UPDATE
        SET "label" = EXCLUDED."label", "members" = EXCLUDED."members", "fetchedAt" = EXCLUDED."fetchedAt"
        WHERE "ResponderGroupSnapshot"."fetchedAt" < EXCLUDED."fetchedAt"`;
  }
}
