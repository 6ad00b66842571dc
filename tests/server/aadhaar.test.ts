/** Sealed Aadhaar: the device sends only ciphertext + last 4; the server keeps last 4 + an HMAC, never the number. */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ServerConfig, SyncResponse, type SyncResult } from '../../src/domain/schemas';
import { sealDigits as sealAadhaar } from '../../src/domain/seal';
import type { Db } from '../../server/store/db';
import { INVALID_AADHAAR, VALID_AADHAAR, submission } from './fixtures';
import { BACKENDS, countGrievances, operatorHeaders, resetGrievances, startServer, type TestServer, syncBatch } from './harness';

for (const backend of BACKENDS) {
  describe.skipIf(!backend.enabled)(`sealed Aadhaar on ${backend.name}`, () => {
    let db: Db;
    let server: TestServer;
    let key: string;
    let auth: Record<string, string>;

    beforeAll(async () => {
      db = await backend.open();
      server = await startServer({ db });
      auth = await operatorHeaders(server, db);
      key = ServerConfig.parse(await (await fetch(`${server.url}/api/config`)).json()).aadhaarKey;
    });
    afterAll(async () => {
      await server?.close();
      await db?.close();
    });
    beforeEach(() => resetGrievances(db));

    const sync = (grievances: unknown[]): Promise<SyncResult[]> => syncBatch(server, grievances, auth);
    const withAadhaar = async (aadhaar: string, last4 = aadhaar.slice(8), sealKey = key) =>
      submission({ aadhaarLast4: last4, aadhaarSealed: await sealAadhaar(sealKey, aadhaar) });

    it('stores the last 4 digits and an HMAC, and the full number nowhere in the row', async () => {
      const g = await withAadhaar(VALID_AADHAAR);
      const [r] = await sync([g]);
      expect(r.status).toBe('created');
      const [row] = await db.query<{ aadhaar_last4: string; aadhaar_hash: string; whole: string }>(
        'SELECT aadhaar_last4, aadhaar_hash, g::text AS whole FROM grievances g WHERE client_id = $1', [g.clientId]);
      expect(row.aadhaar_last4).toBe('2346');
      expect(row.aadhaar_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.whole).not.toContain(VALID_AADHAAR);
      expect(row.whole).not.toContain(g.aadhaarSealed);
      const [{ n }] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM grievances g, settings s WHERE g::text LIKE '%' || $1 || '%' OR s::text LIKE '%' || $1 || '%'`,
        [VALID_AADHAAR]);
      expect(n).toBe(0);
    });

    it('gives the same citizen the same hash, so a repeat complainant can be recognised', async () => {
      const [a, b] = [await withAadhaar(VALID_AADHAAR), await withAadhaar(VALID_AADHAAR)];
      expect(a.aadhaarSealed).not.toBe(b.aadhaarSealed); // RSA-OAEP is randomised
      await sync([a, b]);
      const rows = await db.query<{ aadhaar_hash: string }>('SELECT aadhaar_hash FROM grievances');
      expect(rows).toHaveLength(2);
      expect(rows[0].aadhaar_hash).toBe(rows[1].aadhaar_hash);
    });

    it('treats a resend of the same sealed bytes as a duplicate', async () => {
      const g = await withAadhaar(VALID_AADHAAR);
      const [first] = await sync([g]);
      const [again] = await sync([g]);
      expect(again).toEqual({ ...first, status: 'duplicate' });
    });

    it('rejects, on aadhaarLast4, a number whose last 4 differ, whose check digit is wrong, or sealed with another key', async () => {
      const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
      const bad = [
        await withAadhaar(VALID_AADHAAR, '9999'),
        await withAadhaar(INVALID_AADHAAR),
        await withAadhaar('23412341234', '1234'), // 11 digits
        await withAadhaar(VALID_AADHAAR, '2346', otherKey),
        submission({ aadhaarLast4: '2346', aadhaarSealed: Buffer.from('not a ciphertext at all').toString('base64') }),
      ];
      const good = submission();
      const results = await sync([...bad, good]);
      for (const [i, r] of results.slice(0, bad.length).entries()) {
        expect(r, `record ${i}`).toEqual({
          clientId: bad[i].clientId, status: 'invalid',
          errors: [expect.objectContaining({ path: 'aadhaarLast4', code: 'err.aadhaar' })],
        });
      }
      expect(results.at(-1)?.status).toBe('created');
      expect(await countGrievances(db)).toBe(1);
    });

    it('rejects last 4 digits without the sealed number, and the reverse', async () => {
      const results = await sync([
        submission({ aadhaarLast4: '2346' }),
        submission({ aadhaarSealed: await sealAadhaar(key, VALID_AADHAAR) }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['invalid', 'invalid']);
      expect(await countGrievances(db)).toBe(0);
    });

    it('keeps its key pair across restarts of the app on the same database', async () => {
      const again = await startServer({ db });
      try {
        const config = ServerConfig.parse(await (await fetch(`${again.url}/api/config`)).json());
        expect(config.aadhaarKey).toBe(key);
      } finally {
        await again.close();
      }
    });
  });
}
