/**
 * Migrations of the citizen assistant (versions 65–69 and 93–95), appended to ./migrations.ts's list.
 * Same shape as its Migration type, which is not imported: that module imports this one.
 */
export const CHAT_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 65,
    name: 'citizen assistant',
    sql: `
      -- A conversation with the citizen assistant (server/chat): the engine's state (src/chat/types.ts) and
      -- what was said, mobiles and codes masked. Kept 30 days after its last message (the chat-sweep job).
      CREATE TABLE chat_conversations (
        id          text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{8,64}$'),
        state       jsonb NOT NULL,
        transcript  jsonb NOT NULL DEFAULT '[]'::jsonb,
        lang        text NOT NULL CHECK (lang IN ('hi', 'en')),
        version     int NOT NULL DEFAULT 0,
        created_at  timestamptz NOT NULL,
        updated_at  timestamptz NOT NULL
      );
      CREATE INDEX chat_conversations_updated ON chat_conversations (updated_at);
      -- A conversation handed to the 181 helpline: a copy of what was said, under the reference the citizen gives.
      CREATE TABLE chat_handoffs (
        ref             text PRIMARY KEY,
        conversation_id text NOT NULL,
        transcript      jsonb NOT NULL,
        lang            text NOT NULL,
        created_at      timestamptz NOT NULL
      );
      CREATE INDEX chat_handoffs_created ON chat_handoffs (created_at);
      -- Receipt numbers of grievances registered by chat.
      CREATE SEQUENCE chat_receipt_seq;
      -- How a grievance came in (Open311 ones filed before this migration stay 'kiosk'; their kiosk code says), and whether the citizen's satisfaction was given with their own one-time
      -- code (by chat, or at another kiosk with the code): the satisfaction figure leaders can trust.
      ALTER TABLE grievances ADD COLUMN channel text NOT NULL DEFAULT 'kiosk' CHECK (channel IN ('kiosk', 'open311', 'chat'));
      ALTER TABLE grievances ADD COLUMN satisfaction_verified boolean;
    `,
  },
  {
    version: 66,
    name: 'assistant replies on WhatsApp',
    sql: `
      -- The assistant's replies to a citizen writing on WhatsApp (server/chat/whatsapp.ts) go through the outbox.
      ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
      ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
        CHECK (kind IN ('registered', 'disposed', 'reopened', 'info-requested', 'otp', 'report-ready', 'monthly-ready', 'chat'));
    `,
  },
  {
    version: 93,
    name: '181 agents and their hand-off desk',
    sql: `
      -- The 181 helpline's agents: they open the assistant's hand-offs (server/chat/handoffs.ts), nothing else.
      -- (Another branch may add its own role to this list: the merged list holds both.)
      ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_role_check;
      ALTER TABLE accounts ADD CONSTRAINT accounts_role_check
        CHECK (role IN ('operator', 'officer', 'nodal', 'secretary', 'minister', 'agent', 'admin'));
      -- A hand-off is open until an agent closes it with a note; a grievance registered from it is kept.
      ALTER TABLE chat_handoffs ADD COLUMN status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed'));
      ALTER TABLE chat_handoffs ADD COLUMN closed_at timestamptz;
      ALTER TABLE chat_handoffs ADD COLUMN closed_by text;
      ALTER TABLE chat_handoffs ADD COLUMN note text;
      ALTER TABLE chat_handoffs ADD COLUMN grievance_number text;
      CREATE INDEX chat_handoffs_open ON chat_handoffs (created_at) WHERE status = 'open';
    `,
  },
];
