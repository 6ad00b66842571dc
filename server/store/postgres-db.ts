/**
 * Db on PostgreSQL through a `pg` Pool. Each transaction takes its own pooled connection, so concurrent
 * requests really run concurrently here (unlike PGlite) and the SQL above must be safe under READ COMMITTED.
 */
import pg from 'pg';
import type { Db, Queryable } from './db';

type Conn = pg.Pool | pg.PoolClient;

const wrap = (c: Conn): Queryable => ({
  async query<R>(sql: string, params: readonly unknown[] = []) {
    return (await c.query(sql, [...params])).rows as R[];
  },
  async exec(sql: string) {
    await c.query(sql); // no parameters: the simple protocol, which allows several statements
  },
});

/**
 * Connections per process (PG_POOL_MAX, 20): a sync request reads on up to two at once before its
 * transaction, and SYNC_MAX_INFLIGHT of them run together. N processes hold up to N × this many.
 */
function poolMax(): number {
  const n = Number(process.env.PG_POOL_MAX || 20);
  if (!Number.isInteger(n) || n < 1) throw new Error(`PG_POOL_MAX must be a positive whole number, not "${process.env.PG_POOL_MAX}"`);
  return n;
}

/** Connects a pool to `url` and checks that it answers. */
export async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolMax(), application_name: `sampark-${process.pid}` }); // named: tests and operators can tell processes apart in pg_stat_activity
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', (err) => console.error('postgres: idle client error:', err.message));
  await pool.query('SELECT 1');
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined; // a connection that cannot even roll back is destroyed, not reused
      try {
        await client.query('BEGIN');
        const out = await fn(wrap(client));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch((e: Error) => (broken = e));
        throw err;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
