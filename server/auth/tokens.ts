/**
 * Access and refresh tokens.
 *
 * Access token: `at1.<payload>.<mac>`, both parts base64url; the payload is JSON
 * `{ sub, role, kiosk?, dev, sid, iat, exp }` (account id, role, kiosk code, device id, session id, issued
 * and expiry in Unix seconds) and the mac is HMAC-SHA256 over `at1.<payload>` with a 256-bit key kept in
 * the `settings` table. There is no header and no algorithm choice, so "alg: none" or an HS/RS swap has
 * nothing to act on: anything that is not exactly this shape, with this key, is refused. The device
 * treats it as opaque. The claims only say which session to look up; the account itself is read on every
 * request, so disabling it or signing out takes effect at once.
 *
 * Refresh token: `rt1.<session id>.<secret>`, a 128-bit session id; the secret is 256 random bits and
 * a 128-bit MAC of them with the session id (a key derived from the access key), so the server can tell
 * a secret it issued once (a replay: reuse, which revokes the session) from a made-up one (a plain
 * refusal that leaves the real device signed in). The server keeps only the sha256 of the current token
 * (auth_sessions.token_hash); see ./auth-service.ts for rotation and reuse.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import { ROLES } from '../../src/domain/accounts';
import type { Db } from '../store/db';

const SETTING = 'auth.keys.v1';
const PREFIX = 'at1';

const Claims = z.strictObject({
  sub: z.string(),
  role: z.enum(ROLES),
  kiosk: z.optional(z.string()),
  dev: z.string(),
  sid: z.string(),
  iat: z.number(),
  exp: z.number(),
});
export type AccessClaims = z.infer<typeof Claims>;

export type TokenCheck =
  | { ok: true; claims: AccessClaims; expired: boolean }
  | { ok: false };

export interface TokenSigner {
  sign(claims: AccessClaims): string;
  /** Checks shape and MAC; `expired` says whether exp has passed at `nowS`. */
  verify(token: string, nowS: number): TokenCheck;
  /** A new refresh token for session `sid`, and the hash that is stored for it. */
  newRefreshToken(sid: string): { token: string; hash: string };
  /** Whether this server issued `token` (for the session it names) at some time: its MAC is right. */
  issuedRefreshToken(token: string): boolean;
}

const b64url = (b: Buffer) => b.toString('base64url');

/** Loads the signing key from `settings`, making it first if this database has none (as the Aadhaar vault does). */
export async function loadTokenSigner(db: Db): Promise<TokenSigner> {
  const read = async () => (await db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [SETTING]))[0];
  let row = await read();
  if (!row) {
    await db.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
      [SETTING, JSON.stringify({ accessKey: randomBytes(32).toString('base64') })]);
    row = (await read())!;
  }
  return tokenSigner(Buffer.from((JSON.parse(row.value) as { accessKey: string }).accessKey, 'base64'));
}

export function tokenSigner(key: Buffer): TokenSigner {
  const mac = (signed: string) => createHmac('sha256', key).update(signed).digest();
  const refreshKey = createHmac('sha256', key).update('refresh-token-mac').digest(); // one key, one purpose
  const refreshMac = (sid: string, random: Buffer) => createHmac('sha256', refreshKey).update(`${sid}.`).update(random).digest().subarray(0, 16);
  return {
    newRefreshToken(sid) {
      const random = randomBytes(32);
      const token = `rt1.${sid}.${b64url(Buffer.concat([random, refreshMac(sid, random)]))}`;
      return { token, hash: hashRefreshToken(token) };
    },
    issuedRefreshToken(token) {
      const [, sid, secret] = token.split('.');
      const bytes = Buffer.from(secret ?? '', 'base64url');
      if (bytes.length !== 48) return false;
      return timingSafeEqual(bytes.subarray(32), refreshMac(sid, bytes.subarray(0, 32)));
    },
    sign(claims) {
      const payload = b64url(Buffer.from(JSON.stringify(claims), 'utf8'));
      return `${PREFIX}.${payload}.${b64url(mac(`${PREFIX}.${payload}`))}`;
    },
    verify(token, nowS) {
      if (token.length > 2048) return { ok: false };
      const parts = token.split('.');
      if (parts.length !== 3 || parts[0] !== PREFIX || !/^[A-Za-z0-9_-]+$/.test(parts[1]) || !/^[A-Za-z0-9_-]{43}$/.test(parts[2]))
        return { ok: false };
      const given = Buffer.from(parts[2], 'base64url');
      const expected = mac(`${PREFIX}.${parts[1]}`);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false };
      let claims: AccessClaims;
      try {
        const parsed = Claims.safeParse(JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')));
        if (!parsed.success) return { ok: false };
        claims = parsed.data;
      } catch {
        return { ok: false };
      }
      return { ok: true, claims, expired: claims.exp <= nowS };
    },
  };
}

/** The refresh token's secret holds 256 random bits, so a plain sha256 is enough to make the stored form useless. */
export const hashRefreshToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The session id inside a refresh token (its shape is checked by RefreshToken in src/domain/accounts.ts). */
export const sessionOfRefreshToken = (token: string) => token.split('.')[1];

export const newSessionId = () => b64url(randomBytes(16));
