/**
 * Slow clients against the real server (in this process, on an embedded database in a temp DATA_DIR):
 * 30 sync requests that send their headers and 10 bytes of body, then stall, at SYNC_MAX_INFLIGHT=4 and
 * REQUEST_TIMEOUT_S=5. Measures how many were admitted at once, how long until the server had ended all
 * 30, and that a normal sync then works.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulidx';
import { buildApp } from '../server/app';
import { upsertAccount } from '../server/store/accounts';
import { openDb } from '../server/store/open-db';
import { slowRequest } from '../tests/support/slow-client';

const OPERATOR = { id: 'slow-op', password: 'bench-password-1' };

/** A benchmark row, as bench/run.ts records it (not imported: run.ts imports this module). */
type Row = { name: string; value: number; unit: string; better: 'lower' | 'higher'; baseline?: { name: string; value: number } };

export async function slowClients(record: (r: Row) => void): Promise<void> {
  console.log('slow clients: 30 stalled sync requests, SYNC_MAX_INFLIGHT=4, REQUEST_TIMEOUT_S=5');
  const tmp = mkdtempSync(join(tmpdir(), 'sampark-bench-slow-'));
  const db = await openDb({ kind: 'embedded', dataDir: join(tmp, 'data') });
  let inFlight = 0;
  let most = 0;
  const app = await buildApp({
    db, logger: false, attachmentsDir: join(tmp, 'attachments'), security: { syncMaxInFlight: 4, requestTimeoutS: 5 },
    onLoadShedding: (e) => { inFlight = e.inFlight; most = Math.max(most, inFlight); },
  });
  try {
    await upsertAccount(db, { id: OPERATOR.id, name: 'Slow Operator', role: 'operator', kioskCode: 'K1023456' }, OPERATOR.password, new Date());
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const { accessToken } = (await (await post('/api/auth/login', { operatorId: OPERATOR.id, password: OPERATOR.password, deviceId: 'BENCH' })).json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };
    const record1 = (i: number) => ({
      clientId: ulid(), receiptNumber: `K1023456-261128-BENCH-${String(i).padStart(4, '0')}`, kioskCode: 'K1023456', deviceId: 'BENCH', operatorId: OPERATOR.id,
      createdAt: new Date().toISOString(), lang: 'hi', name: 'परिवादी', mobile: '9876543210', areaType: 'rural', districtCode: 'jaipur', departmentCode: 'phed',
      description: `शिकायत ${i}: गाँव में पीने का पानी नहीं आ रहा है।`, consent: true,
    });
    const t0 = performance.now();
    const held = Array.from({ length: 30 }, (_, i) => slowRequest(url, 'POST', '/api/sync/grievances', { 'content-type': 'application/json', ...auth }, JSON.stringify({ grievances: [record1(i)] })));
    await Promise.all(held.map((r) => r.closed));
    const ended = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const res = await post('/api/sync/grievances', { grievances: [record1(99)] }, auth);
    if (res.status !== 200) throw new Error(`sync after the slow clients answered ${res.status}`);
    record({ name: 'slow clients: most admitted at once (of 30, SYNC_MAX_INFLIGHT=4)', value: most, unit: 'requests', better: 'lower' });
    record({ name: 'slow clients: all 30 ended (REQUEST_TIMEOUT_S=5)', value: Math.round(ended * 10) / 10, unit: 's', better: 'lower', baseline: { name: 'REQUEST_TIMEOUT_S', value: 5 } });
    record({ name: 'slow clients: a normal sync afterwards', value: Math.round(performance.now() - t1), unit: 'ms', better: 'lower' });
  } finally {
    await app.close();
    await db.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
