/**
 * A Db whose SQL runs in the server process, over the admin socket (../admin-socket.ts): what the CLI uses
 * on the embedded database while a server holds it. Requests go one at a time, like a single connection.
 */
import { connect, type Socket } from 'node:net';
import { type AdminReply, type AdminRequest, frameReader, writeFrame } from '../admin-socket';
import type { Db, Queryable } from '../store/db';

export async function connectAdminSocket(path: string): Promise<Db> {
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = connect(path, () => resolve(s));
    s.once('error', reject);
  });
  let next = 1;
  const waiting = new Map<number, { resolve(rows: unknown[]): void; reject(err: Error): void }>();
  let closedWith: Error | null = null;
  socket.on('data', frameReader((raw) => {
    const m = raw as AdminReply;
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error) w?.reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
    else w?.resolve(m.rows ?? []);
  }));
  const fail = (err: Error) => {
    closedWith = err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  socket.on('error', fail);
  socket.on('close', () => fail(new Error('the server closed the admin connection')));

  const send = (op: AdminRequest['op'], sql?: string, params?: readonly unknown[]) => new Promise<unknown[]>((resolve, reject) => {
    if (closedWith) return reject(closedWith);
    const id = next++;
    waiting.set(id, { resolve, reject });
    writeFrame(socket, { id, op, sql, params: params ? [...params] : undefined } satisfies AdminRequest);
  });
  const q: Queryable = {
    query: async <R>(sql: string, params?: readonly unknown[]) => (await send('query', sql, params)) as R[],
    exec: async (sql: string) => { await send('exec', sql); },
  };
  let inTx: Promise<unknown> = Promise.resolve();
  return {
    kind: 'pglite',
    ...q,
    async transaction(fn) {
      // One connection holds one transaction: a second waits for the first to end.
      const run = inTx.then(async () => {
        await send('begin');
        try {
          const out = await fn(q);
          await send('commit');
          return out;
        } catch (err) {
          await send('rollback').catch(() => undefined);
          throw err;
        }
      });
      inTx = run.catch(() => undefined);
      return run;
    },
    async close() {
      await new Promise<void>((resolve) => { socket.end(() => resolve()); });
    },
  };
}
