/**
 * Test files run on two workers at once. Those on PostgreSQL must not share a database (each empties the
 * grievances between its tests), so each worker gets its own: TEST_DATABASE_URL's database with `_w<N>`
 * added, made fresh here (and the original URL is what .ci/run and the README pass).
 */
import pg from 'pg';
import { ensureBundles } from './bundles';
import { makePgliteTemplate, removePgliteTemplate } from './pglite-template';

export const WORKERS = 2;

export const workerDatabase = (url: string, worker: number) => {
  const u = new URL(url);
  u.pathname = `${u.pathname}_w${worker}`;
  return u.toString();
};

export default async function setup(): Promise<() => void> {
  await Promise.all([
    ensureBundles(), // the server and the admin CLI as the tests spawn them (tests/support/bundles.ts)
    makePgliteTemplate(), // the migrated database the in-memory ones start from (tests/support/pglite-template.ts)
    freshWorkerDatabases(),
  ]);
  return removePgliteTemplate;
}

async function freshWorkerDatabases(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const base = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    for (let w = 1; w <= WORKERS; w++) {
      await admin.query(`DROP DATABASE IF EXISTS "${base}_w${w}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${base}_w${w}"`);
    }
  } finally {
    await admin.end();
  }
}
