/**
 * The admin socket: how `npm run admin` works beside a running server on the embedded database. PGlite
 * lives inside the server process, so a second process must not open DATA_DIR; instead the server listens
 * on the unix socket DATA_DIR/admin.sock (mode 0600: only the account that owns DATA_DIR, which could
 * read the database files anyway) and runs the CLI's SQL on its own open database. Every admin command
 * thus works unchanged with the server running or not (server/cli/open-database.ts picks the way).
 *
 * Protocol: frames of a 4-byte length and a v8-serialized message (Dates and big numbers survive, as with
 * a local database). The client sends { id, op: 'query' | 'exec' | 'begin' | 'commit' | 'rollback', sql?,
 * params? } one at a time; the server answers { id, rows } or { id, error }. Between begin and commit the
 * connection holds a real transaction (so the server's own requests wait, as they would for any
 * transaction on PGlite); a connection that closes inside one rolls it back.
 */
import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Db, Queryable } from './store/db';

export const adminSocketPath = (dataDir: string) => join(dataDir, 'admin.sock');

export type AdminRequest = { id: number; op: 'query' | 'exec' | 'begin' | 'commit' | 'rollback'; sql?: string; params?: unknown[] };
export type AdminReply = { id: number; rows?: unknown[]; error?: { message: string; code?: string } };

/** Splits a byte stream into frames and hands each decoded message to `onMessage`. */
export function frameReader(onMessage: (m: unknown) => void): (chunk: Buffer) => void {
  let buf = Buffer.alloc(0);
  return (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    while (buf.length >= 4) {
      const len = buf.readUInt32BE(0);
      if (buf.length < 4 + len) return;
      const body = buf.subarray(4, 4 + len);
      buf = buf.subarray(4 + len);
      onMessage(deserialize(body));
    }
  };
}

export function writeFrame(socket: Socket, message: unknown): void {
  const body = serialize(message);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length, 0);
  socket.write(Buffer.concat([head, body]));
}

/** One CLI connection: its requests in order, and its transaction if one is open. */
function serveConnection(db: Db, socket: Socket): void {
  let chain: Promise<unknown> = Promise.resolve();
  let tx: { q: Queryable; end(commit: boolean): void; done: Promise<unknown> } | null = null;

  const begin = () => new Promise<void>((ready, failed) => {
    let end!: (commit: boolean) => void;
    const decided = new Promise<boolean>((r) => (end = r));
    const done = db.transaction(async (q) => {
      tx = { q, end, done };
      ready();
      if (!(await decided)) throw new Rollback();
    }).catch((err: unknown) => { if (!(err instanceof Rollback)) throw err; });
    done.catch(failed);
  });
  const finish = async (commit: boolean) => {
    const t = tx;
    if (!t) throw new Error('no transaction is open');
    tx = null;
    t.end(commit);
    await t.done;
  };

  const handle = async (m: AdminRequest): Promise<unknown[]> => {
    const q = tx?.q ?? db;
    switch (m.op) {
      case 'query': return q.query(m.sql!, m.params ?? []);
      case 'exec': await q.exec(m.sql!); return [];
      case 'begin': if (tx) throw new Error('a transaction is already open'); await begin(); return [];
      case 'commit': await finish(true); return [];
      case 'rollback': await finish(false); return [];
    }
  };

  socket.on('data', frameReader((raw) => {
    const m = raw as AdminRequest;
    chain = chain.then(() => handle(m)).then(
      (rows) => writeFrame(socket, { id: m.id, rows } satisfies AdminReply),
      (err: unknown) => writeFrame(socket, { id: m.id, error: { message: err instanceof Error ? err.message : String(err), code: (err as { code?: string })?.code } } satisfies AdminReply),
    );
  }));
  socket.on('error', () => undefined); // a CLI killed mid-command: its transaction is rolled back below
  socket.on('close', () => { if (tx) void finish(false).catch(() => undefined); });
}

class Rollback extends Error {}

/** Listens on DATA_DIR/admin.sock (replacing a socket file left by a previous run: the DATA_DIR lock is ours). */
export async function serveAdminSocket(db: Db, dataDir: string): Promise<{ close(): Promise<void> }> {
  const path = adminSocketPath(dataDir);
  if (existsSync(path)) unlinkSync(path);
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(db, socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  chmodSync(path, 0o600);
  return {
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of sockets) s.destroy(); // before the database closes
      if (existsSync(path)) unlinkSync(path);
    }),
  };
}
