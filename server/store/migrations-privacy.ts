/**
 * Migrations of citizens' privacy between kiosks (versions 35–39), appended to ./migrations.ts's list.
 * Same shape as its Migration type, which is not imported: that module imports this one.
 */
export const PRIVACY_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 35,
    name: 'one-time codes to citizens',
    sql: `
      -- One-time codes sent to a citizen's mobile (server/otp/otp.ts): only HMACs of the code and of the
      -- mobile are kept. A code opens a grievance (or, without one, every grievance of that mobile) for one
      -- requester ('kiosk:K1023456', 'chat:…') and purpose, for 10 minutes and 3 wrong tries.
      CREATE TABLE otp_codes (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        purpose          text NOT NULL CHECK (purpose IN ('status', 'feedback', 'register')),
        requester        text NOT NULL,
        mobile_hash      text NOT NULL,
        grievance_number text REFERENCES grievances (number),
        code_hash        text NOT NULL,                   -- <salt>$<HMAC-SHA256>
        created_at       timestamptz NOT NULL,
        expires_at       timestamptz NOT NULL,
        tries            int NOT NULL DEFAULT 0,          -- wrong ones
        verified_at      timestamptz,
        superseded_at    timestamptz                      -- a newer code for the same requester, subject and purpose
      );
      CREATE INDEX otp_codes_mobile ON otp_codes (mobile_hash, created_at);
      CREATE INDEX otp_codes_requester ON otp_codes (requester, created_at);
      -- Notifications: one-time codes; a code to a mobile with no grievance behind it yet (registration by
      -- chat) carries its own recipient; and a time after which a message is pointless and never sent.
      ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
      ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
        CHECK (kind IN ('registered', 'disposed', 'reopened', 'info-requested', 'otp'));
      ALTER TABLE notifications ALTER COLUMN grievance_number DROP NOT NULL;
      ALTER TABLE notifications ADD COLUMN mobile text CHECK (mobile ~ '^[6-9][0-9]{9}$');
      ALTER TABLE notifications ADD COLUMN expires_at timestamptz;
      ALTER TABLE notifications ADD CONSTRAINT notifications_recipient CHECK (grievance_number IS NOT NULL OR mobile IS NOT NULL);
    `,
  },
];
