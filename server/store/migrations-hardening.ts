/**
 * Migrations of the hardening work (versions 30–34), appended to ./migrations.ts's list. Same shape as
 * its Migration type, which is not imported: that module imports this one.
 */
export const HARDENING_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 30,
    name: 'attachment quota per kiosk and day',
    sql: `
      -- Attachment bytes each kiosk sent per day (India time): ATTACHMENT_QUOTA_MB_PER_DAY bounds it, so one
      -- account cannot fill the server's disk with uploads (server/attachments/service.ts).
      CREATE TABLE attachment_quota (
        kiosk_code text NOT NULL,
        day        date NOT NULL,
        bytes      int8 NOT NULL CHECK (bytes >= 0),
        PRIMARY KEY (kiosk_code, day)
      );
    `,
  },
];
