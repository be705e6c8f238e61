import { asConcernId } from "../../core/index.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { StoredInvitation, SurveyInvitationStore } from "../surveys/survey-invitation-store.ts";

/** Survey invitations in the database: answered once, by a conditional update only one writer can win. */
export class PrismaSurveyStore implements SurveyInvitationStore {
  constructor(private readonly prisma: PrismaClient) {}

  async save(invitation: StoredInvitation): Promise<void> {
    const { usedAt, ...row } = invitation;
    await this.prisma.surveyInvitation.create({ data: { ...row, usedAt: usedAt ?? null } });
  }

  async byTokenHash(tokenHash: string): Promise<StoredInvitation | undefined> {
    const row = await this.prisma.surveyInvitation.findUnique({ where: { tokenHash } });
    if (!row) return undefined;
    const { usedAt, ...rest } = row;
    return { ...rest, concernId: asConcernId(row.concernId), ...(usedAt ? { usedAt } : {}) };
  }

  async markUsed(id: string, now: Date): Promise<boolean> {
    const { count } = await this.prisma.surveyInvitation.updateMany({
      where: { id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    return count === 1;
  }

  async unmarkUsed(id: string, usedAt: Date): Promise<void> {
    await this.prisma.surveyInvitation.updateMany({ where: { id, usedAt }, data: { usedAt: null } });
  }
}
