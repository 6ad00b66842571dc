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

      -- Accounts that asked to be told by SMS when the daily infographic or the monthly report is ready.
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
        CHECK (kind IN ('registered', 'disposed', 'reopened', 'info-requested', 'otp', 'report-ready'));
    `,
  },
];
