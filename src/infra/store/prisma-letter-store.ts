import { asConcernId, type LetterLanguage, type StoredLetter } from "../../core/index.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { CLEAR_TEXT, type FieldCipher } from "../privacy/field-cipher.ts";

/** The additional data binding a sealed letter to its row. */
export const letterWhere = (letterId: string) => `GrievanceLetter.pdf:${letterId}`;
const SEALED = Buffer.from("enc:v1:");

/**
 * A letter's bytes as stored: the PDF names the patient's grievance in the hospital's words, so with
 * a key it is sealed (the sealed text of its base64, as bytes); without one it is the PDF itself.
 */
export function sealLetter(pdf: Uint8Array, letterId: string, cipher: FieldCipher): Uint8Array<ArrayBuffer> {
  const bytes = Buffer.from(pdf);
  if (!cipher.sealing) return new Uint8Array(bytes);
  return new Uint8Array(Buffer.from(cipher.seal(bytes.toString("base64"), letterWhere(letterId))));
}

/** Stored bytes read back as the PDF; a letter stored before sealing (it starts %PDF) reads as it is. */
export function openLetter(stored: Uint8Array, letterId: string, cipher: FieldCipher): Uint8Array {
  const bytes = Buffer.from(stored);
  if (!bytes.subarray(0, SEALED.length).equals(SEALED)) return new Uint8Array(bytes);
  return new Uint8Array(Buffer.from(cipher.open(bytes.toString("utf8"), letterWhere(letterId)), "base64"));
}

/** Grievance letters as drafted: written once, read by their link's token. */
export class PrismaLetterStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly cipher: FieldCipher = CLEAR_TEXT,
  ) {}

  async save(l: StoredLetter): Promise<void> {
    await this.prisma.grievanceLetter.create({
      data: { ...l, pdf: sealLetter(l.pdf, l.id, this.cipher) },
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
      pdf: openLetter(row.pdf, row.id, this.cipher),
    };
  }
}
