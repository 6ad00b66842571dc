/** The HTTP surface besides sync: health, config, the OpenAPI document, the PWA files and the headers on everything. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BATCH, ServerConfig } from '../../src/domain/schemas';
import type { Db } from '../../server/store/db';
import { openMemoryDb } from '../support/pglite-template';
import { startServer, type TestServer } from './harness';

describe('HTTP', () => {
  let db: Db;
  let server: TestServer;
  const dist = mkdtempSync(join(tmpdir(), 'sampark-dist-'));

  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Sampark</title><script type="module" src="/assets/index-B3x9Qz.js"></script>');
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dist, 'manifest.webmanifest'), '{"name":"Sampark"}');
    writeFileSync(join(dist, 'assets', 'index-B3x9Qz.js'), 'console.log("app");');
    db = await openMemoryDb();
    server = await startServer({ db, distDir: dist });
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  const get = (path: string, init?: RequestInit) => fetch(server.url + path, init);

  describe('api', () => {
    it('health answers {"status":"ok"}', async () => {
      const res = await get('/api/health');
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('{"status":"ok"}');
    });

    it('config gives an RSA-OAEP SHA-256 key that WebCrypto imports, and the batch size', async () => {
      const config = ServerConfig.parse(await (await get('/api/config')).json());
      expect(config.maxBatch).toBe(MAX_BATCH);
      const key = await crypto.subtle.importKey('spki', Buffer.from(config.aadhaarKey, 'base64'), { name: 'RSA-OAEP', hash: 'SHA-256' }, true, ['encrypt']);
      expect(key.algorithm).toMatchObject({ name: 'RSA-OAEP', modulusLength: 2048 });
    });

    it('openapi.json is an OpenAPI 3 document of exactly the registered /api (and Open311) routes', async () => {
      const res = await get('/api/openapi.json');
      expect(res.status).toBe(200);
      const doc = (await res.json()) as { openapi: string; info: { title: string; version: string }; paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>> };
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.info.title).toBeTruthy();
      expect(doc.info.version).toBeTruthy();

      // printRoutes draws a tree (a child line such as `│   └── /status (GET)` continues its parent's path);
      // OpenAPI writes `:param` as `{param}`.
      const stack: string[] = [];
      const registered = server.app.printRoutes({ commonPrefix: false }).split('\n').flatMap((line) => {
        const m = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([^)]+)\))?$/.exec(line);
        if (!m) return [];
        const depth = m[1].length / 4;
        stack.length = depth;
        stack.push(m[2]);
        const path = stack.join('').replace(/:(\w+)/g, '{$1}');
        return (path.startsWith('/api/') || path.startsWith('/open311/')) && m[3] ? m[3].split(', ').filter((x) => x !== 'HEAD').map((x) => `${x} ${path}`) : [];
      });
      const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
      expect(registered.length).toBeGreaterThanOrEqual(4);
      expect(documented.sort()).toEqual(registered.sort());

      const sync = doc.paths['/api/sync/grievances'].post;
      expect(sync.requestBody).toBeTruthy();
      expect(Object.keys(sync.responses)).toEqual(expect.arrayContaining(['200', '400', '413', '415']));
      expect(JSON.stringify(sync.requestBody)).toContain('clientId');
    });
  });

  describe('PWA files', () => {
    it('serves index.html at / and sw.js with no-cache', async () => {
      for (const path of ['/', '/index.html', '/sw.js', '/manifest.webmanifest']) {
        const res = await get(path);
        expect(res.status, path).toBe(200);
        expect(res.headers.get('cache-control'), path).toBe('no-cache');
      }
      expect(await (await get('/')).text()).toContain('<title>Sampark</title>');
    });

    it('serves hashed assets as immutable', async () => {
      const res = await get('/assets/index-B3x9Qz.js');
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    });

    it('answers a client-side route with index.html, but a missing asset with 404', async () => {
      const spa = await get('/outbox?lang=en');
      expect(spa.status).toBe(200);
      expect(spa.headers.get('content-type')).toMatch(/^text\/html/);
      expect(spa.headers.get('cache-control')).toBe('no-cache');
      expect(await spa.text()).toContain('<title>Sampark</title>');
      expect((await get('/assets/index-gone.js')).status).toBe(404);
    });
  });

  describe('security headers', () => {
    it('are on pages, assets, API answers and errors alike', async () => {
      for (const res of [await get('/'), await get('/assets/index-B3x9Qz.js'), await get('/api/health'), await get('/api/nope'), await server.post('/api/sync/grievances', '{')]) {
        const csp = res.headers.get('content-security-policy') ?? '';
        for (const d of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "connect-src 'self'", "worker-src 'self' blob:"])
          expect(csp, res.url).toContain(d);
        expect(csp).not.toContain('unsafe-eval');
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('referrer-policy')).toBe('no-referrer');
        expect(res.headers.get('permissions-policy')).toContain('camera=(self)');
        expect(res.headers.get('permissions-policy')).toContain('microphone=(self)');
      }
    });

    it('mark API answers as not cacheable', async () => {
      expect((await get('/api/config')).headers.get('cache-control')).toBe('no-store');
    });
  });
});
