import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { RoomCode, RoomCodeKeys } from "./room-code.ts";

/**
 * A form's one-time key, so a double tap or a reloaded POST sends one concern, not two. Showing the
 * form stores nothing (a page view costs no database write): the nonce is random, dated and signed for
 * its room; sending it records its hash, and a second sending of the same nonce is refused.
 */
export const NONCE_LIFETIME_MS = 3 * 3_600_000;

const mac = (keys: RoomCodeKeys, room: RoomCode, body: string) =>
  createHmac("sha256", keys.hashing)
    .update(`form-nonce.${room.unit}.${room.room}.${body}`)
    .digest()
    .subarray(0, 16);

export function issueNonce(keys: RoomCodeKeys, room: RoomCode, now: Date): string {
  const body = `${randomBytes(16).toString("base64url")}.${Math.floor(now.getTime() / 1000).toString(36)}`;
  return `${body}.${mac(keys, room, body).toString("base64url")}`;
}

/** The nonce's random part and when it was issued, if it is ours, for this room, and not too old. */
export function checkNonce(
  keys: RoomCodeKeys,
  room: RoomCode,
  nonce: string,
  now: Date,
): { id: string; issuedAt: Date } | undefined {
  const [random, issued, signature, ...rest] = nonce.split(".");
  if (!random || !issued || !signature || rest.length > 0) return undefined;
  const given = Buffer.from(signature, "base64url");
  const expected = mac(keys, room, `${random}.${issued}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const issuedAt = new Date(parseInt(issued, 36) * 1000);
  const age = now.getTime() - issuedAt.getTime();
  return age >= -60_000 && age <= NONCE_LIFETIME_MS ? { id: random, issuedAt } : undefined;
}
