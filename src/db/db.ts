/**
 * The device database: the one module that knows IndexedDB names, versions and indexes.
 *
 * - `grievances`: the full submission as it will be sent (written once at registration; after the
 *   server confirms it, the sealed Aadhaar is removed and only its last 4 digits stay).
 * - `outbox`: one small row per grievance with its sync state. Replay rewrites only these rows, never
 *   the 1.5 KB payloads (PERF-NOTES §3: rewriting payloads to mark them sent is the dominant cost).
 * - `meta`: device id, receipt sequence, last sync time: values that must change in the same
 *   transaction as the rows they describe.
 *
 * Migrations move data forward and never drop a table that may hold unsent work.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { GrievanceSubmission } from '../domain/schemas';

export type OutboxState = 'saved' | 'sending' | 'synced' | 'attention';

export interface SyncError {
  /** A message key (src/domain/messages.ts) or one of: 'net', 'timeout', 'server', 'badResponse', 'corrupt', 'conflict', 'invalid'. */
  key: string;
  message?: string;
  messageHi?: string;
  fields?: { path: string; message: string; messageHi: string }[];
}

export interface GrievanceRow {
  clientId: string;
  submission: GrievanceSubmission;
}

export interface OutboxRow {
  clientId: string;
  state: OutboxState;
  receiptNumber: string;
  createdAt: string;
  name: string;
  mobile: string;
  departmentCode: string;
  categoryCode?: string;
  districtCode: string;
  /** The first 200 characters, for lists; the whole text stays in `grievances`. */
  description: string;
  aadhaarLast4?: string;
  operatorId?: string;
  kioskCode: string;
  attempts: number;
  /** Epoch ms before which replay leaves this row alone (backoff); 0 = due now. */
  nextAttemptAt: number;
  lastError?: SyncError;
  number?: string;
  syncedAt?: string;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export const DB_NAME = 'sampark-kiosk';

export class KioskDb extends Dexie {
  grievances!: EntityTable<GrievanceRow, 'clientId'>;
  outbox!: EntityTable<OutboxRow, 'clientId'>;
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({
      grievances: 'clientId',
      outbox: 'clientId, state, createdAt, receiptNumber, mobile',
      meta: 'key',
    });
  }
}

/** The one database of this device, shared by the page, workers and the service worker. */
export const db = new KioskDb();
