/**
 * Storage that is not evicted: ask the browser to keep this origin's data (persistent storage), and
 * report how much space is used and left so the operator is warned before a grievance cannot be saved.
 */
import { db } from './db';
import { unsentRows } from './outbox';
import { attachmentFigures } from './attachments';

export interface StorageReport {
  persisted: boolean;
  usage?: number;
  quota?: number;
  /** True when less than 10% or 50 MB of the quota is left. */
  low: boolean;
  /** Unsent grievances older than a day (by their device time). */
  staleUnsent: number;
  /** Attachment files whose bytes are on this device (part of `usage`), and how much of that is not yet confirmed. */
  attachments: { files: number; bytes: number; unconfirmedBytes: number };
}

const DAY = 24 * 60 * 60 * 1000;

/** Requests persistent storage once; the browser may refuse, which the header shows. */
export async function requestPersistence(): Promise<boolean> {
  const s = navigator.storage;
  if (!s?.persist) return false;
  return (await s.persisted()) || (await s.persist().catch(() => false));
}

export async function storageReport(now = Date.now()): Promise<StorageReport> {
  const s = navigator.storage;
  const [persisted, estimate] = await Promise.all([s?.persisted?.().catch(() => false) ?? false, s?.estimate?.().catch(() => undefined)]);
  const usage = estimate?.usage;
  const quota = estimate?.quota;
  const left = quota !== undefined && usage !== undefined ? quota - usage : undefined;
  const low = left !== undefined && quota !== undefined && (left < quota * 0.1 || left < 50 * 1024 * 1024);
  const unsent = await unsentRows();
  const staleUnsent = unsent.filter((r) => now - Date.parse(r.createdAt) > DAY).length;
  return { persisted, usage, quota, low, staleUnsent, attachments: await attachmentFigures() };
}

/** True for the errors IndexedDB raises when the disk or the origin's quota is full. */
export function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: string; inner?: { name?: string } })?.name;
  const inner = (e as { inner?: { name?: string } })?.inner?.name;
  return name === 'QuotaExceededError' || inner === 'QuotaExceededError';
}
