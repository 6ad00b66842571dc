/** Starts the real app on 127.0.0.1:0 and talks to it over HTTP, as a device would. */
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../server/app';
import type { Db } from '../../server/store/db';
import { openDb } from '../../server/store/open-db';

export interface TestServer {
  app: FastifyInstance;
  url: string;
  /** POST JSON (or a raw string body) to `path`. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export async function startServer(options: AppOptions): Promise<TestServer> {
  const app = await buildApp(options);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    url,
    post: (path, body, headers = {}) =>
      fetch(url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    close: () => app.close(),
  };
}

/** The databases the ingest tests run on: always in-memory PGlite, PostgreSQL too when TEST_DATABASE_URL is set. */
export const BACKENDS = [
  { name: 'PGlite (in memory)', enabled: true, open: () => openDb({ kind: 'memory' }) },
  { name: 'PostgreSQL (TEST_DATABASE_URL)', enabled: !!process.env.TEST_DATABASE_URL, open: () => openDb({ kind: 'postgres', url: process.env.TEST_DATABASE_URL! }) },
] as const;

/** Empties the grievances between tests (the database and its keys are shared by a test file). */
export async function resetGrievances(db: Db): Promise<void> {
  await db.exec('TRUNCATE grievances');
}

export async function countGrievances(db: Db): Promise<number> {
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM grievances');
  return n;
}
