/**
 * Camp mode's hand-over file (issue 12 targets): 500 grievances with 200 photos (~190 KB each, the size the
 * app's compression gives a 12 MP photo).
 * - export: in headless Chromium, the device's work on that data: read each photo Blob, base64 it, write the
 *   canonical JSON and sign it with a non-extractable ECDSA P-256 key (src/domain/handover.ts's own
 *   functions, run in the page). Target ≤ 10 s.
 * - import: POST /api/handover of that file to the real server on loopback (embedded database on disk):
 *   verify, store 200 files, ingest 500 grievances exactly once. Target ≤ 30 s. Then the same file again
 *   (all duplicates).
 */
import { chromium } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../server/app';
import { upsertAccount } from '../server/store/accounts';
import { openDb } from '../server/store/open-db';
import { bytesToBase64, canonicalJson, ECDSA, HANDOVER_FORMAT, HANDOVER_MEDIA_TYPE, keyIdOf, signHandover, type HandoverBody } from '../src/domain/handover';
import { png, sha256 } from '../tests/server/attachment-files';
import { DEVICE, submission } from '../tests/server/fixtures';

type Row = { name: string; value: number; unit: string; better: 'lower' | 'higher'; baseline?: { name: string; value: number } };

const GRIEVANCES = 500;
const PHOTOS = 200;

export async function handoverBench(record: (r: Row) => void): Promise<void> {
  console.log(`hand-over file: ${GRIEVANCES} grievances, ${PHOTOS} photos`);
  const tmp = mkdtempSync(join(tmpdir(), 'sampark-bench-handover-'));
  const db = await openDb({ kind: 'embedded', dataDir: join(tmp, 'data') });
  const app = await buildApp({ db, logger: false, attachmentsDir: join(tmp, 'attachments') });
  try {
    await upsertAccount(db, { id: 'op.meena', name: 'Meena', role: 'operator', kioskCode: 'K1023456' }, 'bench-password-1', new Date());
    await upsertAccount(db, { id: 'op.asha', name: 'Asha', role: 'operator', kioskCode: 'K2000001' }, 'bench-password-1', new Date());
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const login = async (id: string, deviceId: string) => {
      const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operatorId: id, password: 'bench-password-1', deviceId }) });
      return { authorization: `Bearer ${((await res.json()) as { accessToken: string }).accessToken}` };
    };
    const camp = await login('op.meena', DEVICE);
    const office = await login('op.asha', '0FF1C');

    // The export's own work, in Chromium, on data of the same shape and size.
    const executablePath = process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
    const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      await page.goto(`${url}/api/health`); // any page of a secure (loopback) origin: WebCrypto needs one
      const records = Array.from({ length: GRIEVANCES }, () => submission());
      const ms = await page.evaluate(async ({ records, photos, fns }) => {
        const canonical = new Function(`return ${fns.canonical}`)() as (v: unknown) => string;
        const b64 = new Function(`return ${fns.b64}`)() as (b: Uint8Array) => string;
        const blobs = Array.from({ length: photos }, () => {
          const b = new Uint8Array(190 * 1024);
          for (let i = 0; i < b.length; i += 65536) crypto.getRandomValues(b.subarray(i, i + 65536));
          return new Blob([b], { type: 'image/jpeg' });
        });
        const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
        const t0 = performance.now();
        const attachments = [];
        for (const [i, blob] of blobs.entries()) attachments.push({ sha256: i.toString(16).padStart(64, '0'), type: 'image/jpeg', data: b64(new Uint8Array(await blob.arrayBuffer())) });
        const body = { format: 'sampark-handover/1', grievances: records, attachments, actions: [] };
        const bodyText = canonical(body); // as signHandover: one canonical pass, the signature appended as the last member
        const sig = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, new TextEncoder().encode(bodyText)));
        const text = `${bodyText.slice(0, -1)},"signature":"${b64(sig)}"}`;
        const file = new Blob([text], { type: 'application/json' });
        return { ms: performance.now() - t0, bytes: file.size };
      }, { records, photos: PHOTOS, fns: { canonical: canonicalJson.toString(), b64: bytesToBase64.toString() } });
      record({ name: `hand-over export in Chromium (${GRIEVANCES} grievances, ${PHOTOS} photos of 190 KiB; ${(ms.bytes / 1048576).toFixed(0)} MiB file)`, value: Math.round(ms.ms), unit: 'ms', better: 'lower' });
    } finally {
      await browser.close();
    }

    // The import on loopback: a real file from a registered key.
    const pair = await crypto.subtle.generateKey(ECDSA, false, ['sign', 'verify']);
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
    await fetch(`${url}/api/devices/key`, { method: 'POST', headers: { 'content-type': 'application/json', ...camp }, body: JSON.stringify({ publicKey: bytesToBase64(spki) }) });
    const photos = Array.from({ length: PHOTOS }, () => png(252, 252)); // ~186 KiB each, valid images
    const grievances = Array.from({ length: GRIEVANCES }, (_, i) => i < PHOTOS
      ? submission({ attachments: [{ sha256: sha256(photos[i]), bytes: photos[i].length, type: 'image/png' }] })
      : submission());
    const body: HandoverBody = {
      format: HANDOVER_FORMAT, kioskCode: 'K1023456', deviceId: DEVICE, keyId: await keyIdOf(spki), exportedAt: new Date().toISOString(),
      exportedBy: 'op.meena', grievances, attachments: photos.map((p) => ({ sha256: sha256(p), type: 'image/png' as const, data: bytesToBase64(p) })), actions: [],
    };
    const text = await signHandover(body, pair.privateKey);
    const post = async () => {
      const t0 = performance.now();
      const res = await fetch(`${url}/api/handover`, { method: 'POST', headers: { 'content-type': HANDOVER_MEDIA_TYPE, ...office }, body: text });
      const answer = (await res.json()) as { counts?: Record<string, number> };
      if (res.status !== 200) throw new Error(`import answered ${res.status}: ${JSON.stringify(answer)}`);
      return { ms: performance.now() - t0, counts: answer.counts! };
    };
    const first = await post();
    if (first.counts.created !== GRIEVANCES) throw new Error(`expected ${GRIEVANCES} created, got ${JSON.stringify(first.counts)}`);
    record({ name: `hand-over import and replay on loopback (${GRIEVANCES} grievances, ${PHOTOS} photos; ${(text.length / 1048576).toFixed(0)} MiB)`, value: Math.round(first.ms), unit: 'ms', better: 'lower' });
    const again = await post();
    if (again.counts.duplicate !== GRIEVANCES) throw new Error(`expected all duplicates, got ${JSON.stringify(again.counts)}`);
    record({ name: 'hand-over import of the same file again (all duplicate)', value: Math.round(again.ms), unit: 'ms', better: 'lower', baseline: { name: 'first import', value: Math.round(first.ms) } });
  } finally {
    await app.close();
    await db.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
