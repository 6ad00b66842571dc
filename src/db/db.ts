/**
 * The device database: the one module that knows IndexedDB names, versions and indexes.
 *
 * - `grievances`: the full submission as it will be sent (written once at registration; after the
 *   server confirms it, the sealed Aadhaar is removed and only its last 4 digits stay).
 * - `outbox`: one small row per grievance with its sync state. Replay rewrites only these rows, never
 *   the 1.5 KB payloads (PERF-NOTES §3: rewriting payloads to mark them sent is the dominant cost).
 * - `meta`: device id, receipt sequence, last sync time, the current operator: values that must change
 *   in the same transaction as the rows they describe.
 * - `session` (v2): one row per operator who signed in on this device, with their profile and tokens;
 *   `meta.currentOperator` names the one using it now. The service worker reads tokens from here.
 * - `verifiers` (v2): per operator, a slow PBKDF2 verifier of their password and their profile, so the
 *   same operator can sign in here again without the network (src/domain/verifier.ts).
 *
 * Migrations move data forward and never drop a table that may hold unsent work: each version repeats
 * every table, and an old version's declaration stays so Dexie can upgrade from it.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { Account, Role } from '../domain/accounts';
import type { GrievanceSubmission } from '../domain/schemas';
import type { PasswordVerifier } from '../domain/verifier';

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

/** An operator signed in on this device (current or not). Tokens are opaque; absent once refused or signed out. */
export interface SessionRow {
  /** operatorKey(operatorId): IDs are case-insensitive. */
  operatorKey: string;
  /** As the server spells it; stamped on every grievance this operator registers. */
  operatorId: string;
  name: string;
  role: Role;
  kioskCode?: string;
  level?: string;
  departments?: string[];
  district?: string;
  accessToken?: string;
  /** ISO 8601, from the server. */
  accessExpiresAt?: string;
  /** Single use: each refresh answers a new one (see src/sync/auth.ts). */
  refreshToken?: string;
  /** The screen is locked: the password is needed to go on (replay goes on meanwhile). */
  locked: boolean;
  /** Epoch ms of the last key or pointer use, shared by the tabs, for the idle lock. */
  lastActivityAt: number;
  /** The server refused the refresh: replay waits until this operator (or another) signs in online. */
  needsSignIn: boolean;
}

/** What lets an operator sign in here offline: a slow verifier of their password and their profile. */
export interface VerifierRow extends PasswordVerifier {
  operatorKey: string;
  operatorId: string;
  profile: Account;
  updatedAt: string;
}

export const DB_NAME = 'sampark-kiosk';

export class KioskDb extends Dexie {
  grievances!: EntityTable<GrievanceRow, 'clientId'>;
  outbox!: EntityTable<OutboxRow, 'clientId'>;
  meta!: EntityTable<MetaRow, 'key'>;
  session!: EntityTable<SessionRow, 'operatorKey'>;
  verifiers!: EntityTable<VerifierRow, 'operatorKey'>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({
      grievances: 'clientId',
      outbox: 'clientId, state, createdAt, receiptNumber, mobile',
      meta: 'key',
    });
    // v2: operators. Adds the outbox's operatorId index (a shared kiosk shows each operator their own)
    // and two new tables; no row is rewritten, so unsent grievances go through the upgrade untouched.
    this.version(2).stores({
      grievances: 'clientId',
      outbox: 'clientId, state, createdAt, receiptNumber, mobile, operatorId',
      meta: 'key',
      session: 'operatorKey',
      verifiers: 'operatorKey',
    });
  }
}

/** The one database of this device, shared by the page, workers and the service worker. */
export const db = new KioskDb();
