/**
 * The offline password verifier: after an online sign-in, the device keeps PBKDF2-HMAC-SHA256 of the
 * password (random 16-byte salt, 600,000 iterations: OWASP Password Storage Cheat Sheet, 2023) so the same
 * operator can sign in there again without the network. It is slow on purpose: someone who copies the
 * device's IndexedDB must pay that cost per guess. Each verifier keeps its own iteration count, so it can
 * be raised without breaking the ones already stored. WebCrypto exists in the page, the service worker
 * and Node, so this module is pure.
 *
 * The same password also opens a sealing key (HKDF of the PBKDF2 output, another info than the stored
 * hash): at sign-out the device's refresh credential is sealed with it, so that the next morning's offline
 * sign-in can unseal it and send what is registered without a second, online sign-in, while nobody else
 * at the kiosk (and nobody who copies its storage without the password) can use it.
 */

/** OWASP's figure for PBKDF2-HMAC-SHA256; ~90 ms in Chromium on a server core, ~0.5 s on an old kiosk PC. */
export const PBKDF2_ITERATIONS = 600_000;
/** Below this a stored verifier is not trusted (the floor of the issue: 310,000). */
export const PBKDF2_MIN_ITERATIONS = 310_000;

export interface PasswordVerifier {
  /** base64 */
  salt: string;
  iterations: number;
  /**
   * base64 of 32 bytes. Version 1 (absent `v`): the PBKDF2 output itself. Version 2: HKDF-SHA256 of it with
   * the info "sampark verifier v2", so that what the device stores does not give away the sealing key,
   * which is HKDF of the same output with another info (see openVerifier).
   */
  hash: string;
  v?: 2;
}

/** A WebCrypto key (named so, as the server's TypeScript has no DOM lib). */
export type SealKey = Awaited<ReturnType<typeof crypto.subtle.deriveKey>>;

/** What a password opens: the key that seals this operator's refresh credential while they are signed out. */
export interface Opened {
  /** AES-GCM 256, not extractable; kept in the session row while signed in, never after. */
  sealKey: SealKey;
  /** Set when the stored verifier was version 1: the version 2 verifier to store instead (a fresh salt). */
  upgraded?: PasswordVerifier;
}

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const enc = new TextEncoder();
const VERIFY_INFO = enc.encode('sampark verifier v2');
const SEAL_INFO = enc.encode('sampark refresh seal v2');

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  // NFC, as the server does: the same Devanagari password typed on two keyboards is the same password.
  const key = await crypto.subtle.importKey('raw', enc.encode(password.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations }, key, 256);
  return new Uint8Array(bits);
}

const hkdfOf = (master: Uint8Array) => crypto.subtle.importKey('raw', master as Uint8Array<ArrayBuffer>, 'HKDF', false, ['deriveBits', 'deriveKey']);
const hkdf = (info: Uint8Array) => ({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: info as Uint8Array<ArrayBuffer> });

async function verifyHash(master: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.deriveBits(hkdf(VERIFY_INFO), await hkdfOf(master), 256));
}

async function sealKeyOf(master: Uint8Array): Promise<SealKey> {
  return crypto.subtle.deriveKey(hkdf(SEAL_INFO), await hkdfOf(master), { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** A new (version 2) verifier of `password` with a fresh salt, and the sealing key the same password opens. */
export async function makeVerifier(password: string, iterations = PBKDF2_ITERATIONS): Promise<{ verifier: PasswordVerifier } & Opened> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const master = await derive(password, salt, iterations);
  return { verifier: { salt: b64(salt), iterations, hash: b64(await verifyHash(master)), v: 2 }, sealKey: await sealKeyOf(master) };
}

/**
 * Checks `password` against a stored verifier; on a match, the sealing key. A version 1 verifier stores
 * the PBKDF2 output itself, from which no secret key may come: it is replaced by a new version 2 one.
 */
export async function openVerifier(password: string, v: PasswordVerifier): Promise<Opened | null> {
  if (!Number.isInteger(v.iterations) || v.iterations < PBKDF2_MIN_ITERATIONS) return null;
  const master = await derive(password, unb64(v.salt), v.iterations);
  const actual = v.v === 2 ? await verifyHash(master) : master;
  if (!constantTimeEqual(actual, unb64(v.hash))) return null;
  if (v.v === 2) return { sealKey: await sealKeyOf(master) };
  const fresh = await makeVerifier(password, Math.max(v.iterations, PBKDF2_MIN_ITERATIONS));
  return { sealKey: fresh.sealKey, upgraded: fresh.verifier };
}

/** Whether `password` matches; compares every byte whatever the first difference (no early exit). */
export async function checkVerifier(password: string, v: PasswordVerifier): Promise<boolean> {
  return (await openVerifier(password, v)) !== null;
}

/** A secret sealed with AES-GCM (base64 IV and ciphertext with its tag). */
export interface Sealed { iv: string; data: string }

export async function sealText(key: SealKey, text: string): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, enc.encode(text));
  return { iv: b64(iv), data: b64(new Uint8Array(data)) };
}

/** The text, or null when the key is not the one it was sealed with (or the data was changed). */
export async function unsealText(key: SealKey, sealed: Sealed): Promise<string | null> {
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(sealed.iv) as Uint8Array<ArrayBuffer> }, key, unb64(sealed.data) as Uint8Array<ArrayBuffer>);
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}

/** Equal bytes, in time that depends only on the length. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
