import { buildApp } from '../server/app';
import { openDb } from '../server/store/open-db';
import type { Db, Queryable } from '../server/store/db';
import { freshDatabase } from '../tests/support/server-process';
import { makeKiosks, runStorm, signInAll } from '../tests/support/storm';
const fresh = await freshDatabase('postgres://postgres@127.0.0.1:54330/sampark_h5', 'prof');
const raw = await openDb({ kind: 'postgres', url: fresh.url });
const stats = new Map<string, { n: number; ms: number }>();
const timed = (q: Queryable): Queryable => ({
  async query(sql, params) { const t = performance.now(); try { return await q.query(sql, params); } finally { const k = sql.replace(/\s+/g, ' ').trim().slice(0, 70); const s = stats.get(k) ?? { n: 0, ms: 0 }; s.n++; s.ms += performance.now() - t; stats.set(k, s); } },
  exec: (s) => q.exec(s),
});
let txn = { n: 0, ms: 0 };
const db: Db = { kind: raw.kind, ...timed(raw), transaction: async (fn) => { const t = performance.now(); try { return await raw.transaction((tx) => fn(timed(tx))); } finally { txn.n++; txn.ms += performance.now() - t; } }, close: () => raw.close() };
const app = await buildApp({ db, logger: false, security: { loginPerAddressPerMin: 10000 } });
await app.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${(app.server.address() as any).port}`;
const kiosks = await makeKiosks(raw, 4, 1000);
await signInAll(kiosks, [url]);
stats.clear();
const r = await runStorm({ kiosks, urls: [url] });
console.log('rate', 4000 / (r.elapsedMs / 1000), 'shed', r.shed, 'requests', r.requests, 'elapsed', r.elapsedMs);
console.log('txn', txn);
for (const [k, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms)) console.log(s.n, Math.round(s.ms), (s.ms / s.n).toFixed(1), k);
await app.close(); await raw.close(); await fresh.drop();
