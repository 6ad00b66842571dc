/**
 * Who is signed in on this device, in domain verbs. A row of `session` per operator who signed in here
 * (their profile, tokens and lock state); `meta.currentOperator` names the one at the keyboard now. The
 * protocol (what the server answers, when to refresh) is src/sync/auth.ts's; this module only reads and
 * writes rows, each change in one transaction. Token writes are compare-and-set on the token they replace,
 * so a refresh finishing late in the service worker never overwrites a newer sign-in from a page.
 * Nothing here touches `grievances` or `outbox`: signing out never deletes unsent work.
 */
import { deleteMeta, getMeta, putMeta } from './meta';
import { db, type SessionRow, type VerifierRow } from './db';
import { operatorKey, type Account } from '../domain/accounts';
import type { PasswordVerifier, SealKey, Sealed } from '../domain/verifier';

export type { SessionRow, VerifierRow };

const CURRENT = 'currentOperator' as const;

/** What login and refresh give the device. */
export interface Tokens { accessToken: string; accessExpiresAt: string; refreshToken: string }

type Profile = Pick<SessionRow, 'operatorKey' | 'operatorId' | 'name' | 'role' | 'kioskCode' | 'level' | 'departments' | 'district'>;

/** The session row's profile fields of an account (one shape per role). */
export function profileOf(a: Account): Profile {
  return {
    operatorKey: operatorKey(a.id), operatorId: a.id, name: a.name, role: a.role,
    ...(a.role === 'operator' && { kioskCode: a.kioskCode }),
    ...(a.role === 'officer' && { level: a.level }),
    ...('departments' in a && a.departments && { departments: [...a.departments] }),
    ...((a.role === 'officer' || a.role === 'nodal') && a.district && { district: a.district }),
  };
}

/** The row without its tokens. */
function withoutTokens(row: SessionRow): SessionRow {
  const { accessToken: _a, accessExpiresAt: _e, refreshToken: _r, signInReason: _s, ...rest } = row;
  return rest;
}

/** The current operator's session; call inside a transaction that includes `meta` and `session`. */
export async function currentSessionIn(): Promise<SessionRow | undefined> {
  const key = await getMeta(CURRENT);
  return key ? db.session.get(key) : undefined;
}

/** The current operator's session, if anyone is signed in. */
export const currentSession = (): Promise<SessionRow | undefined> => db.transaction('r', db.meta, db.session, currentSessionIn);

/** The session of `key` (current or not). */
export const sessionOf = (key: string): Promise<SessionRow | undefined> => db.session.get(key);

/** Sessions handed back at a camp that can still send (tokens held, not refused): their queued actions go out as theirs. */
export const sendingSessions = async (): Promise<SessionRow[]> =>
  (await db.session.toArray()).filter((r) => r.handedBack === true && !r.needsSignIn && (r.accessToken || r.refreshToken));

/**
 * A camp device handed back (issue 12): the person at the keyboard (an officer who disposed on the spot) is
 * locked and `toKey` (the operator whose session was kept meanwhile) becomes current, locked: their password
 * opens it. Neither session is ended, so the officer's queued actions are still sent with the officer's own
 * tokens, and nothing of the operator's (grievances, tokens, queue) is touched. False when `toKey` has no session here.
 */
export async function handBack(toKey: string): Promise<boolean> {
  return db.transaction('rw', db.session, db.meta, async () => {
    const to = await db.session.get(toKey);
    if (!to) return false;
    const now = await currentSessionIn();
    if (now && now.operatorKey !== toKey) await db.session.put({ ...now, locked: true, handedBack: true });
    const { handedBack: _h, ...back } = to;
    await db.session.put({ ...back, locked: true });
    await putMeta(CURRENT, toKey);
    return true;
  });
}

export const getVerifier = (operatorId: string) => db.verifiers.get(operatorKey(operatorId));

/**
 * After an online sign-in: the session with fresh tokens and the sealing key, the new verifier (any
 * credential sealed at an earlier sign-out is dropped with the old one: this sign-in replaces it) and
 * "current", in one transaction.
 */
export async function saveOnlineSignIn(account: Account, tokens: Tokens, verifier: PasswordVerifier, sealKey: SealKey, now: number): Promise<SessionRow> {
  const row: SessionRow = { ...profileOf(account), ...tokens, locked: false, lastActivityAt: now, needsSignIn: false, sealKey };
  await db.transaction('rw', db.session, db.verifiers, db.meta, async () => {
    await db.session.put(row);
    await db.verifiers.put({ ...verifier, operatorKey: row.operatorKey, operatorId: account.id, profile: account, updatedAt: new Date(now).toISOString() });
    await putMeta(CURRENT, row.operatorKey);
  });
  return row;
}

/**
 * After an offline sign-in: this operator's stored session unlocked and current, holding the sealing key
 * the password opened. A session with no refresh token takes the one sealed at the last sign-out
 * (`unsealed`, opened before this call: IndexedDB transactions cannot wait for WebCrypto), which then
 * leaves the verifier row: it is in use again and will rotate. With neither, the session needs an online
 * sign-in, and says why ('auth.noCredential'). `upgraded` replaces a version 1 verifier.
 */
export async function resumeOffline(v: VerifierRow, opened: { sealKey: SealKey; upgraded?: PasswordVerifier; unsealed?: { token: string; from: Sealed } }, now: number): Promise<SessionRow> {
  return db.transaction('rw', db.session, db.meta, db.verifiers, async () => {
    const kept = await db.session.get(v.operatorKey);
    const stored = await db.verifiers.get(v.operatorKey);
    const base: SessionRow = { ...kept, ...profileOf(v.profile), locked: false, lastActivityAt: now, needsSignIn: kept?.needsSignIn ?? false, sealKey: opened.sealKey };
    let row = base;
    const sealedNow = stored?.sealedRefresh;
    if (!kept?.refreshToken && !kept?.needsSignIn) {
      const usable = opened.unsealed && sealedNow && sealedNow.iv === opened.unsealed.from.iv && sealedNow.data === opened.unsealed.from.data;
      row = usable ? { ...base, refreshToken: opened.unsealed!.token, needsSignIn: false } : { ...base, needsSignIn: true, signInReason: 'auth.noCredential' };
    }
    await db.session.put(row);
    if (stored) {
      let next: VerifierRow = stored;
      if (row.refreshToken && row.refreshToken === opened.unsealed?.token) {
        const { sealedRefresh: _s, ...rest } = next;
        next = rest;
      }
      if (opened.upgraded) next = { ...next, ...opened.upgraded };
      if (next !== stored) await db.verifiers.put(next);
    }
    await putMeta(CURRENT, row.operatorKey);
    return row;
  });
}

/**
 * Stores refreshed tokens (and the account as the server has it now) if the row still holds the refresh
 * token that was spent; returns the row as it is now.
 */
export async function saveRefreshed(key: string, spent: string, tokens: Tokens, account: Account): Promise<SessionRow | undefined> {
  return db.transaction('rw', db.session, async () => {
    const row = await db.session.get(key);
    if (!row || row.refreshToken !== spent) return row; // signed in again or out meanwhile: that wins
    const { signInReason: _r, ...rest } = row;
    const next: SessionRow = { ...rest, ...profileOf(account), operatorKey: key, ...tokens, needsSignIn: false };
    await db.session.put(next);
    return next;
  });
}

/**
 * The server refused this session: drop its tokens and ask for a sign-in, unless the row has moved on
 * (its access token is no longer `usedAccessToken`, e.g. a sign-in in another tab).
 */
export async function markNeedsSignIn(key: string, usedAccessToken: string | undefined, reason: string): Promise<void> {
  await db.transaction('rw', db.session, async () => {
    const row = await db.session.get(key);
    if (!row || row.accessToken !== usedAccessToken) return;
    await db.session.put({ ...withoutTokens(row), needsSignIn: true, signInReason: reason });
  });
}

/** Locks or unlocks the current operator's screen. */
export async function setLocked(locked: boolean): Promise<void> {
  await db.transaction('rw', db.session, db.meta, async () => {
    const row = await currentSessionIn();
    if (row && row.locked !== locked) await db.session.put({ ...row, locked });
  });
}

/** Records activity (a key or pointer use) for the idle lock; a locked screen stays locked. */
export async function touchActivity(now: number): Promise<void> {
  await db.transaction('rw', db.session, db.meta, async () => {
    const row = await currentSessionIn();
    if (row && !row.locked && now > row.lastActivityAt) await db.session.put({ ...row, lastActivityAt: now });
  });
}

/**
 * Signs the current operator out on this device: their session row (tokens, sealing key) goes; grievances
 * stay. `sealed` is the session's refresh token sealed under the key the operator's password opens: it is
 * kept with their verifier (and only if the row still holds `refreshToken`, the token that was sealed)
 * for the next offline sign-in. `forget` drops the verifier too: no offline sign-in here any more.
 */
export async function endCurrentSession(keep?: { sealed: Sealed; refreshToken: string }, forget = false): Promise<void> {
  await db.transaction('rw', db.session, db.meta, db.views, db.verifiers, async () => {
    const key = await getMeta(CURRENT);
    if (key) {
      const row = await db.session.get(key);
      await db.session.delete(key);
      // What the server showed this person (an officer's queue and grievances, with citizens' details)
      // leaves the shared device with them. Queued actions and grievances are never deleted.
      await db.views.where('owner').equals(key).delete();
      if (forget) await db.verifiers.delete(key);
      else if (keep && row?.refreshToken === keep.refreshToken) await db.verifiers.update(key, { sealedRefresh: keep.sealed });
    }
    await deleteMeta(CURRENT);
  });
}

/** The account was disabled: its password no longer unlocks this device offline. */
export const dropVerifier = (key: string): Promise<void> => db.verifiers.delete(key);

/** A disabled account: it must not unlock offline either. Its grievances stay and are still sent. */
export async function forgetOperator(operatorId: string): Promise<void> {
  const key = operatorKey(operatorId);
  await db.transaction('rw', db.session, db.verifiers, db.meta, async () => {
    await db.session.delete(key);
    await db.verifiers.delete(key);
    if ((await getMeta(CURRENT)) === key) await deleteMeta(CURRENT);
  });
}
