// Draws the demo's SYNTHETIC lateral "film" from the synthetic landmark set (apps/server/seed/
// synthetic-adult-deformity.case.json): vertebral bodies as bright quadrilaterals through their four corners,
// the sacrum below the S1 endplate, the femoral heads as discs. It is a drawing for trying the landmark tools,
// not a radiograph. Deterministic: `node scripts/make-demo-lateral.mjs` rewrites apps/server/seed/demo-lateral.png.
import { readFileSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const seed = new URL('../apps/server/seed/', import.meta.url);
const spineCase = JSON.parse(readFileSync(new URL('synthetic-adult-deformity.case.json', seed), 'utf8'));
const film = spineCase.radiographs.find((r) => r.view === 'lateral');
const WIDTH = 2200;
const HEIGHT = 5300;
const pixels = new Uint8Array(WIDTH * HEIGHT);

// Soft tissue: a band around the spine, darker towards the edges; background black.
for (let y = 0; y < HEIGHT; y++) {
  for (let x = 0; x < WIDTH; x++) {
    const body = Math.max(0, 1 - Math.abs(x - 1150) / 750);
    pixels[y * WIDTH + x] = Math.round(18 + 52 * body);
  }
}

function fillPolygon(points, value) {
  const ys = points.map((p) => p[1]);
  for (let y = Math.floor(Math.min(...ys)); y <= Math.ceil(Math.max(...ys)); y++) {
    const crossings = [];
    for (let i = 0; i < points.length; i++) {
      const [x1, y1] = points[i];
      const [x2, y2] = points[(i + 1) % points.length];
      if ((y1 <= y && y < y2) || (y2 <= y && y < y1)) crossings.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
    }
    crossings.sort((a, b) => a - b);
    for (let i = 0; i + 1 < crossings.length; i += 2) {
      for (let x = Math.ceil(crossings[i]); x <= Math.floor(crossings[i + 1]); x++) {
        if (x >= 0 && x < WIDTH && y >= 0 && y < HEIGHT) pixels[y * WIDTH + x] = value;
      }
    }
  }
}

function fillDisc(center, radius, value) {
  for (let y = Math.floor(center[1] - radius); y <= Math.ceil(center[1] + radius); y++) {
    for (let x = Math.floor(center[0] - radius); x <= Math.ceil(center[0] + radius); x++) {
      if (
        (x - center[0]) ** 2 + (y - center[1]) ** 2 <= radius ** 2 &&
        x >= 0 &&
        x < WIDTH &&
        y >= 0 &&
        y < HEIGHT
      )
        pixels[y * WIDTH + x] = value;
    }
  }
}

/** A quadrilateral with a brighter cortical rim: the outline, then the body shrunk towards its centre. */
function vertebra(corners) {
  const centre = corners.reduce(
    (c, p) => [c[0] + p[0] / corners.length, c[1] + p[1] / corners.length],
    [0, 0],
  );
  fillPolygon(corners, 235);
  fillPolygon(
    corners.map((p) => [centre[0] + (p[0] - centre[0]) * 0.88, centre[1] + (p[1] - centre[1]) * 0.85]),
    185,
  );
}

for (const head of film.femoralHeads) {
  fillDisc(head.center, head.radiusPx, 225);
  fillDisc(head.center, head.radiusPx * 0.86, 170);
}
for (const [level, v] of Object.entries(film.vertebrae)) {
  if (level === 'S1') {
    // The sacrum: from the S1 endplate, a wedge going down and back.
    const sa = v.superiorAnterior;
    const sp = v.superiorPosterior;
    vertebra([sp, sa, [sa[0] - 120, sa[1] + 520], [sp[0] - 260, sp[1] + 430]]);
    continue;
  }
  vertebra([v.superiorPosterior, v.superiorAnterior, v.inferiorAnterior, v.inferiorPosterior]);
}

// 8-bit greyscale PNG (PNG spec, ISO/IEC 15948): signature, IHDR, IDAT (filter byte 0 per row), IEND.
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc(body));
  return Buffer.concat([length, body, sum]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(WIDTH, 0);
header.writeUInt32BE(HEIGHT, 4);
header[8] = 8;
header[9] = 0;
const raw = Buffer.alloc((WIDTH + 1) * HEIGHT);
for (let y = 0; y < HEIGHT; y++) raw.set(pixels.subarray(y * WIDTH, (y + 1) * WIDTH), y * (WIDTH + 1) + 1);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('demo-lateral.png', seed), png);
console.log(`demo-lateral.png: ${WIDTH} × ${HEIGHT}, ${png.length} bytes`);
