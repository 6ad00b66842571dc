/**
 * Runs before each test file: points TEST_DATABASE_URL at this worker's own database (see vitest-global-setup.ts),
 * and fails a file that adds an officer or leader account there without removing it: the next file on this
 * worker meets that database, and an account left behind changes its routing and figures (a stray L1 officer
 * once took half of another file's grievances, depending on which file ran first). Operators are left alone.
 */
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { WORKERS, workerDatabase } from './vitest-global-setup';

const base = process.env.TEST_DATABASE_URL_BASE ?? process.env.TEST_DATABASE_URL;
if (base) {
  process.env.TEST_DATABASE_URL_BASE = base;
  const worker = Number(process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? 1);
  const url = workerDatabase(base, ((worker - 1) % WORKERS) + 1);
  process.env.TEST_DATABASE_URL = url;
  /** The officer and leader accounts in this worker's database (none before its first migration). */
  const accounts = async (): Promise<Set<string>> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string }>(`SELECT id FROM accounts WHERE role <> 'operator'`)
        .catch((e: { code?: string }) => (e.code === '42P01' ? { rows: [] } : Promise.reject(e)));
      return new Set(rows.map((r) => r.id));
    } finally {
      await client.end();
    }
  };
  let before = new Set<string>();
  beforeAll(async () => { before = await accounts(); });
  afterAll(async () => {
    const added = [...(await accounts())].filter((id) => !before.has(id)).sort();
    if (added.length > 0) throw new Error(`this file left ${added.join(', ')} in the worker's PostgreSQL database, where the next file would meet them: remove them in its afterAll`);
  });
}
