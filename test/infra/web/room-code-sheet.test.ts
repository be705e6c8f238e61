import { describe, expect, it } from "vitest";
import { readRoomCode, roomCodeKeys, signRoomCode } from "../../../src/infra/web/room-code.ts";
import { parseRooms, roomCodeSheet } from "../../../src/infra/web/room-code-sheet.ts";
import { ROOM_CODE_SECRET } from "../../support/family-directory.ts";

describe("printing a unit's room codes", () => {
  it("reads rooms as ranges and names, each once", () => {
    expect(parseRooms("401-404")).toEqual(["401", "402", "403", "404"]);
    expect(parseRooms("401, 405,410-411, 412-B, 401")).toEqual(["401", "405", "410", "411", "412-B"]);
    expect(parseRooms("09-10")).toEqual(["09", "10"]);
    expect(() => parseRooms("")).toThrow(/expected rooms/);
    expect(() => parseRooms("<b>")).toThrow(/is not a room/);
    expect(() => parseRooms("1-9999")).toThrow(/at most 500/);
  });

  it("one QR code per room, with the room, the unit and the sentence; each code opens its own room", async () => {
    const keys = roomCodeKeys(ROOM_CODE_SECRET);
    const cards = ["401", "402"].map((room) => ({
      room,
      url: `https://liaison.example.org/family/${signRoomCode(keys, "4w", room)}`,
    }));
    const sheet = await roomCodeSheet("St. Example <General>", "4 West", cards);
    expect(sheet.match(/<svg/g)).toHaveLength(2);
    expect(sheet).toContain("Room 401 · 4 West");
    expect(sheet).toContain("Scan to tell us about a concern. In an emergency, press the call button.");
    expect(sheet).toContain("St. Example &lt;General&gt;");
    for (const card of cards) {
      expect(sheet).toContain(card.url);
      expect(readRoomCode(keys, card.url.split("/family/")[1]!)?.room).toBe(card.room);
    }
  });
});
