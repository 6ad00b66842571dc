/**
 * The citizen assistant's reply time on the server (issue 13 target: p95 ≤ 50 ms, the notification send
 * excluded): the real server in this process on an embedded database in a temp DATA_DIR, no notification
 * sender (codes stay queued; read from the outbox). 30 conversations over loopback HTTP, each: hello, a
 * common question, a problem described (triage), a status asked with number and mobile (a code issued),
 * the code (checked, status told). Baseline: GET /api/health on the same server.
 * Run alone: `npx tsx bench/chat.ts`; `npm run bench` runs it as `chat`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulidx';
import { buildApp } from '../server/app';
import { upsertAccount } from '../server/store/accounts';
import { openDb } from '../server/store/open-db';
import { receiptNumber } from '../src/domain/numbers';

type Row = { name: string; value: number; unit: string; better: 'lower' | 'higher'; baseline?: { name: string; value: number } };
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };
const round = (x: number) => Math.round(x * 100) / 100;

export async function chatBench(record: (r: Row) => void, conversations = 30): Promise<void> {
  console.log(`citizen assistant: ${conversations} conversations × 5 messages over HTTP, embedded database`);
  const tmp = mkdtempSync(join(tmpdir(), 'sampark-bench-chat-'));
  const db = await openDb({ kind: 'embedded', dataDir: join(tmp, 'data') });
  const app = await buildApp({ db, logger: false, attachmentsDir: join(tmp, 'attachments'), security: { apiPerAddressPerMin: 1_000_000 }, chat: { perAddressPerMin: 1_000_000, perConversationPerMin: 1000 } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    // One grievance per conversation, registered through the kiosk's sync route.
    await upsertAccount(db, { id: 'bench-chat-op', name: 'Bench', role: 'operator', kioskCode: 'K1023456' }, 'bench-password-1', new Date());
    const login = await (await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operatorId: 'bench-chat-op', password: 'bench-password-1', deviceId: 'BNCH1' }) })).json() as { accessToken: string };
    const mobiles = Array.from({ length: conversations }, (_, i) => `98290${String(10000 + i).padStart(5, '0')}`);
    const created = new Date();
    const sync = await (await fetch(`${url}/api/sync/grievances`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${login.accessToken}` },
      body: JSON.stringify({ grievances: mobiles.map((mobile, i) => ({
        clientId: ulid(), receiptNumber: receiptNumber('K1023456', created, 'BNCH1', i + 1), kioskCode: 'K1023456', deviceId: 'BNCH1', operatorId: 'bench-chat-op',
        createdAt: created.toISOString(), lang: 'hi', name: 'सुनीता देवी', mobile, areaType: 'rural', districtCode: 'jaipur', departmentCode: 'phed',
        description: 'गाँव में पंद्रह दिनों से पीने का पानी नहीं आ रहा है।', consent: true,
      })) }),
    })).json() as { results: { number: string }[] };
    const times: Record<string, number[]> = { hello: [], faq: [], describe: [], status: [], code: [] };
    const post = async (kind: string, conversationId: string, text: string) => {
      const t0 = performance.now();
      const res = await fetch(`${url}/api/chat/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ conversationId, text, lang: 'en' }) });
      await res.json();
      times[kind].push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`chat answered ${res.status}`);
    };
    for (let i = 0; i < conversations; i++) {
      const id = `bench-${i}-${ulid()}`;
      await post('hello', id, 'hello');
      await post('faq', id, 'which documents do I need?');
      await post('describe', id, 'no electricity in our village for five days, transformer burnt');
      await post('status', id, `status ${sync.results[i].number} mobile ${mobiles[i]}`);
      const [row] = await db.query<{ body: string }>("SELECT body FROM notifications WHERE kind = 'otp' AND grievance_number = $1 ORDER BY id DESC LIMIT 1", [sync.results[i].number]);
      await post('code', id, row.body.match(/(?<!\d)\d{6}(?!\d)/)![0]);
    }
    const health: number[] = [];
    for (let i = 0; i < conversations * 5; i++) {
      const t0 = performance.now();
      await (await fetch(`${url}/api/health`)).json();
      health.push(performance.now() - t0);
    }
    const all = Object.values(times).flat();
    const baseline = { name: 'GET /api/health p95 ms', value: round(pct(health, 95)) };
    record({ name: 'chat reply p95 ms (all messages)', value: round(pct(all, 95)), unit: 'ms', better: 'lower', baseline });
    record({ name: 'chat reply p50 ms (all messages)', value: round(pct(all, 50)), unit: 'ms', better: 'lower' });
    for (const [kind, xs] of Object.entries(times)) record({ name: `chat reply p95 ms (${kind})`, value: round(pct(xs, 95)), unit: 'ms', better: 'lower' });
  } finally {
    await app.close();
    await db.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await chatBench((r) => console.log(`  ${r.name}: ${r.value} ${r.unit}${r.baseline ? `  (baseline ${r.baseline.name}: ${r.baseline.value})` : ''}`));
}
