/**
 * Versioned schema migrations. Each entry runs once, in its own transaction, recorded in
 * `schema_migrations`; re-running is a no-op. Never edit an entry that has shipped: append a new one.
 * A transaction-scoped advisory lock makes two servers starting at once against the same PostgreSQL
 * take turns instead of racing (PGlite is single-backend, where the lock is simply granted).
 */
import type { Db } from './db';

export interface Migration { version: number; name: string; sql: string }

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'grievances, their number sequence and server settings',
    sql: `
      CREATE TABLE settings (
        key        text PRIMARY KEY,
        value      text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      -- Feeds the official grievance number (src/domain/numbers.ts); gaps are harmless.
      CREATE SEQUENCE grievance_seq;

      CREATE TABLE grievances (
        client_id       text PRIMARY KEY,          -- ULID made on the device: the idempotency key
        seq             bigint NOT NULL UNIQUE,    -- from grievance_seq: the order grievances were numbered in
        number          text NOT NULL UNIQUE,      -- official grievance number (made from seq)
        content_hash    text NOT NULL,             -- sha256 of the submission's canonical JSON
        receipt_number  text NOT NULL,             -- provisional number printed at the kiosk
        kiosk_code      text NOT NULL,
        device_id       text NOT NULL,
        operator_id     text,
        department_code text NOT NULL,
        category_code   text,
        district_code   text NOT NULL,
        tehsil_code     text,
        area_type       text NOT NULL CHECK (area_type IN ('rural', 'urban')),
        citizen_name    text NOT NULL,
        mobile          text NOT NULL,
        jan_aadhaar_id  text,
        aadhaar_last4   text,
        aadhaar_hash    text,                      -- HMAC-SHA256 of the full Aadhaar; the number itself is never stored
        address         text,
        pin             text,
        description     text NOT NULL,
        lang            text NOT NULL,
        created_at      timestamptz NOT NULL,      -- on the device
        received_at     timestamptz NOT NULL,      -- on the server
        status          text NOT NULL DEFAULT 'registered'
                        CHECK (status IN ('registered', 'assigned', 'in_progress', 'disposed', 'closed', 'reopened')),
        outcome         text CHECK (outcome IN ('relief', 'interim-relief', 'rejected', 'false-case', 'filed', 'not-possible')),
        satisfaction    text CHECK (satisfaction IN ('satisfied', 'not_satisfied', 'unreachable')),
        reopen_count    int NOT NULL DEFAULT 0,
        CHECK ((aadhaar_last4 IS NULL) = (aadhaar_hash IS NULL))
      );

    `,
  },
];

const LOCK_KEY = 7_261_128; // any constant shared by every process running these migrations

/** Applies the migrations not yet recorded; returns the versions it applied. */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const applied: number[] = [];
  for (const m of migrations) {
    const ran = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const [{ max }] = await tx.query<{ max: number | null }>('SELECT max(version) AS max FROM schema_migrations');
      const latest = migrations[migrations.length - 1].version;
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
