/**
 * Migrations of the citizen's optional photo by chat (versions 100–104), appended to ./migrations.ts's list.
 * Same shape as its Migration type, which is not imported: that module imports this one.
 */
export const CHAT_PHOTO_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 100,
    name: 'the photo of a chat registration',
    sql: `
      -- The photo a citizen added to a registration by chat (the page's upload or a WhatsApp image): one per
      -- conversation (a second replaces the first). Its bytes are an attachment blob held by the chat "kiosk";
      -- the registration links it to the grievance and drops this row in its own transaction. A conversation
      -- swept after 30 days takes its row with it (and the chat sweep removes a blob nothing else refers to).
      CREATE TABLE chat_photos (
        conversation_id text PRIMARY KEY REFERENCES chat_conversations (id) ON DELETE CASCADE,
        sha256          text NOT NULL REFERENCES attachments (sha256),
        bytes           integer NOT NULL CHECK (bytes > 0),
        type            text NOT NULL CHECK (type IN ('image/jpeg', 'image/png', 'image/webp')),
        via             text NOT NULL CHECK (via IN ('web', 'whatsapp')),
        created_at      timestamptz NOT NULL
      );
      CREATE INDEX chat_photos_sha256 ON chat_photos (sha256);
    `,
  },
];
