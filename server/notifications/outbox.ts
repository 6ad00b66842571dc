/**
 * The notification outbox (table notifications, migration 6). Workflow code only ever INSERTs here, in
 * its own transaction, so a notification exists exactly when what it announces committed, and sending
 * (slow, failing, retried) never holds up the workflow. ./sender.ts claims due rows and sends them.
 *
 * A message goes to the mobile of its grievance, read when sending, or (migration 35; a one-time code
 * for a mobile with no grievance behind it yet) to its own `mobile`. One with `expires_at` is never sent
 * after it (a late code is useless); a one-time code is blotted out of the stored text once sent or dropped.
 */
import type { Lang } from '../../src/domain/messages';
import type { Db, Queryable } from '../store/db';
import { CHANNELS, type Channel, type NotificationKind, notificationText, type TemplateFacts } from './templates';

export interface NotificationRequest extends TemplateFacts {
  kind: NotificationKind;
  lang: Lang;
  /** The recipient when there is no grievance (`number`) to read it from. */
  mobile?: string;
  /** After this the message is dropped unsent. */
  expiresAt?: Date;
}

/** Blots out a one-time code (the only 6-digit number in its text) in the stored body, in SQL. */
const BLOT = `CASE WHEN kind = 'otp' THEN regexp_replace(body, '(^|[^0-9])[0-9]{6}([^0-9]|$)', '\\1******\\2', 'g') ELSE body END`;

/** Queues the messages for each request (one per channel of its kind), on `q`: a transaction, to commit with the event. */
export async function enqueueNotifications(q: Queryable, requests: readonly NotificationRequest[], now: Date): Promise<void> {
  const rows = requests.flatMap((r) => CHANNELS[r.kind].map((channel) => ({
    grievance_number: r.number ?? null, mobile: r.number ? null : (r.mobile ?? null), kind: r.kind, channel, lang: r.lang,
    body: notificationText(r.kind, r.lang, r), expires_at: r.expiresAt?.toISOString() ?? null,
  })));
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO notifications (grievance_number, mobile, kind, channel, lang, body, expires_at, next_attempt_at, created_at)
     SELECT grievance_number, mobile, kind, channel, lang, body, expires_at, $2::timestamptz, $2::timestamptz
       FROM jsonb_to_recordset($1::jsonb)
         AS r(grievance_number text, mobile text, kind text, channel text, lang text, body text, expires_at timestamptz)`,
    [JSON.stringify(rows), now.toISOString()]);
}

/** A message ready to go: with the citizen's mobile number, read from the grievance now. */
export interface DueNotification {
  id: string;
  /** The grievance it is about, or null (a code sent to a mobile with no grievance yet). */
  number: string | null;
  kind: NotificationKind;
  channel: Channel;
  lang: Lang;
  body: string;
  mobile: string;
  /** Including this one. */
  attempts: number;
}

/**
 * Claims up to `limit` due messages: counts the attempt and pushes next_attempt_at forward by `leaseMs`,
 * so a sender that dies mid-send leaves them to be retried, and two senders never take the same row.
 */
export async function claimDue(db: Db, now: Date, limit: number, leaseMs: number): Promise<DueNotification[]> {
  const rows = await db.query<{ id: string | number; grievance_number: string | null; kind: NotificationKind; channel: Channel; lang: Lang; body: string; attempts: number; mobile: string }>(
    `UPDATE notifications n SET attempts = n.attempts + 1, next_attempt_at = $2::timestamptz
      WHERE n.id IN (SELECT id FROM notifications WHERE status = 'pending' AND next_attempt_at <= $1::timestamptz
                        AND (expires_at IS NULL OR expires_at > $1::timestamptz)
                      ORDER BY next_attempt_at, id LIMIT $3::int FOR UPDATE SKIP LOCKED)
     RETURNING n.id, n.grievance_number, n.kind, n.channel, n.lang, n.body, n.attempts,
               coalesce(n.mobile, (SELECT g.mobile FROM grievances g WHERE g.number = n.grievance_number)) AS mobile`,
    [now.toISOString(), new Date(now.getTime() + leaseMs).toISOString(), limit]);
  return rows
    .map((r) => ({ id: String(r.id), number: r.grievance_number, kind: r.kind, channel: r.channel, lang: r.lang, body: r.body, mobile: r.mobile, attempts: r.attempts }))
    .sort((a, b) => Number(a.id) - Number(b.id));
}

export async function markSent(db: Db, id: string, now: Date): Promise<void> {
  await db.query(`UPDATE notifications SET status = 'sent', sent_at = $2, last_error = NULL, body = ${BLOT} WHERE id = $1::bigint`, [id, now.toISOString()]);
}

/** A failed attempt: retried at `retryAt`, or given up (`failed`) when there is none. */
export async function markFailed(db: Db, id: string, error: string, retryAt: Date | null): Promise<void> {
  await db.query(
    `UPDATE notifications SET last_error = $2, status = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
            body = CASE WHEN $3::timestamptz IS NULL THEN ${BLOT} ELSE body END,
            next_attempt_at = coalesce($3::timestamptz, next_attempt_at) WHERE id = $1::bigint`,
    [id, error.slice(0, 500), retryAt?.toISOString() ?? null]);
}

/** Drops the messages whose time is up before they could be sent (a one-time code that would come too late). */
export async function dropExpired(db: Db, now: Date): Promise<number> {
  const rows = await db.query(
    `UPDATE notifications SET status = 'failed', last_error = 'expired before it could be sent', body = ${BLOT}
      WHERE status = 'pending' AND expires_at <= $1::timestamptz RETURNING id`, [now.toISOString()]);
  return rows.length;
}

/** Counts by status, for the CLI and tests. */
export async function outboxCounts(q: Queryable): Promise<Record<'pending' | 'sent' | 'failed', number>> {
  const rows = await q.query<{ status: 'pending' | 'sent' | 'failed'; n: number }>('SELECT status, count(*)::int AS n FROM notifications GROUP BY status');
  return { pending: 0, sent: 0, failed: 0, ...Object.fromEntries(rows.map((r) => [r.status, r.n])) };
}
