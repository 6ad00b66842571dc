/**
 * The first migrations (1–20): grievances, accounts and sessions, the workflow, attachments, routing and
 * the block code. The features added later keep theirs in their own modules (listed in ./migrations.ts).
 * Never edit an entry that has shipped: append a new one.
 */
export interface Migration { version: number; name: string; sql: string }

export const CORE_MIGRATIONS: readonly Migration[] = [
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
  {
    version: 2,
    name: 'accounts and sign-in sessions',
    sql: `
      -- One row per person who signs in (src/domain/accounts.ts has the rules per role).
      CREATE TABLE accounts (
        id               text PRIMARY KEY,               -- the operator ID as typed; unique whatever the case (below)
        name             text NOT NULL,
        role             text NOT NULL CHECK (role IN ('operator', 'officer', 'nodal', 'secretary', 'admin')),
        kiosk_code       text,                           -- operators
        level            text CHECK (level IN ('L1', 'L2', 'L3', 'L4')), -- officers
        department_codes text[] NOT NULL DEFAULT '{}',   -- officer, nodal: one; secretary: one or more
        district_code    text,                           -- officer, nodal: optional
        disabled         boolean NOT NULL DEFAULT false,
        password_hash    text NOT NULL,                  -- scrypt$N$r$p$salt$hash (server/auth/passwords.ts)
        created_at       timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL,
        CHECK ((role = 'operator') = (kiosk_code IS NOT NULL)),
        CHECK ((role = 'officer') = (level IS NOT NULL)),
        CHECK (role IN ('officer', 'nodal') OR district_code IS NULL),
        CHECK (CASE role WHEN 'officer' THEN cardinality(department_codes) = 1
                         WHEN 'nodal' THEN cardinality(department_codes) = 1
                         WHEN 'secretary' THEN cardinality(department_codes) >= 1
                         ELSE cardinality(department_codes) = 0 END)
      );
      CREATE UNIQUE INDEX accounts_id_ci ON accounts (lower(id));
      CREATE INDEX accounts_kiosk ON accounts (kiosk_code) WHERE kiosk_code IS NOT NULL;

      -- A signed-in device: one per account and device. It holds the hash of the one refresh token that
      -- is valid now; a rotated-out token presented again does not match and revokes the session.
      CREATE TABLE auth_sessions (
        id             text PRIMARY KEY,                 -- random, also the first part of the refresh token
        account_id     text NOT NULL REFERENCES accounts (id) ON UPDATE CASCADE,
        device_id      text NOT NULL,
        token_hash     text NOT NULL,                    -- sha256 (hex) of the current refresh token
        generation     int NOT NULL DEFAULT 1,           -- how many refresh tokens this session has had
        created_at     timestamptz NOT NULL,
        refreshed_at   timestamptz NOT NULL,
        expires_at     timestamptz NOT NULL,             -- of the current refresh token
        revoked_at     timestamptz,
        revoked_reason text
      );
      CREATE INDEX auth_sessions_account_device ON auth_sessions (account_id, device_id) WHERE revoked_at IS NULL;
    `,
  },
  {
    version: 3,
    name: 'append-only audit log',
    sql: `
      CREATE TABLE audit_log (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at         timestamptz NOT NULL,
        actor_id   text,                                  -- the account, or null (CLI, unknown caller)
        actor_role text,
        action     text NOT NULL,                         -- e.g. auth.login, grievance.register, auth.refused
        target     text,                                  -- what it was done to: an account, a grievance number…
        device_id  text,
        ip         text,
        details    jsonb NOT NULL DEFAULT '{}'::jsonb     -- never a password, a token or a full mobile number
      );
      CREATE INDEX audit_log_at ON audit_log (at);

      -- Append-only: UPDATE, DELETE and TRUNCATE raise, whoever asks. (On PostgreSQL, also run the server
      -- as a role that does not own the table, so the trigger cannot simply be dropped.)
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
      END $$;
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
    `,
  },
  {
    version: 4,
    name: 'grievance workflow: holder, level, time limit clock, event history, idempotent actions',
    sql: `
      -- The lifecycle (src/domain/workflow.ts). status, outcome, satisfaction and reopen_count exist since 1.
      ALTER TABLE grievances
        ADD COLUMN holder_id        text,                   -- the account holding it (officer or nodal), kept after disposal
        ADD COLUMN level            text CHECK (level IN ('L1', 'L2', 'L3', 'L4')),
        ADD COLUMN version          int NOT NULL DEFAULT 0, -- +1 per accepted action: a device's expectedVersion
        ADD COLUMN assigned_at      timestamptz,            -- the clock's start at the present level
        ADD COLUMN due_at           timestamptz,            -- null when no clock runs
        ADD COLUMN warned_at        timestamptz,            -- the holder was warned of the coming time limit
        ADD COLUMN remarks          text,                   -- of the latest disposal
        ADD COLUMN disposed_at      timestamptz,
        ADD COLUMN closed_at        timestamptz,
        ADD COLUMN escalation_count int NOT NULL DEFAULT 0,
        ADD CONSTRAINT grievances_open_has_holder
          CHECK (status NOT IN ('assigned', 'in_progress', 'reopened') OR (holder_id IS NOT NULL AND level IS NOT NULL)),
        ADD CONSTRAINT grievances_disposed_has_outcome
          CHECK (status NOT IN ('disposed', 'closed') OR (outcome IS NOT NULL AND disposed_at IS NOT NULL));
      CREATE INDEX grievances_holder ON grievances (holder_id, due_at) WHERE status IN ('assigned', 'in_progress', 'reopened');
      CREATE INDEX grievances_due ON grievances (due_at) WHERE status IN ('assigned', 'in_progress', 'reopened');
      CREATE INDEX grievances_place ON grievances (department_code, district_code);
      CREATE INDEX grievances_mobile ON grievances (mobile);
      CREATE INDEX grievances_receipt ON grievances (receipt_number);

      -- Each grievance's history: every transition and note, with actor, time and note. Rows are never
      -- changed or deleted (the audit log keeps the same facts, tamper-proof); TRUNCATE is left to
      -- operators of the database, who can empty grievances too.
      CREATE TABLE grievance_events (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        grievance_number text NOT NULL REFERENCES grievances (number),
        at               timestamptz NOT NULL,
        actor_id         text,                            -- null: the system (routing, escalation sweep)
        actor_role       text NOT NULL,                   -- operator, officer, nodal, secretary, admin, system
        action           text NOT NULL,                   -- register, assign, …, and the notes unrouted, warn, review
        from_status      text,
        to_status        text,
        holder_id        text,
        level            text,
        note             text,
        details          jsonb NOT NULL DEFAULT '{}'::jsonb
      );
      CREATE INDEX grievance_events_number ON grievance_events (grievance_number, id);
      CREATE INDEX grievance_events_feedback ON grievance_events (grievance_number, id) WHERE action = 'feedback';
      CREATE FUNCTION grievance_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'grievance_events is append-only: % refused', TG_OP;
      END $$;
      CREATE TRIGGER grievance_events_no_change BEFORE UPDATE OR DELETE ON grievance_events
        FOR EACH ROW EXECUTE FUNCTION grievance_events_append_only();

      -- The history of what was registered before the workflow existed.
      INSERT INTO grievance_events (grievance_number, at, actor_id, actor_role, action, to_status, details)
        SELECT number, received_at, operator_id, 'operator', 'register', 'registered',
               jsonb_build_object('kioskCode', kiosk_code, 'receiptNumber', receipt_number)
          FROM grievances ORDER BY seq;

      -- Officer and kiosk actions are idempotent on the device's actionId: the first answer is kept and
      -- given again to a resend (accepted or refused alike).
      CREATE TABLE workflow_actions (
        action_id        text PRIMARY KEY,
        grievance_number text NOT NULL,
        actor_id         text NOT NULL,
        request_hash     text NOT NULL,                   -- sha256 of the grievance, the actor and the body
        status_code      int NOT NULL,
        result           jsonb NOT NULL,                  -- the ActionResult, or the ApiError of a refusal
        at               timestamptz NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'routing rules and time limits',
    sql: `
      -- Department + category + place to the officer at each level (server/workflow/routing.ts). Empty
      -- match columns match anything; the most specific matching rule that names a level wins for it.
      CREATE TABLE routing_rules (
        id              text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9._:-]{1,80}$'),
        department_code text NOT NULL,
        category_code   text,
        district_code   text,
        place_code      text,                             -- LGD code of a tehsil, block (panchayat samiti) or urban body
        area_type       text CHECK (area_type IN ('rural', 'urban')),
        l1              text,                             -- account ids of the positions
        l2              text,
        l3              text,
        l4              text,
        note            text,
        updated_at      timestamptz NOT NULL,
        CHECK (coalesce(l1, l2, l3, l4) IS NOT NULL)
      );
      CREATE UNIQUE INDEX routing_rules_match ON routing_rules (department_code, coalesce(category_code, ''),
        coalesce(district_code, ''), coalesce(place_code, ''), coalesce(area_type, ''));

      -- Days allowed at each level, per department ('' category: the department's default; '' department:
      -- the default for all). Seeded from reference/time-limits.json when empty.
      CREATE TABLE time_limits (
        department_code text NOT NULL,
        category_code   text NOT NULL DEFAULT '',
        days            int NOT NULL CHECK (days BETWEEN 1 AND 365),
        updated_at      timestamptz NOT NULL,
        PRIMARY KEY (department_code, category_code)
      );
    `,
  },
  {
    version: 6,
    name: 'notification outbox (SMS, WhatsApp)',
    sql: `
      -- Written in the same transaction as what they announce; sent later by server/notifications/sender.ts
      -- with retries. The mobile number is read from the grievance when sending, never copied here.
      CREATE TABLE notifications (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        grievance_number text NOT NULL REFERENCES grievances (number),
        kind             text NOT NULL CHECK (kind IN ('registered', 'disposed', 'reopened', 'info-requested')),
        channel          text NOT NULL CHECK (channel IN ('sms', 'whatsapp')),
        lang             text NOT NULL,
        body             text NOT NULL,
        status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts         int NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz NOT NULL,            -- also a lease: a claimed row is pushed forward
        last_error       text,
        created_at       timestamptz NOT NULL,
        sent_at          timestamptz
      );
      CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE status = 'pending';
    `,
  },
  {
    version: 7,
    name: 'secretaries daily review lists',
    sql: `
      -- Ten pending grievances per secretary per day (India Standard Time date), made once and kept.
      CREATE TABLE reviews (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        secretary_id     text NOT NULL,
        review_date      date NOT NULL,
        rank             int NOT NULL CHECK (rank BETWEEN 1 AND 10),
        reason           text NOT NULL CHECK (reason IN ('oldest', 'nearestEscalation', 'reopened', 'lowSatisfaction')),
        grievance_number text NOT NULL REFERENCES grievances (number),
        reviewed_at      timestamptz,
        note             text,
        instruction      text,
        created_at       timestamptz NOT NULL,
        UNIQUE (secretary_id, review_date, rank),
        UNIQUE (secretary_id, review_date, grievance_number)
      );
    `,
  },
  {
    version: 10,
    name: 'attachments: blobs by SHA-256, the kiosks that uploaded each, and the grievances that refer to them',
    sql: `
      -- One row per complete, checked blob (server/attachments/): its bytes live in DATA_DIR/attachments.
      CREATE TABLE attachments (
        sha256      text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        bytes       integer NOT NULL CHECK (bytes > 0),
        type        text NOT NULL,                       -- sniffed from the content, never taken from the device
        created_at  timestamptz NOT NULL,
        uploaded_by text NOT NULL                        -- the account whose upload completed it first
      );

      -- Kiosks that proved they hold a blob by uploading all of its bytes: only they may attach it to a
      -- grievance, so knowing a hash is not enough to get someone else's document.
      CREATE TABLE attachment_holders (
        sha256      text NOT NULL REFERENCES attachments (sha256) ON DELETE CASCADE,
        kiosk_code  text NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL,
        PRIMARY KEY (sha256, kiosk_code)
      );

      CREATE TABLE grievance_attachments (
        client_id text NOT NULL REFERENCES grievances (client_id) ON DELETE CASCADE,
        sha256    text NOT NULL REFERENCES attachments (sha256),  -- a referenced blob cannot be pruned
        position  smallint NOT NULL CHECK (position >= 0),
        name      text,                                           -- as shown to the operator; checked, never a path
        PRIMARY KEY (client_id, position),
        UNIQUE (client_id, sha256)
      );
      CREATE INDEX grievance_attachments_sha256 ON grievance_attachments (sha256);
    `,
  },
  {
    version: 15,
    name: 'triage: the suggestion stored with each grievance, published triage models, Aadhaar-hash lookups',
    sql: `
      -- What the on-device triage suggested when the grievance was registered and whether the operator kept it
      -- (src/domain/schemas.ts TriageRecord); null for grievances registered without a suggestion.
      ALTER TABLE grievances
        ADD COLUMN triage_model      text,
        ADD COLUMN triage_department text,
        ADD COLUMN triage_category   text,
        ADD COLUMN triage_confidence real CHECK (triage_confidence BETWEEN 0 AND 1),
        ADD COLUMN triage_accepted   boolean,
        ADD CONSTRAINT grievances_triage_whole
          CHECK ((triage_model IS NULL) = (triage_department IS NULL) AND (triage_model IS NULL) = (triage_accepted IS NULL));

      -- The duplicate check finds a citizen's recent grievances by mobile (index of migration 4) or Aadhaar hash.
      CREATE INDEX grievances_aadhaar_hash ON grievances (aadhaar_hash, created_at) WHERE aadhaar_hash IS NOT NULL;

      -- Models made by "npm run admin -- retrain" (server/triage/retrain.ts): every attempt with its scores,
      -- the model itself only when it was published. Devices get the newest published one for their feature code.
      CREATE TABLE triage_models (
        version    text PRIMARY KEY CHECK (version ~ '^triage-r[0-9a-f]{12}$'),
        features   text NOT NULL,                     -- hash of the feature code the model needs (model.json "features")
        model      text,                              -- the model file (JSON), null when it was not published
        published  boolean NOT NULL,
        scores     jsonb NOT NULL,                    -- candidate and current model on the same held-out texts, and why
        trained_on jsonb NOT NULL,                    -- corpus texts, confirmed grievances used and held out
        created_at timestamptz NOT NULL,
        CHECK (NOT published OR model IS NOT NULL)
      );
      CREATE INDEX triage_models_current ON triage_models (features, created_at) WHERE published;
    `,
  },
  {
    version: 20,
    name: 'block code',
    sql: `
      -- LGD tehsil (sub-district) and block (panchayat samiti) codes overlap (627-630 in Bhilwara): a grievance
      -- names a tehsil in tehsil_code or a block in block_code, never one for the other.
      ALTER TABLE grievances ADD COLUMN block_code text CHECK (block_code ~ '^[0-9]{1,7}$');
    `,
  },
];
