import { asConcernId, type LetterLanguage, type StoredLetter } from "../../core/index.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";

/** Grievance letters as drafted: written once, read by their link's token. */
export class PrismaLetterStore {
  constructor(private readonly prisma: PrismaClient) {}

  async save(l: StoredLetter): Promise<void> {
    await this.prisma.grievanceLetter.create({
      data: { ...l, pdf: Buffer.from(l.pdf) },
    });
  }

  async byToken(token: string): Promise<StoredLetter | undefined> {
    const row = await this.prisma.grievanceLetter.findUnique({ where: { token } });
    if (!row) return undefined;
    return {
      ...row,
      concernId: asConcernId(row.concernId),
      kind: row.kind as StoredLetter["kind"],
      language: row.language as LetterLanguage,
      pdf: new Uint8Array(row.pdf),
    };
  }
}
