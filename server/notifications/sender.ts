/**
 * Sends what the outbox holds: claims due messages, hands each to the provider, and on failure retries
 * with exponential backoff (30 s, 1 min, 2 min … at most 1 h apart) until `maxAttempts`, then marks it
 * failed. It runs on its own timer (NOTIFY_INTERVAL_S), so a slow or broken gateway never delays an
 * officer's action or an ingest.
 */
import type { Db } from '../store/db';
import { claimDue, dropExpired, markFailed, markSent } from './outbox';
import type { NotificationProvider } from './providers';

export interface SenderOptions {
  db: Db;
  provider: NotificationProvider;
  clock?: () => Date;
  /** Messages per round (50). */
  batch?: number;
  /** Attempts before a message is marked failed (8). */
  maxAttempts?: number;
  /** First retry delay (30 s); doubles each attempt up to maxDelayMs (1 h). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How long a claimed message is left alone before another round may retry it (2 min). */
  leaseMs?: number;
}

export interface SendReport { sent: number; retried: number; failed: number }

/** The delay before retry number `attempts` (1 = after the first failure). */
export const backoffMs = (attempts: number, base = 30_000, max = 3_600_000) => Math.min(max, base * 2 ** Math.max(0, attempts - 1));

/** One round: everything due now (up to `batch`), sent one by one. */
export async function sendDueNotifications(o: SenderOptions): Promise<SendReport> {
  const clock = o.clock ?? (() => new Date());
  const maxAttempts = o.maxAttempts ?? 8;
  const report: SendReport = { sent: 0, retried: 0, failed: 0 };
  report.failed += await dropExpired(o.db, clock());
  const due = await claimDue(o.db, clock(), o.batch ?? 50, o.leaseMs ?? 120_000);
  for (const m of due) {
    try {
      await o.provider.send(m);
      await markSent(o.db, m.id, clock());
      report.sent++;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const retryAt = m.attempts >= maxAttempts ? null : new Date(clock().getTime() + backoffMs(m.attempts, o.baseDelayMs, o.maxDelayMs));
      await markFailed(o.db, m.id, reason, retryAt);
      if (retryAt) report.retried++;
      else report.failed++;
    }
  }
  return report;
}
