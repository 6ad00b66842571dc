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
 * - `attachments` (v3): one row per file (photo, PDF, voice note) keyed by its SHA-256, written in the
 *   registering transaction; the grievances that refer to it are indexed (`*clientIds`), and so is the time
 *   they were all confirmed (`confirmedAt`), after which the blob may be pruned (src/db/attachments.ts).
 * - `actions` (v4): the workflow actions taken on this device (an officer's Start or Dispose, a kiosk's
 *   feedback or reopen for the citizen), each with its ULID `actionId` and the version it was taken on,
 *   until the server has answered (src/db/actions.ts, sent by src/sync/actions.ts).
 * - `views` (v4): the last copy of what the server showed (an officer's queue, a grievance, a citizen's
 *   status), per owner, so the screens still show it offline with its time (src/db/views.ts).
 *
 * Migrations move data forward and never drop a table that may hold unsent work: each version repeats
 * every table, and an old version's declaration stays so Dexie can upgrade from it.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { Account, Role } from '../domain/accounts';
import type { AttachmentType } from '../domain/attachments';
import type { GrievanceSubmission } from '../domain/schemas';
import type { PasswordVerifier, SealKey, Sealed } from '../domain/verifier';
import type { Status, WorkflowAction } from '../domain/workflow';

export type OutboxState = 'saved' | 'sending' | 'synced' | 'attention';

/** The error key of a record set aside because the server failed on it again and again (src/sync/poison.ts). */
export const POISON_KEY = 'poison';

export interface SyncError {
  /** A message key (src/domain/messages.ts) or one of: 'net', 'timeout', 'server', 'badResponse', 'corrupt', 'conflict', 'invalid', POISON_KEY. */
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
  /** The LGD tehsil or block chosen, if any (shown on the receipt; rows saved before issue 17 have neither). */
  tehsilCode?: string;
  blockCode?: string;
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
  /** How many files the grievance carries (v3; absent = none): lists fetch thumbnails only for these. */
  attachmentCount?: number;
  /** Answers in a row that a record may cause (500, 502) to batches holding it (src/sync/poison.ts). */
  strikes?: number;
  /** Such failures while sent alone, with the server otherwise working: set aside at POISON_STRIKES. */
  alone?: number;
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
  /**
   * Why a sign-in is needed, as a message key, so the sign-in screen says what is true: 'auth.expired',
   * 'auth.invalid' (the server ended the sign-in), 'auth.disabled', or 'auth.noCredential' (an offline
   * sign-in with no sealed credential on this device to unseal).
   */
  signInReason?: string;
  /**
   * An officer who disposed on the spot at a camp and handed the device back (src/db/session.ts handBack):
   * their queued actions are still sent with their tokens though someone else is current.
   */
  handedBack?: boolean;
  /** The key (opened by this operator's password) that seals the refresh token at sign-out; not extractable. */
  sealKey?: SealKey;
}

/** What lets an operator sign in here offline: a slow verifier of their password and their profile. */
export interface VerifierRow extends PasswordVerifier {
  /** The refresh token kept through a sign-out, sealed under the key this operator's password opens. */
  sealedRefresh?: Sealed;
  operatorKey: string;
  operatorId: string;
  profile: Account;
  updatedAt: string;
}

/** One attached file on this device (a blob is stored once, however many grievances refer to it). */
export interface AttachmentRow {
  sha256: string;
  /** The exact bytes uploaded; absent once pruned (its grievances confirmed long enough ago). */
  blob?: Blob;
  bytes: number;
  type: AttachmentType;
  name?: string;
  /** A small JPEG data URL (photos); kept after the blob is pruned. */
  thumbnail?: string;
  /** The grievances that refer to it. */
  clientIds: string[];
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms when the server last said it holds the whole file. */
  uploadedAt?: number;
  /** Epoch ms when every grievance referring to it was confirmed; unset while any is unsent. */
  confirmedAt?: number;
  /** Epoch ms when the blob was removed to free space. */
  prunedAt?: number;
}

export type ActionState = 'saved' | 'sending' | 'done' | 'attention';

/** Why an action was not accepted (or not yet): a message key, the server's words, what the grievance became. */
export interface ActionError extends SyncError {
  /** For `wf.stale`: the grievance as it stood when the refusal came (its latest step), best effort. */
  movedOn?: { status: Status; action: string; at: string };
}

/** One workflow action taken on this device, until (and after) the server answered it. */
export interface ActionRow {
  /** A ULID made on the device: the server applies an actionId once, however often it is sent. */
  actionId: string;
  /** Who took it (operatorKey): only they send it, with their own token. */
  operatorKey: string;
  /** The official grievance number; '' while it waits for its grievance (`clientId`) to reach the server. */
  number: string;
  /**
   * An on-the-spot disposal at a camp (issue 12) may be taken on a grievance registered on this device and
   * not yet synced: it names the grievance by clientId, waits for it in the replay and is sent after it.
   */
  clientId?: string;
  /** Which route takes it: an officer's action, or a kiosk's feedback or reopen for the citizen. */
  route: 'actions' | 'feedback' | 'reopen';
  action: WorkflowAction;
  /** The grievance's version the action was taken on; unset while it waits for `after`. */
  expectedVersion?: number;
  /**
   * The one-time code the citizen received (feedback or reopen at a kiosk that did not register the
   * grievance), sent with the action; dropped once the server has answered.
   */
  code?: string;
  /** An earlier action on the same grievance from this device that must be accepted first (its result gives the version). */
  after?: string;
  state: ActionState;
  createdAt: string;
  attempts: number;
  /** Epoch ms before which an automatic replay leaves the row alone (backoff); 0 = due now. */
  nextAttemptAt: number;
  lastError?: ActionError;
  /** What the server answered once accepted. */
  result?: { status: Status; version: number; at: string };
}

/** The last copy of a server view, kept for offline use. */
export interface ViewRow {
  /** `${owner} ${ref}`. */
  id: string;
  /** An operatorKey, or `kiosk:K…` for what every operator of a kiosk may see. */
  owner: string;
  savedAt: string;
  data: unknown;
}

export const DB_NAME = 'sampark-kiosk';

export class KioskDb extends Dexie {
  grievances!: EntityTable<GrievanceRow, 'clientId'>;
  outbox!: EntityTable<OutboxRow, 'clientId'>;
  meta!: EntityTable<MetaRow, 'key'>;
  session!: EntityTable<SessionRow, 'operatorKey'>;
  verifiers!: EntityTable<VerifierRow, 'operatorKey'>;
  attachments!: EntityTable<AttachmentRow, 'sha256'>;
  actions!: EntityTable<ActionRow, 'actionId'>;
  views!: EntityTable<ViewRow, 'id'>;

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
    // v3: attachments. A new table only; every v2 row (unsent grievances included) is left as it is.
    this.version(3).stores({
      grievances: 'clientId',
      outbox: 'clientId, state, createdAt, receiptNumber, mobile, operatorId',
      meta: 'key',
      session: 'operatorKey',
      verifiers: 'operatorKey',
      attachments: 'sha256, *clientIds, confirmedAt',
    });
    // v4: the grievance workflow. Two new tables only; every v3 row is left as it is.
    this.version(4).stores({
      grievances: 'clientId',
      outbox: 'clientId, state, createdAt, receiptNumber, mobile, operatorId',
      meta: 'key',
      session: 'operatorKey',
      verifiers: 'operatorKey',
      attachments: 'sha256, *clientIds, confirmedAt',
      actions: 'actionId, state, number, operatorKey',
      views: 'id, owner',
    });
  }
}

/** The one database of this device, shared by the page, workers and the service worker. */
export const db = new KioskDb();

/** A table with a `state` index (the outbox, the actions queue). */
interface ByState<T> { where(index: 'state'): { equals(state: string): { toArray(): Promise<T[]>; count(): Promise<number> } } }

/**
 * The rows of `table` in any of `states`: one index read per state. Dexie answers `where('state').anyOf(…)`
 * with a cursor, a round trip to IndexedDB's backend per row — 1,000 queued rows, 1,000 steps, in the queue
 * the service worker's writes wait in (a faulted bench replay of 1,000 made 2,800–4,200 of them in the page).
 */
export const rowsInStates = <T>(table: ByState<T>, states: readonly string[]): Promise<T[]> =>
  Promise.all(states.map((s) => table.where('state').equals(s).toArray())).then((lists) => lists.flat());

/** How many rows of `table` are in any of `states`: one index count per state (see rowsInStates). */
export const countInStates = (table: ByState<unknown>, states: readonly string[]): Promise<number> =>
  Promise.all(states.map((s) => table.where('state').equals(s).count())).then((n) => n.reduce((a, b) => a + b, 0));

