import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkNonce, issueNonce, NONCE_LIFETIME_MS } from "../../../src/infra/web/family-form-nonce.ts";
import { countKey, readRoomCode, roomCodeKeys, signRoomCode } from "../../../src/infra/web/room-code.ts";
import { ROOM_CODE_SECRET } from "../../support/family-directory.ts";

const keys = roomCodeKeys(ROOM_CODE_SECRET);
const code = signRoomCode(keys, "4w", "412");
const [payload, signature] = code.split(".") as [string, string];
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("a room's QR code names its room, and only the hospital's secret can make one", () => {
  it("reads back the room and unit it was signed for, and which key signed it", () => {
    expect(readRoomCode(keys, code)).toEqual({ unit: "4w", room: "412", keyId: keys.current.id });
    expect(code).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
  });

  it("a code with another room or unit but the same signature is refused (forged room, forged unit)", () => {
    const keyId = keys.current.id;
    expect(readRoomCode(keys, `${b64([keyId, "4w", "413"])}.${signature}`)).toBeUndefined();
    expect(readRoomCode(keys, `${b64([keyId, "5e", "412"])}.${signature}`)).toBeUndefined();
  });

  it("a code signed with another secret is refused, even naming this hospital's key id", () => {
    const other = roomCodeKeys("another-hospitals-secret-that-is-long-enough-0000");
    const theirs = signRoomCode(other, "4w", "412");
    expect(readRoomCode(keys, theirs)).toBeUndefined();
    // Their signature over a payload that names our key id: still not ours.
    const forgedPayload = b64([keys.current.id, "4w", "412"]);
    const mac = createHmac("sha256", other.current.signing).update(`room-code-v1.${forgedPayload}`);
    expect(
      readRoomCode(keys, `${forgedPayload}.${mac.digest().subarray(0, 16).toString("base64url")}`),
    ).toBeUndefined();
  });

  it("a truncated, padded or garbled code is refused", () => {
    for (const bad of [
      code.slice(0, -1),
      `${code}A`,
      payload,
      `${payload}.`,
      `.${signature}`,
      `${code}.x`,
      `${payload}.${signature.replace(/^./, (c) => (c === "A" ? "B" : "A"))}`,
      `${b64("not an array")}.${signature}`,
      "",
      "%3Cscript%3E",
    ]) {
      expect(readRoomCode(keys, bad), bad).toBeUndefined();
    }
  });

  it("after a rotation the new secret signs, and the previous one's codes are still read until it is dropped", () => {
    const rotated = roomCodeKeys("the-new-secret-after-rotation-is-also-long-enough", [ROOM_CODE_SECRET]);
    expect(rotated.current.id).not.toBe(keys.current.id);
    expect(readRoomCode(rotated, code)).toEqual({ unit: "4w", room: "412", keyId: keys.current.id });
    const fresh = signRoomCode(rotated, "4w", "412");
    expect(readRoomCode(rotated, fresh)?.keyId).toBe(rotated.current.id);
    expect(
      readRoomCode(roomCodeKeys("the-new-secret-after-rotation-is-also-long-enough"), code),
    ).toBeUndefined();
  });

  it("refuses to sign what is not a unit id or a room name", () => {
    expect(() => signRoomCode(keys, "4 West", "412")).toThrow(/not a unit id/);
    expect(() => signRoomCode(keys, "4w", "<b>412</b>")).toThrow(/not a room name/);
  });

  it("the limits' keys are keyed hashes: the same on every instance, never the value itself", () => {
    const key = countKey(keys, "address", "203.0.113.7");
    expect(key).toBe(countKey(roomCodeKeys(ROOM_CODE_SECRET), "address", "203.0.113.7"));
    expect(key).not.toContain("203.0.113.7");
    expect(key).not.toBe(countKey(keys, "address", "203.0.113.8"));
  });
});

describe("the form's one-time key", () => {
  const room = { unit: "4w", room: "412", keyId: keys.current.id };
  const now = new Date("2026-11-24T20:00:00Z");

  it("is accepted for its room while fresh, and refused for another room, when old or when altered", () => {
    const nonce = issueNonce(keys, room, now);
    expect(checkNonce(keys, room, nonce, now)?.issuedAt).toEqual(now);
    expect(checkNonce(keys, { ...room, room: "413" }, nonce, now)).toBeUndefined();
    expect(checkNonce(keys, room, nonce, new Date(now.getTime() + NONCE_LIFETIME_MS + 1000))).toBeUndefined();
    expect(
      checkNonce(
        keys,
        room,
        nonce.replace(/^./, (c) => (c === "A" ? "B" : "A")),
        now,
      ),
    ).toBeUndefined();
    expect(checkNonce(keys, room, "", now)).toBeUndefined();
    expect(issueNonce(keys, room, now)).not.toBe(nonce);
  });
});
