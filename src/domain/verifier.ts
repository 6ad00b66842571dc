/**
 * The offline password verifier: after an online sign-in, the device keeps PBKDF2-HMAC-SHA256 of the
 * password (random 16-byte salt, 600,000 iterations: OWASP Password Storage Cheat Sheet, 2023) so the same
 * operator can sign in there again without the network. It is slow on purpose: someone who copies the
 * device's IndexedDB must pay that cost per guess. Each verifier keeps its own iteration count, so it can
 * be raised without breaking the ones already stored. WebCrypto exists in the page, the service worker
 * and Node, so this module is pure.
 */

/** OWASP's figure for PBKDF2-HMAC-SHA256; ~90 ms in Chromium on a server core, ~0.5 s on an old kiosk PC. */
export const PBKDF2_ITERATIONS = 600_000;
/** Below this a stored verifier is not trusted (the floor of the issue: 310,000). */
export const PBKDF2_MIN_ITERATIONS = 310_000;

export interface PasswordVerifier {
  /** base64 */
  salt: string;
  iterations: number;
  /** base64 of the 32-byte derived key */
  hash: string;
}

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  // NFC, as the server does: the same Devanagari password typed on two keyboards is the same password.
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations }, key, 256);
  return new Uint8Array(bits);
}

/** A new verifier of `password` with a fresh salt. */
export async function makeVerifier(password: string, iterations = PBKDF2_ITERATIONS): Promise<PasswordVerifier> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt: b64(salt), iterations, hash: b64(await derive(password, salt, iterations)) };
}

/** Whether `password` matches; compares every byte whatever the first difference (no early exit). */
export async function checkVerifier(password: string, v: PasswordVerifier): Promise<boolean> {
  if (!Number.isInteger(v.iterations) || v.iterations < PBKDF2_MIN_ITERATIONS) return false;
  const expected = unb64(v.hash);
  const actual = await derive(password, unb64(v.salt), v.iterations);
  return constantTimeEqual(actual, expected);
}

/** Equal bytes, in time that depends only on the length. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
