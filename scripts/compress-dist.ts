/**
 * Build step after `vite build` (npm run build): writes a brotli (`.br`) and a gzip (`.gz`) copy next to
 * every text file of dist/ (scripts, styles, HTML, the manifest, the service worker, SVG, JSON), at the
 * highest levels, once, so the server sends them compressed with no CPU per request
 * (@fastify/static `preCompressed`, server/pwa.ts). Fonts and images are compressed already and left alone;
 * a copy that is not smaller than the original is not written. Prints what it saved.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = /\.(js|mjs|css|html|json|webmanifest|svg|txt)$/;
/** Below this a compressed copy saves less than its own headers. */
const MIN_BYTES = 256;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

export function compressDist(dist: string): { files: number; raw: number; br: number; gz: number } {
  const total = { files: 0, raw: 0, br: 0, gz: 0 };
  for (const file of [...files(dist)]) {
    if (!TEXT.test(file)) continue;
    const raw = readFileSync(file);
    if (raw.length < MIN_BYTES) continue;
    const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
    const gz = gzipSync(raw, { level: 9 });
    if (br.length < raw.length) writeFileSync(`${file}.br`, br);
    if (gz.length < raw.length) writeFileSync(`${file}.gz`, gz);
    total.files++; total.raw += raw.length; total.br += Math.min(br.length, raw.length); total.gz += Math.min(gz.length, raw.length);
  }
  return total;
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const dist = join(import.meta.dirname, '..', process.argv[2] ?? 'dist');
  const t = compressDist(dist);
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`compressed ${t.files} files in ${relative(process.cwd(), dist) || '.'}: ${kib(t.raw)} → brotli ${kib(t.br)}, gzip ${kib(t.gz)}`);
}
