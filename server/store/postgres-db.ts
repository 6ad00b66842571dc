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

/** Connects a pool to `url` and checks that it answers. */
export async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
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
