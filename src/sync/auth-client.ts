/**
 * The page's side of sign-in: who is signed in (live, from IndexedDB, so every tab follows a sign-in,
 * a lock or a sign-out in another), sign-in and unlock that ask for a replay once they succeed (records
 * that waited for a sign-in go at once), and the idle lock: after the configured minutes without a key or
 * pointer use in any tab, the screen locks. Activity is shared through the session row, so typing in one
 * tab keeps the others unlocked.
 */
import { liveQuery, type Observable } from 'dexie';
import { currentSessionIn, type SessionRow } from '../db/session';
import { db } from '../db/db';
import { AUTO_LOCK_DEFAULT_MIN, getSetting } from '../db/settings';
import { lockIfIdle, noteActivity, signIn as signInDevice, unlock as unlockDevice, type SignInResult } from './auth';
import { requestReplay } from './client';

export { lock, signOut } from './auth';
export type { SignInResult };

/** The signed-in operator as the UI sees them: no tokens. */
export type SessionInfo = Omit<SessionRow, 'accessToken' | 'accessExpiresAt' | 'refreshToken' | 'sealKey'>;
export interface AuthState { session?: SessionInfo }

/** The current session, updating live. */
export function authState(): Observable<AuthState> {
  return liveQuery(async () => {
    const s = await db.transaction('r', db.meta, db.session, currentSessionIn);
    if (!s) return {};
    const { accessToken: _a, accessExpiresAt: _e, refreshToken: _r, sealKey: _k, ...info } = s;
    return { session: info };
  });
}

const afterSignIn = (r: SignInResult) => {
  if (r.ok) void requestReplay('manual').catch(() => undefined);
  return r;
};

/** Signs in (online first, else offline) and then sends what waited. */
export const signIn = (operatorId: string, password: string) => signInDevice(operatorId, password).then(afterSignIn);

/** Unlocks the locked screen with the current operator's password. */
export const unlock = (password: string) => unlockDevice(password).then(afterSignIn);

const CHECK_MS = 15_000;
/** Activity is written at most this often (a write per keystroke would be wasteful). */
const TOUCH_MS = 10_000;
let started = false;

/** Starts the idle lock in this tab; call once. */
export function startIdleLock(): void {
  if (started) return;
  started = true;
  let lastTouch = 0;
  let localActivity = 0; // none yet: opening the app is not activity (a restarted kiosk must still lock)
  const touched = () => {
    localActivity = Date.now();
    if (localActivity - lastTouch < TOUCH_MS) return;
    lastTouch = localActivity;
    void noteActivity(localActivity).catch(() => undefined);
  };
  for (const type of ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const)
    addEventListener(type, touched, { capture: true, passive: true });

  const check = async () => {
    const minutes = (await getSetting<number>('autoLockMinutes').catch(() => undefined)) ?? AUTO_LOCK_DEFAULT_MIN;
    // This tab's own latest activity may not be written yet (TOUCH_MS): flush it before judging.
    if (localActivity > lastTouch) { lastTouch = localActivity; await noteActivity(localActivity).catch(() => undefined); }
    await lockIfIdle(minutes * 60_000).catch(() => undefined);
  };
  setInterval(() => void check(), CHECK_MS);
  // A browser restarted hours later, or a tab woken from the background, locks at once if it was idle.
  addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') void check(); });
  void check();
}
