/**
 * Serves the built PWA from dist/: hashed files under /assets are immutable; everything else (index.html,
 * sw.js, the manifest, icons) must be revalidated so an update reaches kiosks. Text files go compressed:
 * the brotli and gzip copies `npm run build` writes next to them (scripts/compress-dist.ts), chosen by the
 * request's Accept-Encoding (so every answer says `Vary: Accept-Encoding`); no compression per request. A GET outside /api that
 * is not a file gets index.html (client-side routes); /api and /assets misses get a JSON 404, because a
 * script or fetch that is sent HTML instead fails in confusing ways.
 */
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic, { type SetHeadersResponse } from '@fastify/static';
import { apiError } from './errors';

// @fastify/static 9.x hands setHeaders the raw response (10.x would hand it the reply).
const setCacheHeaders = (res: SetHeadersResponse, path: string) => {
  res.setHeader('cache-control', path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
  res.setHeader('vary', 'Accept-Encoding');
};

export async function servePwa(app: FastifyInstance, distDir: string): Promise<void> {
  const hasApp = existsSync(join(distDir, 'index.html'));
  if (hasApp) await app.register(fastifyStatic, { root: distDir, cacheControl: false, preCompressed: true, setHeaders: setCacheHeaders });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    const spaRoute = (request.method === 'GET' || request.method === 'HEAD') && !/^\/(api|assets)(\/|$)/.test(path);
    if (hasApp && spaRoute) return reply.sendFile('index.html');
    return reply.code(404).send(apiError('api.notFound'));
  });
}
