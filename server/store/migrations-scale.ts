/**
 * Migrations 70–79 and 96–99, reserved for state scale (issue 14): shared sign-in counters, Open311 API keys,
 * the one-round-trip ingest's guard.
 * Kept apart from ./migrations.ts, which lists them, so that file stays readable.
 */
export const SCALE_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 70,
    name: 'shared rate limits (sign-in limits hold across server processes)',
    sql: `
      CREATE TABLE rate_limits (
        key          text PRIMARY KEY,           -- scope:key, e.g. login-failures:op.meena
        window_start timestamptz NOT NULL,
        count        int NOT NULL
      );
      CREATE INDEX rate_limits_window ON rate_limits (window_start);`,
  },
  {
    version: 71,
    name: 'API keys of integrating systems (Open311)',
    sql: `
      CREATE SEQUENCE api_key_seq;
      CREATE TABLE api_keys (
        id            text PRIMARY KEY,             -- a slug of the name
        name          text NOT NULL,
        key_hash      text NOT NULL UNIQUE,         -- SHA-256 of the key; the key itself is shown once
        kiosk_code    text NOT NULL UNIQUE,         -- the grievances it files carry this kiosk code
        district_code text,                         -- used when a request names no jurisdiction_id
        filed         int NOT NULL DEFAULT 0,       -- receipt sequence of its grievances
        created_at    timestamptz NOT NULL
      );`,
  },
  {
    version: 72,
    name: 'where an Open311 request was filed (lat/long), when it gave a point',
    sql: `
      CREATE TABLE grievance_locations (
        grievance_number text PRIMARY KEY REFERENCES grievances (number) ON DELETE CASCADE,
        lat              double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        long             double precision NOT NULL CHECK (long BETWEEN -180 AND 180)
      );`,
  },
  {
    version: 96,
    name: 'a guard for the one-round-trip ingest: fails the statement when a batch lost a race',
    sql: `
      -- server/store/grievances.ts sends a batch's insert and everything that follows it as one query; when
      -- fewer rows went in than were sent (a concurrent request stored one of them first), this aborts it
      -- with SQLSTATE SPK01 before anything commits, and the ordinary path answers from the stored rows.
      CREATE FUNCTION sampark_expect_rows(got bigint, wanted bigint) RETURNS boolean LANGUAGE plpgsql AS $$
      BEGIN
        IF got <> wanted THEN
          RAISE EXCEPTION 'ingest: % of % rows inserted', got, wanted USING ERRCODE = 'SPK01';
        END IF;
        RETURN true;
      END $$;`,
  },
];
