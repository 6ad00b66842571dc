/**
 * Versioned schema migrations. Each entry runs once, in its own transaction, recorded in
 * `schema_migrations`; re-running is a no-op. Never edit an entry that has shipped: append a new one.
 * A transaction-scoped advisory lock makes two servers starting at once against the same PostgreSQL
 * take turns instead of racing (PGlite is single-backend, where the lock is simply granted).
 */
import { CORE_MIGRATIONS, type Migration } from './migrations-core';
import { ADMIN_MIGRATIONS } from './migrations-admin';
import { SCALE_MIGRATIONS } from './migrations-scale';
import type { Db } from './db';
import { HARDENING_MIGRATIONS } from './migrations-hardening';
import { PRIVACY_MIGRATIONS } from './migrations-privacy';
import { REPORTS_MIGRATIONS } from './migrations-reports';
import { LEADERS_MIGRATIONS } from './migrations-leaders';
import { CAMP_MIGRATIONS } from './migrations-camp';
import { CHAT_MIGRATIONS } from './migrations-chat';
import { CHAT_PHOTO_MIGRATIONS } from './migrations-chat-photo';
import { ROLLUPS_MIGRATIONS } from './migrations-rollups';

export type { Migration };

export const MIGRATIONS: readonly Migration[] = [
  ...CORE_MIGRATIONS, // 1–20: server/store/migrations-core.ts
  ...HARDENING_MIGRATIONS, // 30: server/store/migrations-hardening.ts
  ...ADMIN_MIGRATIONS, // 80–89: server/store/migrations-admin.ts
  ...SCALE_MIGRATIONS, // 70–72, 96: server/store/migrations-scale.ts
  ...PRIVACY_MIGRATIONS, // 35–39: server/store/migrations-privacy.ts
  ...REPORTS_MIGRATIONS, ...LEADERS_MIGRATIONS, // 45–49, 81–84: server/store/migrations-reports.ts, migrations-leaders.ts
  ...CAMP_MIGRATIONS, // 55–59, 90–92: server/store/migrations-camp.ts
  ...CHAT_MIGRATIONS, // 65–69: server/store/migrations-chat.ts
  ...CHAT_PHOTO_MIGRATIONS, // 100–104: server/store/migrations-chat-photo.ts
  ...ROLLUPS_MIGRATIONS, // 85–89: server/store/migrations-rollups.ts
];

const LOCK_KEY = 7_261_128; // any constant shared by every process running these migrations

/** Applies the migrations not yet recorded; returns the versions it applied. */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const applied: number[] = [];
  // By version, whatever the order in the list (versions are reserved per feature, so they may be added out of order).
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  const latest = ordered[ordered.length - 1].version;
  for (const m of ordered) {
    const ran = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const [{ max }] = await tx.query<{ max: number | null }>('SELECT max(version) AS max FROM schema_migrations');
      if (max !== null && max > latest)
        throw new Error(`the database schema (version ${max}) is newer than this program (version ${latest}); upgrade the program`);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (done.length > 0) return false;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (ran) applied.push(m.version);
  }
  return applied;
}
