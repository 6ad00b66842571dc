/**
 * Several writes sent as ONE statement. Under load each round trip to the database costs more than the
 * work it carries (issue 14: ~50 ms a statement on a busy 2-core machine), so the ingest collects the
 * INSERTs and UPDATEs that follow a batch (audit, events, lifecycles, notifications, attachment links)
 * and sends them together as data-modifying CTEs: `WITH w0 AS (INSERT …), w1 AS (UPDATE …) SELECT 1`.
 *
 * The collector is a Queryable, so the code that writes does not change. A write without RETURNING is
 * deferred; anything else (a read, or a write whose rows are wanted) first flushes what is pending and
 * then runs at once, so every statement still sees the writes made before it. All parts of one flush see
 * the same snapshot and run in no set order, so deferred writes must not depend on each other (none of the
 * batched ones do); repeats of one statement taking a JSON array (audit appends) become one, rows in order.
 */
import pg from 'pg';
import type { Queryable } from './db';

const DEFERRABLE = /^\s*(INSERT|UPDATE|DELETE)\b/i;
const isJsonArray = (v: unknown): v is string => typeof v === 'string' && v.startsWith('[') && v.endsWith(']');
/** Two JSON arrays (as text) as one, without parsing them again. */
const concatArrays = (a: string, b: string) => (a === '[]' ? b : b === '[]' ? a : `${a.slice(0, -1)},${b.slice(1)}`);

export interface WriteBatch extends Queryable {
  /** Sends what is pending (nothing when empty). */
  flush(): Promise<void>;
}

/** Thrown by recordWrites() for what it cannot record (a read, a parameter with no plain literal): nothing was sent. */
export class NotRecordable extends Error {}

/**
 * `readsAllowed: false`: a read (or a write with RETURNING) throws NotRecordable instead of running,
 * for callers that send the writes later in one go (recordWrites).
 */
export function writeBatch(target: Queryable, opts: { readsAllowed?: boolean } = {}): WriteBatch {
  let pending: { sql: string; params: readonly unknown[] }[] = []; // params replaced, never mutated

  async function flush(): Promise<void> {
    if (pending.length === 0) return;
    const parts = pending;
    pending = [];
    if (parts.length === 1) {
      await target.query(parts[0].sql, parts[0].params);
      return;
    }
    const params: unknown[] = [];
    const ctes = parts.map(({ sql, params: own }, i) => {
      const offset = params.length;
      params.push(...own);
      // $n → $(n + offset): the statements only use numbered parameters, never a `$` in a literal.
      return `w${i} AS (${sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})`;
    });
    await target.query(`WITH ${ctes.join(',\n')} SELECT 1`, params);
  }

  return {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
      if (DEFERRABLE.test(sql) && !/\bRETURNING\b/i.test(sql)) {
        // The same one-parameter statement again (e.g. two audit appends): one statement with both row sets,
        // in order; parts of one statement run in no set order, so the rows keep theirs only this way.
        const same = pending.find((p) => p.sql === sql && p.params.length === 1 && params.length === 1 && isJsonArray(p.params[0]) && isJsonArray(params[0]));
        if (same) same.params = [concatArrays(same.params[0] as string, params[0] as string)];
        else pending.push({ sql, params });
        return [];
      }
      if (opts.readsAllowed === false) throw new NotRecordable(`a read in a recorded write batch: ${sql.slice(0, 60)}`);
      await flush();
      return target.query<R>(sql, params);
    },
    async exec(sql: string) {
      if (opts.readsAllowed === false) throw new NotRecordable(`a read in a recorded write batch: ${sql.slice(0, 60)}`);
      await flush();
      await target.exec(sql);
    },
    flush,
  };
}

/**
 * A write batch that sends nothing: its writes become SQL text with the parameters written in as
 * literals (`sql()`), to go after other statements in ONE simple-protocol query, which PostgreSQL runs as
 * one implicit transaction (server/store/grievances.ts: the whole ingest of a batch in one round trip). A
 * read throws NotRecordable: the caller then takes the ordinary path.
 */
export function recordWrites(): WriteBatch & { sql(): string[] } {
  const statements: string[] = [];
  const recorder: Queryable = {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
      statements.push(inlineParams(sql, params));
      return [];
    },
    async exec(sql: string) { statements.push(sql); },
  };
  const batch = writeBatch(recorder, { readsAllowed: false });
  return { ...batch, sql: () => statements };
}

/**
 * A string as a dollar-quoted literal (`$q$…$q$`, nothing inside escaped: one native search instead of
 * escaping a 100 KB batch character by character), or escaped when it holds the tag.
 */
function quote(v: string): string {
  if (v.includes('\0')) throw new NotRecordable('a NUL character'); // cannot travel in query text; a parameter refuses it as data
  for (const tag of ['$q$', '$q1$', '$q2$']) if ((v + tag).indexOf(tag) === v.length) return `${tag}${v}${tag}`; // the closing tag is the first
  return pg.escapeLiteral(v);
}

/**
 * `$n` replaced by the n-th parameter as a quoted literal (type `unknown`, resolved from its context
 * as a parameter would be; NULL for null/undefined), in the text form `pg` would have sent.
 */
export function inlineParams(sql: string, params: readonly unknown[]): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const i = Number(n) - 1;
    if (i >= params.length) throw new Error(`no parameter $${n}`);
    const v = params[i];
    if (v === null || v === undefined) return 'NULL';
    if (typeof v === 'string') return quote(v);
    if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return `'${String(v)}'`;
    if (v instanceof Date) return `'${v.toISOString()}'`;
    throw new NotRecordable(`parameter $${n} of type ${typeof v}`); // arrays, buffers: the ordinary path
  });
}
