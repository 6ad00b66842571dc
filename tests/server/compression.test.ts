/**
 * The first visit on a slow link (issue 17 item 5): the PWA's files go precompressed (brotli, else gzip,
 * else as they are) with `Vary: Accept-Encoding`, hashed assets cached for a year as immutable, and the
 * HTML, the manifest and the service worker revalidated on every visit.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/store/db';
import { openMemoryDb } from '../support/pglite-template';
import { compressDist } from '../../scripts/compress-dist';
import { startServer, type TestServer } from './harness';

const IMMUTABLE = 'public, max-age=31536000, immutable';
// Text long enough to be worth compressing (as the real bundles are).
const script = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `शब्द-${i % 37}`))};\nconsole.log(words.length);\n`;
const html = `<!doctype html><html lang="hi"><head><title>राजस्थान सम्पर्क</title><script type="module" src="/assets/index-B3x9Qz.js"></script></head><body><div id="app"></div>${'<!-- filler -->'.repeat(40)}</body></html>`;
const sw = `self.addEventListener('fetch', () => {});\n${'// precache entry\n'.repeat(60)}`;
const manifest = JSON.stringify({ name: 'राजस्थान सम्पर्क कियोस्क', short_name: 'सम्पर्क', icons: Array.from({ length: 8 }, (_, i) => ({ src: `/icons/icon-${i}.png`, sizes: '192x192' })) });

/** A raw GET (no automatic decompression), with the body as bytes. */
function rawGet(url: string, encoding?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: encoding ? { 'accept-encoding': encoding } : {} }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('PWA files go precompressed with the right caching', () => {
  let db: Db;
  let server: TestServer;
  const dist = mkdtempSync(join(tmpdir(), 'sampark-dist-'));

  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), html);
    writeFileSync(join(dist, 'sw.js'), sw);
    writeFileSync(join(dist, 'manifest.webmanifest'), manifest);
    writeFileSync(join(dist, 'assets', 'index-B3x9Qz.js'), script);
    const made = compressDist(dist);
    expect(made.files).toBe(4);
    expect(made.br).toBeLessThan(made.raw / 2);
    db = await openMemoryDb();
    server = await startServer({ db, distDir: dist });
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  const cases = [
    { path: '/assets/index-B3x9Qz.js', text: script, type: /^text\/javascript|^application\/javascript/, cache: IMMUTABLE },
    { path: '/', text: html, type: /^text\/html/, cache: 'no-cache' },
    { path: '/index.html', text: html, type: /^text\/html/, cache: 'no-cache' },
    { path: '/grievances/2612000000427', text: html, type: /^text\/html/, cache: 'no-cache' }, // a client-side route
    { path: '/sw.js', text: sw, type: /^text\/javascript|^application\/javascript/, cache: 'no-cache' },
    { path: '/manifest.webmanifest', text: manifest, type: /^application\/manifest\+json/, cache: 'no-cache' },
  ];

  for (const c of cases) {
    it(`${c.path}: brotli when asked for, else gzip, else plain; Vary: Accept-Encoding; ${c.cache}`, async () => {
      const br = await rawGet(server.url + c.path, 'gzip, deflate, br, zstd');
      expect(br.status).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['content-type']).toMatch(c.type);
      expect(br.headers['cache-control']).toBe(c.cache);
      expect(br.headers.vary).toMatch(/accept-encoding/i);
      expect(br.body.length).toBeLessThan(Buffer.byteLength(c.text));
      expect(brotliDecompressSync(br.body).toString('utf8')).toBe(c.text);

      const gz = await rawGet(server.url + c.path, 'gzip, deflate');
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gz.headers['cache-control']).toBe(c.cache);
      expect(gz.headers.vary).toMatch(/accept-encoding/i);
      expect(gunzipSync(gz.body).toString('utf8')).toBe(c.text);

      const plain = await rawGet(server.url + c.path);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers['cache-control']).toBe(c.cache);
      expect(plain.headers.vary).toMatch(/accept-encoding/i);
      expect(plain.body.toString('utf8')).toBe(c.text);
    });
  }

  it('a missing hashed asset is still a JSON 404, not the app', async () => {
    const res = await rawGet(`${server.url}/assets/gone-XXXX.js`, 'br');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });
});
