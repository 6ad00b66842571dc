/**
 * Migrations of the daily rollups behind the leaders' reports (issue 11 item 5, versions 85–89), appended to
 * ./migrations.ts's list. Same shape as its Migration type, which is not imported: that module imports this one.
 * Nothing here runs on the ingest: the rollups are folded in afterwards (server/reports/rollups.ts).
 */
export const ROLLUPS_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 85,
    name: 'figures for leaders: daily rollups, their per-grievance facts and the fold watermark',
    sql: `
      -- What one grievance adds to one day (India time): kept so that a grievance folded again (a late event, a
      -- transfer, a reopen) takes back exactly what it added before. Department, district and holder are the
      -- grievance's present ones, as in the live reports. m_*: its first disposal in that day's month.
      CREATE TABLE report_facts (
        grievance_number text NOT NULL,
        day              date NOT NULL,
        department_code  text NOT NULL,
        district_code    text NOT NULL,
        holder_id        text NOT NULL,                  -- '' for none
        registered       int NOT NULL DEFAULT 0,
        disposed         int NOT NULL DEFAULT 0,         -- 1 when disposed that day (each grievance once a day)
        within           int NOT NULL DEFAULT 0,         -- dispose events that day within their limit
        timed            int NOT NULL DEFAULT 0,         -- dispose events that day that ran against a limit
        feedback         int NOT NULL DEFAULT 0,
        satisfied        int NOT NULL DEFAULT 0,
        not_satisfied    int NOT NULL DEFAULT 0,
        verified         int NOT NULL DEFAULT 0,         -- feedback given with the citizen's own code
        reopened         int NOT NULL DEFAULT 0,
        escalated        int NOT NULL DEFAULT 0,
        m_disposed       int NOT NULL DEFAULT 0,         -- 1 on the day of its first disposal in the month
        m_within         int NOT NULL DEFAULT 0,         -- 1 there when any disposal that month was within the limit
        pending_delta    int NOT NULL DEFAULT 0,         -- change of "pending at the end of the day" on this day
        overdue_delta    int NOT NULL DEFAULT 0,         -- change of "pending and past its limit at the end of the day"
        m_first_at       timestamptz,                    -- with m_disposed: the first disposal, for the median days
        received_at      timestamptz,                    -- with m_disposed
        PRIMARY KEY (grievance_number, day)
      );
      CREATE INDEX report_facts_disposals ON report_facts (day) WHERE m_disposed = 1;

      -- The facts summed per day × department × district × holder: what the daily and monthly reports read.
      CREATE TABLE report_rollups (
        day             date NOT NULL,
        department_code text NOT NULL,
        district_code   text NOT NULL,
        holder_id       text NOT NULL,
        registered      int NOT NULL DEFAULT 0,
        disposed        int NOT NULL DEFAULT 0,
        within          int NOT NULL DEFAULT 0,
        timed           int NOT NULL DEFAULT 0,
        feedback        int NOT NULL DEFAULT 0,
        satisfied       int NOT NULL DEFAULT 0,
        not_satisfied   int NOT NULL DEFAULT 0,
        verified        int NOT NULL DEFAULT 0,
        reopened        int NOT NULL DEFAULT 0,
        escalated       int NOT NULL DEFAULT 0,
        m_disposed      int NOT NULL DEFAULT 0,
        m_within        int NOT NULL DEFAULT 0,
        pending_delta   int NOT NULL DEFAULT 0,
        overdue_delta   int NOT NULL DEFAULT 0,
        PRIMARY KEY (day, department_code, district_code, holder_id)
      );

      -- Stretches of days at whose end a grievance was pending and past its limit, with that limit and status:
      -- the 10 longest overdue at a month's end without reading the history after it.
      CREATE TABLE report_overdue (
        grievance_number text NOT NULL,
        from_day         date NOT NULL,
        to_day           date,                           -- exclusive; null: still overdue
        department_code  text NOT NULL,
        district_code    text NOT NULL,
        holder_id        text NOT NULL,
        status           text NOT NULL,
        due              timestamptz NOT NULL,
        received_at      timestamptz NOT NULL,
        PRIMARY KEY (grievance_number, from_day)
      );
      CREATE INDEX report_overdue_due ON report_overdue (due, grievance_number);

      -- How far the events are folded in: every event with id <= event_id is in the facts.
      CREATE TABLE report_rollup_state (
        id        int PRIMARY KEY CHECK (id = 1),
        event_id  bigint NOT NULL,
        seq       bigint NOT NULL,
        folded_at timestamptz
      );
      INSERT INTO report_rollup_state (id, event_id, seq) VALUES (1, 0, 0);

      -- Emptying the grievances (tests, a fresh start) empties the rollups with them.
      CREATE FUNCTION report_rollups_reset() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE report_facts, report_rollups, report_overdue;
        UPDATE report_rollup_state SET event_id = 0, seq = 0, folded_at = NULL;
        RETURN NULL;
      END $$;
      CREATE TRIGGER grievances_truncate_rollups AFTER TRUNCATE ON grievances FOR EACH STATEMENT EXECUTE FUNCTION report_rollups_reset();
      CREATE TRIGGER grievance_events_truncate_rollups AFTER TRUNCATE ON grievance_events FOR EACH STATEMENT EXECUTE FUNCTION report_rollups_reset();
    `,
  },
  {
    version: 86,
    name: 'figures for leaders: pending and overdue now, per department, district and holder',
    sql: `
      -- The sum of all pending/overdue deltas (what is pending now, and overdue at the end of its last day): the end of
      -- a recent day is this less the deltas after it, so the cost follows the days since, not the whole history.
      CREATE TABLE report_totals (
        department_code text NOT NULL,
        district_code   text NOT NULL,
        holder_id       text NOT NULL,
        pending         int NOT NULL DEFAULT 0,
        overdue         int NOT NULL DEFAULT 0,
        PRIMARY KEY (department_code, district_code, holder_id)
      );
      INSERT INTO report_totals (department_code, district_code, holder_id, pending, overdue)
      SELECT department_code, district_code, holder_id, sum(pending_delta), sum(overdue_delta) FROM report_rollups GROUP BY 1, 2, 3;
      CREATE OR REPLACE FUNCTION report_rollups_reset() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE report_facts, report_rollups, report_overdue, report_totals;
        UPDATE report_rollup_state SET event_id = 0, seq = 0, folded_at = NULL;
        RETURN NULL;
      END $$;
    `,
  },
];
