import type { GroupMember, GroupSnapshot, GroupSnapshotRepository, Platform } from "../../core/index.ts";
import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";

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

  async save(s: GroupSnapshot): Promise<void> {
    const data = {
      label: s.label,
      members: s.members.map((m) => ({
        userId: m.userId,
        displayName: m.displayName,
      })) as Prisma.InputJsonValue,
      fetchedAt: s.fetchedAt,
    };
    await this.prisma.responderGroupSnapshot.upsert({
      where: { platform_groupId: { platform: s.platform, groupId: s.groupId } },
      create: { platform: s.platform, groupId: s.groupId, ...data },
      update: data,
    });
  }
}
