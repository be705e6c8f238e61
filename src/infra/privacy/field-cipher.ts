import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Seals free text a person typed (descriptions, notes, patient references) before it reaches the
 * database, so a dump, a backup or a replica shows ciphertext. AES-256-GCM: the tag makes a row moved
 * to another row or column fail to open (the additional data names where it belongs).
 *
 * Sealed text reads `enc:v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64url). The key id is a short hash
 * of the key, so a reader knows which of the configured keys opens a value: after a new key is added,
 * rows written under the previous one stay readable until `npm run privacy:reencrypt` rewrites them.
 */
export interface FieldCipher {
  /** True when values are sealed on write (a key is configured). */
  readonly sealing: boolean;
  seal(value: string, where: string): string;
  /** Opens a sealed value; text written before encryption was turned on is returned as it is. */
  open(value: string, where: string): string;
  /** True when a stored value is sealed under a key other than the current one (or not sealed). */
  needsResealing(value: string): boolean;
}

const PREFIX = "enc:v1:";

export class FieldCipherError extends Error {}

const keyId = (key: Buffer) => createHash("sha256").update(key).digest("base64url").slice(0, 8);

/** Decodes a configured key: 32 bytes as base64 (what `openssl rand -base64 32` prints) or 64 hex digits. */
export function decodeDataKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32)
    throw new FieldCipherError("expected 32 bytes, as base64 (openssl rand -base64 32) or 64 hex digits");
  return key;
}

/** What a cipher does without a key: writes clear text and reads both (development only). */
export const CLEAR_TEXT: FieldCipher = {
  sealing: false,
  seal: (value) => value,
  open(value) {
    if (value.startsWith(PREFIX))
      throw new FieldCipherError("a sealed value was read, but no LIAISON_DATA_KEY is set");
    return value;
  },
  needsResealing: () => false,
};

/** A cipher sealing with `current` and opening with it or any of `previous`. */
export function createFieldCipher(current: Buffer, previous: readonly Buffer[] = []): FieldCipher {
  const keys = new Map([current, ...previous].map((k) => [keyId(k), k] as const));
  const currentId = keyId(current);
  return {
    sealing: true,
    seal(value, where) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", current, iv).setAAD(Buffer.from(where));
      const body = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
      return PREFIX + [currentId, iv, cipher.getAuthTag(), body].map(b64).join(":");
    },
    open(value, where) {
      if (!value.startsWith(PREFIX)) return value;
      const [id, iv, tag, body] = value.slice(PREFIX.length).split(":");
      const key = keys.get(id ?? "");
      if (!key) throw new FieldCipherError(`a value is sealed under key ${id}, which is not configured`);
      const decipher = createDecipheriv("aes-256-gcm", key, fromB64(iv)).setAAD(Buffer.from(where));
      decipher.setAuthTag(fromB64(tag));
      try {
        return Buffer.concat([decipher.update(fromB64(body)), decipher.final()]).toString("utf8");
      } catch {
        throw new FieldCipherError(`a sealed value for ${where} failed its integrity check`);
      }
    },
    needsResealing: (value) => !value.startsWith(`${PREFIX}${currentId}:`),
  };
}

const b64 = (b: Buffer | string) => (typeof b === "string" ? b : b.toString("base64url"));
const fromB64 = (s: string | undefined) => Buffer.from(s ?? "", "base64url");
