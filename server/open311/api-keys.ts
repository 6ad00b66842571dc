/**
 * API keys of integrating systems (city apps, portals) for the Open311 routes. A key is shown once, when
 * it is made (`npm run admin -- create-api-key --name NAME`); only its SHA-256 is stored, so a copy of the
 * database does not give the keys away. Each system gets a kiosk code of its own (K9…): the grievances it
 * files carry it, so a system sees exactly what it filed, and the audit log and export say where each came from.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../store/db';

export interface ApiKeyHolder { id: string; name: string; kioskCode: string; districtCode: string | null }

const hash = (key: string) => createHash('sha256').update(key).digest('hex');

/** A slug of the name for the id (`Jaipur Smart City` → `jaipur-smart-city`). */
const slug = (name: string) => name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'system';

/** Makes a key for `name` (replacing its earlier key, if any); returns the key itself, which is never stored. */
export async function createApiKey(db: Queryable, o: { name: string; districtCode?: string | null; now: Date }): Promise<{ holder: ApiKeyHolder; key: string }> {
  const key = `s311_${randomBytes(32).toString('base64url')}`;
  const [row] = await db.query<{ id: string; name: string; kiosk_code: string; district_code: string | null }>(
    `INSERT INTO api_keys (id, name, key_hash, kiosk_code, district_code, created_at)
     VALUES ($1, $2, $3, 'K' || (9000000000 + nextval('api_key_seq'))::text, $4, $5::timestamptz)
     ON CONFLICT (id) DO UPDATE SET key_hash = excluded.key_hash, district_code = excluded.district_code, name = excluded.name, created_at = excluded.created_at
     RETURNING id, name, kiosk_code, district_code`,
    [slug(o.name), o.name, hash(key), o.districtCode ?? null, o.now.toISOString()]);
  return { holder: { id: row.id, name: row.name, kioskCode: row.kiosk_code, districtCode: row.district_code }, key };
}

/** The system holding `key`, or null. */
export async function findApiKey(db: Queryable, key: string): Promise<ApiKeyHolder | null> {
  if (!/^s311_[A-Za-z0-9_-]{43}$/.test(key)) return null;
  const [row] = await db.query<{ id: string; name: string; kiosk_code: string; district_code: string | null }>(
    'SELECT id, name, kiosk_code, district_code FROM api_keys WHERE key_hash = $1', [hash(key)]);
  return row ? { id: row.id, name: row.name, kioskCode: row.kiosk_code, districtCode: row.district_code } : null;
}

/** The next receipt sequence number of a system's grievances. */
export async function nextReceiptSeq(db: Queryable, id: string): Promise<number> {
  const [row] = await db.query<{ n: number }>('UPDATE api_keys SET filed = filed + 1 WHERE id = $1 RETURNING filed AS n', [id]);
  return row.n;
}
