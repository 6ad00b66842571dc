/**
 * Migrations 80–89, reserved for first run and administration (issue 15): the minister role, setup links,
 * holidays, places below the tehsil, reference-data imports. Listed by ./migrations.ts.
 */
export const ADMIN_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 80,
    name: 'first run, holidays, places below the tehsil, minister role',
    sql: `
      -- The minister role (read-only figures). Named as PostgreSQL names the column check of migration 2.
      ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_role_check;
      ALTER TABLE accounts ADD CONSTRAINT accounts_role_check
        CHECK (role IN ('operator', 'officer', 'nodal', 'secretary', 'minister', 'admin'));

      -- One-time setup links printed by a server that starts with no admin account (server/admin/first-run.ts).
      CREATE TABLE setup_tokens (
        token_hash text PRIMARY KEY,                     -- sha256 (hex) of the secret in the link
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );

      -- Days no time limit runs on (besides the weekly offs): state holidays, India time dates.
      CREATE TABLE holidays (
        day        date PRIMARY KEY,
        name_en    text NOT NULL,
        name_hi    text NOT NULL,
        updated_at timestamptz NOT NULL
      );

      -- Gram panchayats, villages and wards (LGD), imported per district by \`admin import-places\`.
      CREATE TABLE lgd_places (
        kind          text NOT NULL CHECK (kind IN ('gp', 'village', 'ward')),
        code          text NOT NULL CHECK (code ~ '^[0-9]{1,7}$'),
        district_code text NOT NULL,
        parent_code   text,                              -- village: its gram panchayat; ward: its urban body
        block_code    text,                              -- gram panchayat and village: the block (panchayat samiti)
        tehsil_code   text,                              -- village: its tehsil (sub-district)
        name_en       text NOT NULL,
        name_hi       text,
        PRIMARY KEY (kind, code)
      );
      CREATE INDEX lgd_places_district ON lgd_places (district_code, kind);

      -- Every import of reference data: what, from which file, how many rows, when, by whom.
      CREATE TABLE reference_imports (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        dataset       text NOT NULL,                     -- e.g. lgd-places
        district_code text,
        version       text NOT NULL,                     -- sha256 of the imported files (first 12 hex)
        source        text NOT NULL,
        rows          int NOT NULL,
        imported_at   timestamptz NOT NULL,
        imported_by   text
      );

      ALTER TABLE grievances
        ADD COLUMN gram_panchayat_code text CHECK (gram_panchayat_code ~ '^[0-9]{1,7}$'),
        ADD COLUMN village_code        text CHECK (village_code ~ '^[0-9]{1,7}$'),
        ADD COLUMN ward_code           text CHECK (ward_code ~ '^[0-9]{1,7}$');
    `,
  },
];
