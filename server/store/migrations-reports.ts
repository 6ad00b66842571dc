/**
 * Migrations of the figures for leaders (issue 11, versions 45–49), appended to ./migrations.ts's list.
 * Same shape as its Migration type, which is not imported: that module imports this one.
 */
export const REPORTS_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 45,
    name: 'figures for leaders: day indexes, daily infographic history, report subscriptions',
    sql: `
      -- The daily figures read a day's registrations and a day's events (server/reports/daily-figures.ts).
      CREATE INDEX grievances_received ON grievances (received_at);
      CREATE INDEX grievance_events_at ON grievance_events (at);
      -- Pending grievances, for the pending count at the end of a day or month (server/reports/state-at.ts): covering,
      -- so the count is read from the index alone once the table is vacuumed.
      CREATE INDEX grievances_pending ON grievances (received_at)
        INCLUDE (department_code, district_code, due_at, holder_id, number) WHERE status IN ('registered', 'assigned', 'in_progress', 'reopened');

      -- Every evening's infographic (DAILY_REPORT_AT), kept for history: the figures, the SVG and the PNG.
      -- scope is 'state', or a department code for a department's own infographic.
      CREATE TABLE daily_reports (
        report_date  date NOT NULL,
        scope        text NOT NULL,
        lang         text NOT NULL CHECK (lang IN ('hi', 'en')),
        figures      jsonb NOT NULL,
        svg          text NOT NULL,
        png          bytea NOT NULL,
        generated_at timestamptz NOT NULL,
        PRIMARY KEY (report_date, scope, lang)
      );

      -- Accounts that asked to be told by SMS when the daily infographic, or on the 1st last month's report, is ready.
      CREATE TABLE report_subscriptions (
        account_id text NOT NULL REFERENCES accounts (id) ON UPDATE CASCADE ON DELETE CASCADE,
        kind       text NOT NULL CHECK (kind IN ('daily', 'monthly')),
        mobile     text NOT NULL CHECK (mobile ~ '^[6-9][0-9]{9}$'),
        lang       text NOT NULL DEFAULT 'hi' CHECK (lang IN ('hi', 'en')),
        created_at timestamptz NOT NULL,
        PRIMARY KEY (account_id, kind)
      );
      ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
      ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
        CHECK (kind IN ('registered', 'disposed', 'reopened', 'info-requested', 'otp', 'report-ready', 'monthly-ready'));
    `,
  },
  {
    version: 46,
    name: 'ministers may have departments',
    sql: `
      -- A minister sees the figures of their departments (none: the state). The per-role department count is the
      -- unnamed table check of migration 2: found by its text, replaced with one that lets a minister have any.
      DO $$
      DECLARE c text;
      BEGIN
        FOR c IN SELECT conname FROM pg_constraint
                  WHERE conrelid = 'accounts'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%cardinality(department_codes)%'
        LOOP
          EXECUTE format('ALTER TABLE accounts DROP CONSTRAINT %I', c);
        END LOOP;
      END $$;
      ALTER TABLE accounts ADD CONSTRAINT accounts_department_count
        CHECK (CASE role WHEN 'officer' THEN cardinality(department_codes) = 1
                         WHEN 'nodal' THEN cardinality(department_codes) = 1
                         WHEN 'secretary' THEN cardinality(department_codes) >= 1
                         WHEN 'minister' THEN true
                         ELSE cardinality(department_codes) = 0 END);
    `,
  },
];
