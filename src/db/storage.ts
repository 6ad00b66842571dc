/**
 * Storage that is not evicted: ask the browser to keep this origin's data (persistent storage), and
 * report how much space is used and left so the operator is warned before a grievance cannot be saved.
 */
import { attachmentFigures } from './attachments';
import { unsentOlderThan } from './outbox';

/** What the header warns about: little space left, or grievances unsent for over a day. */
export interface StorageAlerts {
  /** True when less than 10% or 50 MB of the quota is left. */
  low: boolean;
  /** Unsent grievances older than a day (by their device time). */
  staleUnsent: number;
}

export interface StorageReport extends StorageAlerts {
  persisted: boolean;
  usage?: number;
  quota?: number;
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

const isLow = (usage?: number, quota?: number) => {
  const left = quota !== undefined && usage !== undefined ? quota - usage : undefined;
  return left !== undefined && quota !== undefined && (left < quota * 0.1 || left < 50 * 1024 * 1024);
};

const countStaleUnsent = (now: number) => unsentOlderThan(now - DAY);

/** The header's warnings only: the space estimate and one count, without the attachment figures. */
export async function storageAlerts(now = Date.now()): Promise<StorageAlerts> {
  const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
  return { low: isLow(estimate?.usage, estimate?.quota), staleUnsent: await countStaleUnsent(now) };
}

/** Everything the settings screen shows. */
export async function storageReport(now = Date.now()): Promise<StorageReport> {
  const s = navigator.storage;
  const [persisted, estimate] = await Promise.all([s?.persisted?.().catch(() => false) ?? false, s?.estimate?.().catch(() => undefined)]);
  const usage = estimate?.usage;
  const quota = estimate?.quota;
  return { persisted, usage, quota, low: isLow(usage, quota), staleUnsent: await countStaleUnsent(now), attachments: await attachmentFigures() };
}

/** True for the errors IndexedDB raises when the disk or the origin's quota is full. */
export function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: string; inner?: { name?: string } })?.name;
  const inner = (e as { inner?: { name?: string } })?.inner?.name;
  return name === 'QuotaExceededError' || inner === 'QuotaExceededError';
}
