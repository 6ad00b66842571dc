/**
 * Migrations of camp mode (issue 12; versions 55–59 and 90–92), appended to ./migrations.ts's list.
 * Same shape as its Migration type, which is not imported: that module imports this one.
 */
export const CAMP_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 55,
    name: 'device keys for hand-over files',
    sql: `
      -- Each device's ECDSA P-256 public key (SPKI), registered at its first online sign-in
      -- (POST /api/devices/key) and tied to the device id and kiosk of the signed-in operator's token.
      -- A hand-over file names its key by key_id (SHA-256 of the SPKI, hex) and is accepted for that kiosk only.
      CREATE TABLE device_keys (
        key_id        text PRIMARY KEY CHECK (key_id ~ '^[0-9a-f]{64}$'),
        kiosk_code    text NOT NULL,
        device_id     text NOT NULL CHECK (device_id ~ '^[0-9A-HJKMNP-TV-Z]{5}$'),
        public_key    text NOT NULL,
        registered_by text NOT NULL,
        registered_at timestamptz NOT NULL
      );
      CREATE INDEX device_keys_device ON device_keys (kiosk_code, device_id);
    `,
  },
  {
    version: 56,
    name: 'camps and Sampark Diwas events',
    sql: `
      -- A Rajasthan Sampark Diwas or a village camp (POST /api/events): where and when, the departments and
      -- officers present, the operators (and so devices) taking part. Grievances registered at one carry its id.
      CREATE TABLE camp_events (
        id               text PRIMARY KEY CHECK (id ~ '^[0-9A-HJKMNP-TV-Z]{26}$'),
        kind             text NOT NULL CHECK (kind IN ('sampark-diwas', 'camp')),
        name             text NOT NULL,
        event_date       date NOT NULL,
        district_code    text NOT NULL,
        tehsil_code      text,
        venue            text NOT NULL,
        department_codes text[] NOT NULL,
        officer_ids      text[] NOT NULL,
        operator_ids     text[] NOT NULL,
        created_by       text NOT NULL,
        created_at       timestamptz NOT NULL
      );
      CREATE INDEX camp_events_date ON camp_events (event_date);
      ALTER TABLE grievances ADD COLUMN event_id text REFERENCES camp_events (id);
      CREATE INDEX grievances_event ON grievances (event_id) WHERE event_id IS NOT NULL;
    `,
  },
  {
    version: 90,
    name: 'camp token logs',
    sql: `
      -- The desk devices' token logs (POST /api/events/:id/tokens): one row per token, keyed by the ULID the
      -- device made when it gave the token, so a log sent again (or a token sent once given and again once
      -- called) is one row with its latest times. Waiting time = called_at - issued_at (device clocks).
      CREATE TABLE camp_tokens (
        id          text PRIMARY KEY CHECK (id ~ '^[0-9A-HJKMNP-TV-Z]{26}$'),
        event_id    text NOT NULL REFERENCES camp_events (id),
        device_id   text NOT NULL CHECK (device_id ~ '^[0-9A-HJKMNP-TV-Z]{5}$'),
        label       text NOT NULL,
        n           int NOT NULL,
        counter     int,
        issued_at   timestamptz NOT NULL,
        called_at   timestamptz,
        served_at   timestamptz,
        sent_by     text NOT NULL,
        received_at timestamptz NOT NULL
      );
      CREATE INDEX camp_tokens_event ON camp_tokens (event_id);
    `,
  },
];
