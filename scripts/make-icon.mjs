#!/usr/bin/env node
// Draws the app icon (build/icon.png, 512x512 RGBA) without any image package: a rounded navy
// square, a white shield, a teal check mark, anti-aliased by 4x4 supersampling, written as a PNG
// with node:zlib. electron-builder makes the .icns and .ico from it.
//   node scripts/make-icon.mjs [out.png]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const SIZE = 512;
const SAMPLES = 4;
const NAVY = [22, 43, 72];
const WHITE = [246, 248, 251];
const TEAL = [18, 150, 130];

/** Inside a square of side 1 with rounded corners (radius r), centred at 0.5. */
function inRoundedSquare(x, y, r) {
  const dx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
  const dy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
  return dx * dx + dy * dy <= r * r;
}

/** A shield: straight top with rounded shoulders, sides curving to a point at the bottom. */
function inShield(x, y) {
  const top = 0.2;
  const bottom = 0.84;
  if (y < top || y > bottom) return false;
  const t = (y - top) / (bottom - top); // 0 at the top, 1 at the point
  const half = t < 0.45 ? 0.29 : 0.29 * Math.cos(((t - 0.45) / 0.55) * (Math.PI / 2));
  const shoulder = t < 0.06 ? 0.29 - (0.06 - t) * 0.8 : half;
  return Math.abs(x - 0.5) <= shoulder;
}

function distanceToSegment(px, py, ax, ay, bx, by) {
  const vx = bx - ax;
  const vy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - (ax + t * vx), py - (ay + t * vy));
}

function inCheck(x, y) {
  const w = 0.045;
  return distanceToSegment(x, y, 0.37, 0.5, 0.46, 0.6) <= w || distanceToSegment(x, y, 0.46, 0.6, 0.64, 0.38) <= w;
}

function colourAt(x, y) {
  if (!inRoundedSquare(x, y, 0.18)) return null;
  if (inCheck(x, y)) return TEAL;
  if (inShield(x, y)) return WHITE;
  return NAVY;
}

export function drawIcon() {
  const rows = Buffer.alloc(SIZE * (1 + SIZE * 4));
  for (let py = 0; py < SIZE; py++) {
    const row = py * (1 + SIZE * 4);
    rows[row] = 0; // filter: none
    for (let px = 0; px < SIZE; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const c = colourAt((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          covered++;
        }
      }
      const at = row + 1 + px * 4;
      if (covered > 0) {
        rows[at] = Math.round(r / covered);
        rows[at + 1] = Math.round(g / covered);
        rows[at + 2] = Math.round(b / covered);
      }
      rows[at + 3] = Math.round((covered / (SAMPLES * SAMPLES)) * 255);
    }
  }
  return rows;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function encodePng(rows, size = SIZE) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'build', 'icon.png');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, encodePng(drawIcon()));
  console.log(`Wrote ${out} (${SIZE}x${SIZE}).`);
}
