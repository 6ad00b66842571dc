/**
 * Password hashing: scrypt (memory-hard, RFC 7914, built into Node) with a random 16-byte salt per password
 * and N=2^15, r=8, p=1: 32 MiB and roughly 50-100 ms per hash, run on libuv's threadpool so the event loop
 * stays free. OWASP's Password Storage Cheat Sheet lists N=2^17 as its scrypt minimum; raise SCRYPT.log2N
 * when the server has the memory for sign-in bursts: each hash keeps its own parameters, so old ones still
 * verify. Passwords are never logged; the comparison uses timingSafeEqual.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const SCRYPT = { log2N: 15, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const;

const scryptAsync = (password: string, salt: Buffer, keyLength: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key))));

/** Memory scrypt needs is 128·N·r bytes; Node's default cap (32 MiB) is exactly that for 2^15, so allow twice. */
const options = (N: number, r: number, p: number): ScryptOptions => ({ N, r, p, maxmem: 256 * N * r });

/** `scrypt$<log2 N>$<r>$<p>$<salt base64>$<hash base64>` */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SCRYPT.saltLength);
  const key = await scryptAsync(password, salt, SCRYPT.keyLength, options(2 ** SCRYPT.log2N, SCRYPT.r, SCRYPT.p));
  return ['scrypt', SCRYPT.log2N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** A hash no password matches, verified against when the account does not exist, so timing tells nothing. */
let decoy: Promise<string> | undefined;

/** Whether `password` matches `stored`; an unknown or malformed `stored` (or none) never matches. */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const target = stored ?? (await (decoy ??= hashPassword(randomBytes(24).toString('base64'))));
  const parts = target.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [log2N, r, p] = parts.slice(1, 4).map(Number);
  if (![log2N, r, p].every(Number.isInteger) || log2N < 10 || log2N > 20 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  if (expected.length < 16) return false;
  const actual = await scryptAsync(password, salt, expected.length, options(2 ** log2N, r, p));
  return timingSafeEqual(actual, expected) && stored !== undefined && stored !== null;
}
