/**
 * Names shared by the page and the service worker (sw/sw.ts): the Background Sync tag and the Web Lock
 * names (src/sync/locks.ts). One place, so the two sides can never disagree.
 */
/** Background Sync tag that wakes the service worker to replay the outbox. */
export const SYNC_TAG = 'sampark-outbox';
/** One replay at a time across tabs and the service worker; an update activates only outside it. */
export const OUTBOX_LOCK = 'sampark-outbox';
/** One sign-in or token refresh at a time (a refresh token works once). */
export const AUTH_LOCK = 'sampark-auth';
