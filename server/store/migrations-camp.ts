/**
 * Migrations of camp mode (issue 12; versions 55–59), appended to ./migrations.ts's list.
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
];
