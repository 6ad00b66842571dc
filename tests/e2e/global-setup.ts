/**
 * Before the end-to-end tests, once per run:
 *   - the admin CLI bundled for `server.exportAll()` (tests/support/bundles.ts);
 *   - an embedded database made and migrated in a template DATA_DIR, which each test's server starts from
 *     a copy of (tests/e2e/fixtures.ts). A new PGlite cluster costs an initdb, a flush of each of its files
 *     (durable mode) and every migration: tens of seconds per test on this busy 2-core machine, where the
 *     copy takes a fraction of a second. Each test still has a database of its own, and its server still
 *     runs the migrations (nothing left to do) and makes its own keys, as a restarted server would.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from '../../server/store/migrations';
import { openDb } from '../../server/store/open-db';
import { BIN_DIR, ensureBundles } from '../support/bundles';

export const DATA_TEMPLATE = join(BIN_DIR, '..', 'e2e-data-template');

export default async function globalSetup(): Promise<void> {
  await ensureBundles();
  rmSync(DATA_TEMPLATE, { recursive: true, force: true });
  const db = await openDb({ kind: 'embedded', dataDir: DATA_TEMPLATE });
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
  process.env.SAMPARK_E2E_DATA_TEMPLATE = DATA_TEMPLATE;
}
