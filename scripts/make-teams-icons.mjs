#!/usr/bin/env node
// `node scripts/make-teams-icons.mjs`: (re)writes the two Teams app icons,
//   manifests/teams/color.png    192x192, opaque: a white speech bubble with a teal "L" on teal
//   manifests/teams/outline.png   32x32, transparent: the same bubble in pure white, the "L" cut out
// Deterministic and dependency-free (only node:zlib): the PNG bytes are written by hand (RGBA, 8 bit,
// filter 0 on every row). A designer can replace the PNGs with real artwork; keep the sizes, and keep
// the outline icon white on transparent (test/manifests/teams-manifest.test.ts checks both).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const TEAL = [0x0f, 0x7c, 0x7c]; // keep in step with accentColor in manifests/teams/manifest.json
const WHITE = [0xff, 0xff, 0xff];
const SUBSAMPLES = 4; // 4x4 samples per pixel: smooth, still deterministic edges

// The mark, in unit coordinates (0..1, y down).
function inRoundedRect(x, y, left, top, right, bottom, radius) {
  if (x < left || x > right || y < top || y > bottom) return false;
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function inTriangle(x, y, [ax, ay], [bx, by], [cx, cy]) {
  const d1 = (x - bx) * (ay - by) - (ax - bx) * (y - by);
  const d2 = (x - cx) * (by - cy) - (bx - cx) * (y - cy);
  const d3 = (x - ax) * (cy - ay) - (cx - ax) * (y - ay);
  const negative = d1 < 0 || d2 < 0 || d3 < 0;
  const positive = d1 > 0 || d2 > 0 || d3 > 0;
  return !(negative && positive);
}

function inBubble(x, y) {
  return (
    inRoundedRect(x, y, 0.16, 0.18, 0.84, 0.68, 0.13) ||
    inTriangle(x, y, [0.3, 0.62], [0.27, 0.86], [0.5, 0.62])
  );
}

function inLetterL(x, y) {
  return (
    (x >= 0.39 && x <= 0.48 && y >= 0.28 && y <= 0.58) || (x >= 0.39 && x <= 0.63 && y >= 0.49 && y <= 0.58)
  );
}

/** Coverage (0..1) of a pixel by `inside`, sampled on a SUBSAMPLES x SUBSAMPLES grid. */
function coverage(px, py, size, inside) {
  let hits = 0;
  for (let sy = 0; sy < SUBSAMPLES; sy++) {
    for (let sx = 0; sx < SUBSAMPLES; sx++) {
      const x = (px + (sx + 0.5) / SUBSAMPLES) / size;
      const y = (py + (sy + 0.5) / SUBSAMPLES) / size;
      if (inside(x, y)) hits++;
    }
  }
  return hits / SUBSAMPLES ** 2;
}

const mix = (a, b, t) => a.map((v, i) => Math.round(v + (b[i] - v) * t));

function colorIcon(size) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const white = coverage(x, y, size, (u, v) => inBubble(u, v) && !inLetterL(u, v));
      rgba.set([...mix(TEAL, WHITE, white), 0xff], (y * size + x) * 4);
    }
  }
  return rgba;
}

function outlineIcon(size) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const alpha = coverage(x, y, size, (u, v) => inBubble(u, v) && !inLetterL(u, v));
      rgba.set([...WHITE, Math.round(alpha * 0xff)], (y * size + x) * 4);
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A PNG of `size` x `size` RGBA pixels (8 bits per channel, no interlace, filter 0 on each row). */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method
  header[12] = 0; // no interlace
  const stride = size * 4;
  const raw = Buffer.alloc(size * (stride + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (stride + 1)] = 0; // filter type 0 (None)
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../manifests/teams");
for (const [file, size, draw] of [
  ["color.png", 192, colorIcon],
  ["outline.png", 32, outlineIcon],
]) {
  const png = encodePng(size, draw(size));
  writeFileSync(path.join(dir, file), png);
  console.log(
    `wrote ${path.relative(process.cwd(), path.join(dir, file))} (${size}x${size}, ${png.length} bytes)`,
  );
}
