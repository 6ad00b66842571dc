/**
 * Draws the PWA icons (public/icons/*.png) and the SVG favicon: a receipt (पावती) with a green tick on
 * the brand colour. No image tools needed: shapes are tested per sub-pixel (4×4 supersampling) and
 * written as PNG with node:zlib. Run with `npx tsx scripts/make-icons.ts`; the output is committed.
 */
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';

type RGBA = [number, number, number, number];
type Shape = { color: RGBA; inside: (x: number, y: number) => boolean };

const hex = (h: string, a = 255): RGBA => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16), a];
const BRAND = hex('#9a3412');
const WHITE = hex('#ffffff');
const FOLD = hex('#fed7aa');
const GREEN = hex('#15803d');

const inPoly = (pts: [number, number][]) => (x: number, y: number) => {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i], [xj, yj] = pts[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};
const inRect = (x0: number, y0: number, x1: number, y1: number) => (x: number, y: number) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const inCircle = (cx: number, cy: number, r: number) => (x: number, y: number) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const nearSegment = (ax: number, ay: number, bx: number, by: number, w: number) => (x: number, y: number) => {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return (x - ax - t * (bx - ax)) ** 2 + (y - ay - t * (by - ay)) ** 2 <= w * w;
};
const roundedSquare = (r: number) => (x: number, y: number) => {
  const dx = Math.max(r - x, 0, x - (1 - r)), dy = Math.max(r - y, 0, y - (1 - r));
  return dx * dx + dy * dy <= r * r;
};

/** The emblem in a unit box: a receipt with three lines and a tick badge. */
function emblem(): Shape[] {
  const tick = [nearSegment(0.645, 0.765, 0.705, 0.825, 0.028), nearSegment(0.705, 0.825, 0.81, 0.7, 0.028)];
  return [
    { color: WHITE, inside: inPoly([[0.24, 0.12], [0.6, 0.12], [0.74, 0.26], [0.74, 0.86], [0.24, 0.86]]) },
    { color: FOLD, inside: inPoly([[0.6, 0.12], [0.6, 0.26], [0.74, 0.26]]) },
    { color: BRAND, inside: inRect(0.32, 0.34, 0.52, 0.39) },
    { color: BRAND, inside: inRect(0.32, 0.46, 0.66, 0.51) },
    { color: BRAND, inside: inRect(0.32, 0.58, 0.6, 0.63) },
    { color: WHITE, inside: inCircle(0.73, 0.76, 0.185) },
    { color: GREEN, inside: inCircle(0.73, 0.76, 0.155) },
    { color: WHITE, inside: (x, y) => tick.some((f) => f(x, y)) },
  ];
}

/** Rasterises `shapes` (unit coordinates) at `size` px, painter's order, 4×4 samples per pixel. */
function render(size: number, shapes: Shape[]): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  const S = 4;
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < S; sy++) for (let sx = 0; sx < S; sx++) {
      const u = (x + (sx + 0.5) / S) / size, v = (y + (sy + 0.5) / S) / size;
      let c: RGBA | undefined;
      for (const s of shapes) if (s.inside(u, v)) c = s.color;
      if (c) { r += c[0]; g += c[1]; b += c[2]; a += 255; }
    }
    const i = (y * size + x) * 4, n = S * S;
    // colour averaged over covered samples (straight alpha), coverage as alpha
    const covered = a / 255;
    px[i] = covered ? Math.round(r / covered) : 0;
    px[i + 1] = covered ? Math.round(g / covered) : 0;
    px[i + 2] = covered ? Math.round(b / covered) : 0;
    px[i + 3] = Math.round(a / n);
  }
  return px;
}

/** Places the emblem (unit box) at `scale` of the icon, centred. */
const placed = (shapes: Shape[], scale: number): Shape[] =>
  shapes.map((s) => ({ color: s.color, inside: (x, y) => s.inside((x - 0.5) / scale + 0.5, (y - 0.5) / scale + 0.5) }));

const CRC = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc32 = (buf: Uint8Array) => { let c = 0xffffffff; for (const b of buf) c = CRC[(c ^ b) & 255] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8); head.writeUInt32BE(data.length, 0); head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
function png(size: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 6; // 8-bit RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) { raw[y * (size * 4 + 1)] = 0; Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1); }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array())]);
}

const out = new URL('../public/icons/', import.meta.url);
mkdirSync(out, { recursive: true });
// "any" icons: a rounded brand square, the emblem filling most of it.
const any = [{ color: BRAND, inside: roundedSquare(0.2) }, ...placed(emblem(), 0.86)];
for (const size of [192, 512]) writeFileSync(new URL(`icon-${size}.png`, out), png(size, render(size, any)));
// maskable: full-bleed background, the emblem inside the 80% safe circle.
writeFileSync(new URL('icon-maskable-512.png', out), png(512, render(512, [{ color: BRAND, inside: () => true }, ...placed(emblem(), 0.72)])));

// favicon.svg: the same drawing as vectors.
writeFileSync(new URL('../public/favicon.svg', import.meta.url), `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
<rect width="100" height="100" rx="20" fill="#9a3412"/>
<g transform="translate(7 7) scale(.86)">
<path d="M24 12h36l14 14v60H24z" fill="#fff"/><path d="M60 12v14h14z" fill="#fed7aa"/>
<path d="M32 34h20v5H32zm0 12h34v5H32zm0 12h28v5H32z" fill="#9a3412"/>
<circle cx="73" cy="76" r="18.5" fill="#fff"/><circle cx="73" cy="76" r="15.5" fill="#15803d"/>
<path d="M64.5 76.5l6 6 10.5-12.5" fill="none" stroke="#fff" stroke-width="5.6" stroke-linecap="round" stroke-linejoin="round"/>
</g></svg>
`);
console.log('icons written: icon-192.png, icon-512.png, icon-maskable-512.png, favicon.svg');
