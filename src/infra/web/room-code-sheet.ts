import QRCode from "qrcode";
import { html, SafeHtml } from "./html.ts";
import { ROOM_NAME } from "./room-code.ts";

/** "401-420", "401,405,410-412", "412-B": each room once, in the order given. */
export function parseRooms(spec: string): string[] {
  const rooms: string[] = [];
  for (const part of spec
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const range = /^(\d+)-(\d+)$/.exec(part);
    if (range && Number(range[1]) < Number(range[2])) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (to - from >= 500) throw new Error(`${part}: at most 500 rooms at once`);
      const width = range[1]!.length;
      for (let n = from; n <= to; n++) rooms.push(String(n).padStart(width, "0"));
    } else if (ROOM_NAME.test(part)) {
      rooms.push(part);
    } else {
      throw new Error(`"${part}" is not a room (letters, digits, spaces or dashes) or a range like 401-420`);
    }
  }
  if (rooms.length === 0) throw new Error("expected rooms, like --rooms 401-420");
  return [...new Set(rooms)];
}

export interface RoomCodeCard {
  room: string;
  url: string;
}

const SHEET_CSS = `
@page { size: letter; margin: 12mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, "Segoe UI", Roboto, "Open Sans", sans-serif; color: #1b1b1b; }
.sheet { display: grid; grid-template-columns: 1fr 1fr; gap: 8mm; }
.card { break-inside: avoid; border: 1px dashed #767676; padding: 6mm; text-align: center; }
.card svg { width: 55mm; height: 55mm; }
.room { font-size: 18pt; font-weight: 700; margin: 2mm 0; }
.say { font-size: 12pt; margin: 1mm 0; }
.url { font-size: 7pt; color: #4a4a4a; word-break: break-all; margin-top: 2mm; }
`;

/**
 * A printable page of the unit's codes, two to a row: the QR code (SVG, so it prints sharp at any
 * size), the room and unit, and one sentence in English and Spanish.
 */
export async function roomCodeSheet(
  hospital: string,
  unitName: string,
  cards: RoomCodeCard[],
): Promise<string> {
  const drawn = await Promise.all(
    cards.map(async ({ room, url }) => {
      // The qrcode library's own SVG: only its path data and our URL's modules, no text from anyone.
      const svg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
      return html`<section class="card">
        ${new SafeHtml(svg)}
        <p class="room">Room ${room} · ${unitName}</p>
        <p class="say">Scan to tell us about a concern. In an emergency, press the call button.</p>
        <p class="say" lang="es">
          Escanee para contarnos una preocupación. En una emergencia, presione el botón de llamada.
        </p>
        <p class="url">${url}</p>
      </section>`;
    }),
  );
  return `<!doctype html>${html`<html lang="en">
    <head>
      <meta charset="utf-8" />
      <title>${hospital} · ${unitName} · room codes</title>
      <style>
        ${new SafeHtml(SHEET_CSS)}
      </style>
    </head>
    <body>
      <main class="sheet">${drawn}</main>
    </body>
  </html>`}`;
}
