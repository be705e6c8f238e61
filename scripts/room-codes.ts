/**
 * npm run room-codes -- --unit 4w --rooms 401-420 [--out room-codes-4w.html] [--base-url https://…]
 *
 * Prints the family page's QR codes for a unit's rooms: a printable HTML page (open it, print it, cut
 * along the dashes), one code per room, each signed with LIAISON_ROOM_CODE_SECRET for that room only.
 * Reads the same settings as Liaison (the directory file, the secret, LIAISON_PUBLIC_URL for the
 * address the codes open, which must be reachable from a visitor's phone).
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DirectoryIndex } from "../src/core/index.ts";
import { loadConfig } from "../src/infra/config/load-config.ts";
import { loadDirectoryFile } from "../src/infra/directory/load-directory-file.ts";
import { roomCodeKeys, signRoomCode } from "../src/infra/web/room-code.ts";
import { parseRooms, roomCodeSheet } from "../src/infra/web/room-code-sheet.ts";

function fail(message: string): never {
  console.error(`room-codes: ${message}`);
  process.exit(1);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      unit: { type: "string" },
      rooms: { type: "string" },
      out: { type: "string" },
      "base-url": { type: "string" },
    },
  });
  if (!values.unit || !values.rooms) fail("expected --unit <unit id or name> --rooms <401-420>");
  const config = loadConfig(process.env);
  if (!config.LIAISON_ROOM_CODE_SECRET)
    fail("LIAISON_ROOM_CODE_SECRET is not set: the codes are signed with it");
  const directory = new DirectoryIndex(loadDirectoryFile(config.LIAISON_DIRECTORY_FILE).directory);
  const unit = directory.unitFor(values.unit);
  if (!unit) fail(`${values.unit} is not a unit of ${config.LIAISON_DIRECTORY_FILE}`);
  let rooms: string[];
  try {
    rooms = parseRooms(values.rooms);
  } catch (error) {
    fail((error as Error).message);
  }
  const base = (values["base-url"] ?? config.LIAISON_PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(
    /\/$/,
    "",
  );
  const keys = roomCodeKeys(config.LIAISON_ROOM_CODE_SECRET);
  const cards = rooms.map((room) => ({ room, url: `${base}/family/${signRoomCode(keys, unit.id, room)}` }));
  const out = values.out ?? `room-codes-${unit.id}.html`;
  writeFileSync(out, await roomCodeSheet(directory.hospital.name, unit.name, cards));
  const off = directory.hospital.familyConcerns?.enabled
    ? ""
    : " (the family page is not enabled in the directory yet)";
  console.log(`room-codes: ${cards.length} codes for ${unit.name} (key ${keys.current.id}) in ${out}${off}`);
}

await main();
