import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * A room's QR code: `/family/<payload>.<signature>`, where the payload is base64url of
 * ["<key id>", "<unit id>", "<room>"] and the signature HMAC-SHA256 of it under the hospital's secret,
 * cut to 128 bits (as hard to forge as the full length for this use, and a smaller QR code to print).
 * Anyone can read which room a code is for; nobody without the secret can make one for another room.
 */
export interface RoomCode {
  unit: string;
  room: string;
  keyId: string;
}

export interface RoomCodeKey {
  id: string;
  signing: Buffer;
}

/** The secret signing new codes, then the previous ones still accepted while new codes are put up. */
export interface RoomCodeKeys {
  current: RoomCodeKey;
  accepted: ReadonlyMap<string, RoomCodeKey>;
  /** Keys the hashes of codes, addresses and nonces kept for the limits (never the values themselves). */
  hashing: Buffer;
}

const SIGNATURE_BYTES = 16;
const B64URL = /^[A-Za-z0-9_-]+$/;
/** What a room is called on a door: "412", "412-B", "ICU 3". */
export const ROOM_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9 -]{0,18}[A-Za-z0-9])?$/;
const UNIT_ID = /^[a-z0-9][a-z0-9._-]{0,149}$/;

const derive = (secret: string, purpose: string) =>
  createHmac("sha256", secret).update(`liaison:${purpose}`).digest();

/** A key's id is a fingerprint of its secret: printed codes say which secret signed them, never the secret. */
export function roomCodeKey(secret: string): RoomCodeKey {
  const id = createHash("sha256")
    .update(`liaison:room-code-key-id:${secret}`)
    .digest("base64url")
    .slice(0, 8);
  return { id, signing: derive(secret, "room-code") };
}

export function roomCodeKeys(secret: string, previous: readonly string[] = []): RoomCodeKeys {
  const current = roomCodeKey(secret);
  const accepted = new Map([current, ...previous.map(roomCodeKey)].map((k) => [k.id, k] as const));
  return { current, accepted, hashing: derive(secret, "family-page-counts") };
}

const sign = (key: RoomCodeKey, payload: string) =>
  createHmac("sha256", key.signing).update(`room-code-v1.${payload}`).digest().subarray(0, SIGNATURE_BYTES);

export function signRoomCode(keys: RoomCodeKeys, unit: string, room: string): string {
  if (!UNIT_ID.test(unit)) throw new Error(`"${unit}" is not a unit id from the directory`);
  if (!ROOM_NAME.test(room)) {
    throw new Error(`"${room}" is not a room name (letters, digits, spaces or dashes, at most 20)`);
  }
  const payload = Buffer.from(JSON.stringify([keys.current.id, unit, room])).toString("base64url");
  return `${payload}.${sign(keys.current, payload).toString("base64url")}`;
}

/** The room a code names, if one of the accepted keys signed it exactly; undefined for anything else. */
export function readRoomCode(keys: RoomCodeKeys, code: string): RoomCode | undefined {
  const [payload, signature, ...rest] = code.split(".");
  if (!payload || !signature || rest.length > 0 || !B64URL.test(payload) || !B64URL.test(signature)) {
    return undefined;
  }
  const fields = parsePayload(payload);
  const key = fields && keys.accepted.get(fields[0]);
  if (!fields || !key) return undefined;
  const given = Buffer.from(signature, "base64url");
  const expected = sign(key, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const [keyId, unit, room] = fields;
  return UNIT_ID.test(unit) && ROOM_NAME.test(room) ? { unit, room, keyId } : undefined;
}

function parsePayload(payload: string): [string, string, string] | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return Array.isArray(value) && value.length === 3 && value.every((v) => typeof v === "string")
      ? (value as [string, string, string])
      : undefined;
  } catch {
    return undefined;
  }
}

/** A keyed hash for the limits' table: the same input gives the same key on every instance. */
export const countKey = (keys: RoomCodeKeys, kind: "code" | "address" | "nonce", value: string) =>
  `${kind}:${createHmac("sha256", keys.hashing).update(`${kind}:${value}`).digest("base64url").slice(0, 32)}`;
