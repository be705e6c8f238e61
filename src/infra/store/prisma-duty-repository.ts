import { asPersonId, type DutyAssignment, type DutyRepository } from "../../core/index.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";

export class PrismaDutyRepository implements DutyRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async take(a: DutyAssignment): Promise<void> {
    const data = {
      personId: a.personId,
      personName: a.personName,
      takenByKey: a.takenByKey,
      takenByName: a.takenByName,
      takenAt: a.takenAt,
      endsAt: a.endsAt,
    };
    await this.prisma.dutyAssignment.upsert({
      where: { dutyId_placeId: { dutyId: a.dutyId, placeId: a.placeId } },
      create: { dutyId: a.dutyId, placeId: a.placeId, ...data },
      update: data,
    });
  }

  async current(now: Date): Promise<DutyAssignment[]> {
    const rows = await this.prisma.dutyAssignment.findMany({
      where: { endsAt: { gt: now } },
      orderBy: [{ dutyId: "asc" }, { placeId: "asc" }],
    });
    return rows.map((r) => ({ ...r, personId: asPersonId(r.personId) }));
  }
}
