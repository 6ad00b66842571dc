/**
 * Migrations of the secretary's report to ministers and the state dashboard (issue 11 items 3 and 4,
 * versions 81–84), appended to ./migrations.ts's list. Same shape as its Migration type, which is not
 * imported: that module imports this one.
 */
export const LEADERS_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 81,
    name: "leaders' dashboard: reviews done by day",
    sql: `
      -- The dashboard counts, per secretary, the days of the last 30 with at least ten reviews done
      -- (server/reports/dashboard.ts), and the report reads a secretary's reviews of a range of days.
      CREATE INDEX reviews_done ON reviews (secretary_id, review_date) WHERE reviewed_at IS NOT NULL;
    `,
  },
];
