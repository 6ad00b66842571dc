/**
 * Camp mode's hand-over file on the device (format and checks: src/domain/handover.ts; server:
 * server/routes/handover.ts).
 *
 * - The device key: an ECDSA P-256 key pair made with WebCrypto at the device's first online sign-in for a
 *   kiosk, the private key non-extractable and kept in IndexedDB (`meta`, as a CryptoKey: the browser
 *   stores it without ever exposing its bytes), the public key registered with POST /api/devices/key.
 * - Export (Outbox, works offline): the grievances of the signed-in operator's kiosk not yet synced on this
 *   device, their attachments (base64) and the workflow actions still queued, as one signed file.
 * - Import (Settings, online): posts a file exactly as it is; the server answers what went in.
 * Nothing on the device changes on export: the records stay in the outbox and, when this device syncs
 * later, the server answers `duplicate` for each one already handed over, and they show as Synced.
 */
import type { ActionRow } from '../db/db';
import { db } from '../db/db';
import { ensureDeviceId } from '../db/device-id';
import { unsentRows } from '../db/outbox';
import { pendingActions } from '../db/actions';
import { getMeta, type HandoverKey, putMeta } from '../db/meta';
import { currentSession } from '../db/session';
import {
  bytesToBase64, ECDSA, HANDOVER_FORMAT, HANDOVER_MEDIA_TYPE, type HandoverAction, type HandoverAttachment, type HandoverBody,
  HandoverResponse, keyIdOf, signHandover,
} from '../domain/handover';
import type { GrievanceSubmission } from '../domain/schemas';
import { authorizedFetch, isAuthRequired } from './auth';

/** What `meta` keeps per kiosk under `handoverKey:<kiosk>` (src/db/meta.ts). */
type StoredKey = HandoverKey;

const metaKey = (kiosk: string) => `handoverKey:${kiosk}` as const;
const loadKey = (kiosk: string) => getMeta(metaKey(kiosk));

/** The device's key for `kiosk`, made on first use (private key non-extractable). */
async function ensureKey(kiosk: string): Promise<StoredKey> {
  const have = await loadKey(kiosk);
  if (have) return have;
  const pair = await crypto.subtle.generateKey(ECDSA, false, ['sign', 'verify']);
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  const made: StoredKey = { privateKey: pair.privateKey, publicKey: bytesToBase64(spki), keyId: await keyIdOf(spki), deviceId: await ensureDeviceId() };
  // Two tabs may race: the first stored key wins and both use it.
  return db.transaction('rw', db.meta, async () => {
    const again = await loadKey(kiosk);
    if (again) return again;
    await putMeta(metaKey(kiosk), made);
    return made;
  });
}

/** Where this device's hand-over key stands for the signed-in operator's kiosk (Settings shows it). */
export async function deviceKeyState(): Promise<'none' | 'made' | 'registered'> {
  const s = await currentSession();
  if (s?.role !== 'operator' || !s.kioskCode) return 'none';
  const k = await loadKey(s.kioskCode);
  return !k ? 'none' : k.registeredAt ? 'registered' : 'made';
}

/**
 * Makes (once) and registers (until the server has confirmed it) the device key of the signed-in
 * operator's kiosk. Called after each online sign-in; quietly does nothing offline or for other roles.
 */
export async function registerDeviceKey(opts: { fetch?: typeof fetch } = {}): Promise<boolean> {
  const s = await currentSession();
  if (s?.role !== 'operator' || !s.kioskCode) return false;
  const key = await ensureKey(s.kioskCode);
  if (key.registeredAt) return true;
  try {
    const res = await authorizedFetch('/api/devices/key', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ publicKey: key.publicKey }),
      signal: AbortSignal.timeout(15_000),
    }, opts);
    if (!res.ok) return false;
    const { registeredAt } = (await res.json()) as { registeredAt: string };
    await putMeta(metaKey(s.kioskCode), { ...key, registeredAt });
    return true;
  } catch (err) {
    if (isAuthRequired(err) || err instanceof TypeError || (err as Error).name === 'TimeoutError') return false;
    throw err;
  }
}

export class HandoverError extends Error {
  override name = 'HandoverError';
  /** A message key of the one dictionary; `message`/`messageHi` when the server gave its own words. */
  constructor(readonly key: string, readonly words?: { message: string; messageHi: string }) {
    super(key);
  }
}

export interface Exported { text: string; fileName: string; grievances: number; attachments: number; actions: number }

/** The file of everything of this kiosk not yet synced on this device, signed by the device key. */
export async function exportHandover(now = new Date()): Promise<Exported> {
  const s = await currentSession();
  if (s?.role !== 'operator' || !s.kioskCode) throw new HandoverError('handover.notOperator');
  const kiosk = s.kioskCode;
  const key = await loadKey(kiosk);
  if (!key?.registeredAt) throw new HandoverError('handover.noKey');

  const { grievances, attachments, actions } = await db.transaction('r', [db.outbox, db.grievances, db.attachments, db.actions, db.session], async () => {
    const rows = (await unsentRows())
      .filter((r) => r.kioskCode === kiosk).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.clientId.localeCompare(b.clientId));
    const payloads = await db.grievances.bulkGet(rows.map((r) => r.clientId));
    const subs = payloads.flatMap((p) => (p ? [p.submission] : []));
    const shas = [...new Set(subs.flatMap((g) => (g.attachments ?? []).map((a) => a.sha256)))];
    const files = (await db.attachments.bulkGet(shas)).flatMap((a) => (a?.blob ? [a] : []));
    const queued = (await pendingActions()).filter((a) => a.number) // one waiting for its grievance's number stays on the device
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const people = new Map((await db.session.toArray()).map((p) => [p.operatorKey, p.operatorId]));
    return { grievances: subs, attachments: files, actions: queued.flatMap((a) => actionOf(a, people.get(a.operatorKey))) };
  });

  const inside: HandoverAttachment[] = [];
  for (const a of attachments) inside.push({ sha256: a.sha256, type: a.type, data: bytesToBase64(new Uint8Array(await a.blob!.arrayBuffer())) });
  const body: HandoverBody = {
    format: HANDOVER_FORMAT, kioskCode: kiosk, deviceId: key.deviceId, keyId: key.keyId, exportedAt: now.toISOString(),
    exportedBy: s.operatorId, grievances: grievances satisfies GrievanceSubmission[], attachments: inside, actions,
  };
  const text = await signHandover(body, key.privateKey);
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return { text, fileName: `sampark-handover-${kiosk}-${key.deviceId}-${stamp}.json`, grievances: grievances.length, attachments: inside.length, actions: actions.length };
}

function actionOf(a: ActionRow, operatorId: string | undefined): HandoverAction[] {
  if (!operatorId) return [];
  return [{
    actionId: a.actionId, operatorId, number: a.number, route: a.route, action: a.action,
    ...(a.expectedVersion !== undefined && { expectedVersion: a.expectedVersion }), ...(a.after && { after: a.after }), ...(a.code && { code: a.code }),
  }];
}

/** Sends a hand-over file, exactly as it is, for the signed-in operator; the server's answer, or HandoverError. */
export async function importHandover(file: Blob, opts: { fetch?: typeof fetch } = {}): Promise<HandoverResponse> {
  let res: Response;
  try {
    res = await authorizedFetch('/api/handover', { method: 'POST', headers: { 'content-type': HANDOVER_MEDIA_TYPE }, body: file }, opts);
  } catch (err) {
    if (isAuthRequired(err)) throw new HandoverError('handover.signIn');
    throw new HandoverError('handover.offline');
  }
  const answer: unknown = await res.json().catch(() => undefined);
  if (res.ok) {
    const parsed = HandoverResponse.safeParse(answer);
    if (parsed.success) return parsed.data;
    throw new HandoverError('handover.offline');
  }
  const e = answer as { error?: string; message?: string; messageHi?: string } | undefined;
  if (e?.error && e.message && e.messageHi) throw new HandoverError(e.error, { message: e.message, messageHi: e.messageHi });
  throw new HandoverError(res.status >= 500 ? 'handover.offline' : 'handover.malformed');
}
