import { openMemoryDb } from './tests/support/pglite-template';
import { openDb } from './server/store/open-db';
import { migrate } from './server/store/migrations';
process.env.SAMPARK_TEST_PGLITE_TEMPLATE = '.tmp/pglite-migrated.tar';
const r: Record<string, number[]> = { tpl: [], fresh: [] };
for (let i = 0; i < 5; i++) {
  let a = performance.now(); let db = await openMemoryDb(); await db.query('select 1'); r.tpl.push(performance.now() - a); await db.close();
  a = performance.now(); db = await openDb({ kind: 'memory' }); await migrate(db); r.fresh.push(performance.now() - a); await db.close();
}
console.log(JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.map((x) => Math.round(x))]))));
