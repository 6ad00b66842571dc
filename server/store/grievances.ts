/**
 * Grievance persistence: ingesting synced batches exactly once, and reading everything back for export.
 *
 * Exactly once rests on the device's clientId (a ULID) being the primary key:
 *   1. clientIds already stored are answered from the stored row: `duplicate` when the content hash
 *      matches (a resend, e.g. after a lost response), `conflict` when it does not;
 *   2. the rest get official numbers from `grievance_seq` and go in with ONE set-based
 *      `INSERT … SELECT … FROM json_to_recordset($1) ON CONFLICT (client_id) DO NOTHING` (PERF-NOTES:
 *      ~7x faster than row by row; `json`, not `jsonb`: read once, so not worth converting, 2–4x less time);
 *   3. a record the insert skipped lost a race with a concurrent request (or repeats an earlier record of
 *      the same batch): it is answered from the winner's row, exactly like step 1. On PostgreSQL the
 *      insert waits for the competing transaction to commit, so that row is visible by then.
 * Sequence values drawn for a lost race are simply skipped: numbers have gaps, never repeats.
 */
import { maskAadhaar } from '../../src/domain/identity';
import { message } from '../../src/domain/messages';
import { grievanceNumber } from '../../src/domain/numbers';
import type { GrievanceSubmission, SyncResult } from '../../src/domain/schemas';
import type { AadhaarVault } from '../aadhaar/vault';
import { fieldError } from '../errors';
import { contentHash } from './content-hash';
import { type Db, isDataError, type Queryable } from './db';
import { inlineParams, NotRecordable, recordWrites, writeBatch } from './write-batch';

type NewRow = { client_id: string; seq: string; number: string; content_hash: string; received_at: string; aadhaar_hash: string | null };

/** Every column an ingest writes: name, SQL type, and its value from the submission. */
const COLUMNS: ReadonlyArray<readonly [string, string, (g: GrievanceSubmission, r: NewRow) => unknown]> = [
  ['client_id', 'text', (_, r) => r.client_id],
  ['seq', 'int8', (_, r) => r.seq],
  ['number', 'text', (_, r) => r.number],
  ['content_hash', 'text', (_, r) => r.content_hash],
  ['receipt_number', 'text', (g) => g.receiptNumber],
  ['kiosk_code', 'text', (g) => g.kioskCode],
  ['device_id', 'text', (g) => g.deviceId],
  ['operator_id', 'text', (g) => g.operatorId],
  ['department_code', 'text', (g) => g.departmentCode],
  ['category_code', 'text', (g) => g.categoryCode],
  ['district_code', 'text', (g) => g.districtCode],
  ['tehsil_code', 'text', (g) => g.tehsilCode],
  ['block_code', 'text', (g) => g.blockCode],
  ['gram_panchayat_code', 'text', (g) => g.gramPanchayatCode],
  ['village_code', 'text', (g) => g.villageCode],
  ['ward_code', 'text', (g) => g.wardCode],
  ['area_type', 'text', (g) => g.areaType],
  ['citizen_name', 'text', (g) => g.name],
  ['mobile', 'text', (g) => g.mobile],
  ['jan_aadhaar_id', 'text', (g) => g.janAadhaarId],
  ['aadhaar_last4', 'text', (g) => g.aadhaarLast4],
  ['aadhaar_hash', 'text', (_, r) => r.aadhaar_hash],
  ['address', 'text', (g) => g.address],
  ['pin', 'text', (g) => g.pin],
  ['description', 'text', (g) => g.description],
  ['lang', 'text', (g) => g.lang],
  ['created_at', 'timestamptz', (g) => g.createdAt],
  ['received_at', 'timestamptz', (_, r) => r.received_at],
  ['triage_model', 'text', (g) => g.triage?.modelVersion],
  ['triage_department', 'text', (g) => g.triage?.suggestedDepartment],
  ['triage_category', 'text', (g) => g.triage?.suggestedCategory],
  ['triage_confidence', 'real', (g) => g.triage?.confidence],
  ['triage_accepted', 'boolean', (g) => g.triage?.accepted],
  ['event_id', 'text', (g) => g.eventId],
];
const names = COLUMNS.map(([n]) => n).join(', ');
const INSERT_SQL = `
  INSERT INTO grievances (${names})
  SELECT ${names} FROM json_to_recordset($1::json) AS r(${COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ')})
  ON CONFLICT (client_id) DO NOTHING
  RETURNING client_id`;

/** An error PostgreSQL answered (a SQLSTATE), not one of the connection. */
const isSqlState = (err: unknown) => /^[0-9A-Z]{5}$/.test(String((err as { code?: unknown } | null)?.code));

type Stored = { client_id: string; number: string; content_hash: string; received_at: Date; kiosk_code: string };

async function findStored(q: Queryable, clientIds: string[]): Promise<Map<string, Stored>> {
  if (clientIds.length === 0) return new Map();
  const rows = await q.query<Stored>(
    'SELECT client_id, number, content_hash, received_at, kiosk_code FROM grievances WHERE client_id = ANY($1::text[])',
    [clientIds],
  );
  return new Map(rows.map((r) => [r.client_id, r]));
}

/** What an ingest reads before it writes: the stored rows of its clientIds, numbers for the rest, the caller's own reads. */
export interface ReadAhead { stored: Map<string, Stored>; seqs: string[]; prepared: unknown }

/**
 * One round trip for the stored rows and the numbers: a number is drawn for each distinct clientId not
 * stored yet (one `nextval` over `generate_series`); run alongside the caller's `prepare`. Numbers drawn
 * for a record that then goes nowhere (refused, or a lost race) are skipped: gaps, never repeats.
 */
async function readAhead(db: Queryable, records: readonly GrievanceSubmission[], prepare?: IngestHooks['prepare']): Promise<ReadAhead> {
  const ids = [...new Set(records.map((g) => g.clientId))];
  const [rows, prepared] = await Promise.all([
    ids.length === 0 ? [] : db.query<Stored & { seq: string | number | null }>(
      `WITH s AS (SELECT client_id, number, content_hash, received_at, kiosk_code FROM grievances WHERE client_id = ANY($1::text[]))
       SELECT client_id, number, content_hash, received_at, kiosk_code, NULL::int8 AS seq FROM s
       UNION ALL
       SELECT NULL, NULL, NULL, NULL, NULL, nextval('grievance_seq') FROM generate_series(1, cardinality($1::text[]) - (SELECT count(*)::int FROM s))`,
      [ids]),
    prepare?.(records),
  ]);
  const stored = new Map<string, Stored>();
  const seqs: string[] = [];
  for (const r of rows) {
    if (r.seq === null) stored.set(r.client_id, r);
    else seqs.push(String(r.seq)); // int8 arrives as a string from pg, a number from PGlite
  }
  return { stored, seqs, prepared };
}

/**
 * The answer for a record whose clientId is already stored. A clash with another kiosk's grievance (only
 * by malice: clientIds are random) is answered without that grievance's number.
 */
function answerFromStored(stored: Stored, hash: string, kioskCode: string): SyncResult {
  if (stored.kiosk_code !== kioskCode) return { clientId: stored.client_id, status: 'invalid', errors: [fieldError('clientId', 'api.conflict')] };
  if (stored.content_hash === hash)
    return { clientId: stored.client_id, status: 'duplicate', number: stored.number, receivedAt: stored.received_at.toISOString() };
  return {
    clientId: stored.client_id, status: 'conflict', number: stored.number,
    message: message('api.conflict', 'en'), messageHi: message('api.conflict', 'hi'),
  };
}

/** One grievance as `npm run admin -- export` prints it: codes and dates, personal data masked. */
export interface GrievanceExport {
  number: string;
  clientId: string;
  receiptNumber: string;
  kioskCode: string;
  departmentCode: string;
  categoryCode: string | null;
  districtCode: string;
  tehsilCode: string | null;
  blockCode: string | null;
  areaType: string;
  mobile: string; // masked: last 4 digits only
  aadhaar: string | null; // masked: last 4 digits only
  createdAt: string;
  receivedAt: string;
  status: string;
  outcome: string | null;
  satisfaction: string | null;
  /** The satisfaction was given with the citizen's own one-time code (by chat, or at another kiosk with it). */
  satisfactionVerified: boolean;
  reopenCount: number;
  attachments: { sha256: string; bytes: number; type: string }[];
  /** The camp or Sampark Diwas it was registered at (src/domain/events.ts); absent when none. */
  eventId?: string;
  /** How it came in: kiosk, open311 or chat. */
  channel: string;
}

type ExportRow = {
  number: string; client_id: string; receipt_number: string; kiosk_code: string; department_code: string;
  category_code: string | null; district_code: string; tehsil_code: string | null; block_code: string | null; area_type: string;
  mobile: string; aadhaar_last4: string | null; created_at: Date; received_at: Date; status: string;
  outcome: string | null; satisfaction: string | null; satisfaction_verified: boolean | null; reopen_count: number; channel: string;
  attachments: { sha256: string; bytes: number; type: string }[];
  event_id: string | null;
};

const toExport = (r: ExportRow): GrievanceExport => ({
  number: r.number,
  clientId: r.client_id,
  receiptNumber: r.receipt_number,
  kioskCode: r.kiosk_code,
  departmentCode: r.department_code,
  categoryCode: r.category_code,
  districtCode: r.district_code,
  tehsilCode: r.tehsil_code,
  blockCode: r.block_code,
  areaType: r.area_type,
  mobile: `XXXXXX${r.mobile.slice(-4)}`,
  aadhaar: r.aadhaar_last4 && maskAadhaar(r.aadhaar_last4),
  createdAt: r.created_at.toISOString(),
  receivedAt: r.received_at.toISOString(),
  status: r.status,
  outcome: r.outcome,
  satisfaction: r.satisfaction,
  satisfactionVerified: r.satisfaction_verified === true,
  reopenCount: r.reopen_count,
  attachments: r.attachments,
  ...(r.event_id && { eventId: r.event_id }),
  channel: r.channel,
});

/** A grievance this ingest created, for what must commit with it (the audit log). */
export interface Created { record: GrievanceSubmission; number: string; receivedAt: string }

/** What the caller of an ingest adds to it. */
export interface IngestHooks {
  /** Runs while the numbers are drawn, before the transaction (e.g. loading what routing needs); its result goes to onCreated. */
  prepare?(fresh: readonly GrievanceSubmission[]): Promise<unknown>;
  /**
   * Runs inside the inserting transaction, so what it writes commits or rolls back with the grievances.
   * `tx` defers writes without RETURNING and sends them with those of beforeCommit as one statement.
   */
  onCreated?(tx: Queryable, created: Created[], prepared: unknown): Promise<void>;
  /** Runs last inside the transaction, with every answer known (when nothing new came in there is no transaction: not called). */
  beforeCommit?(tx: Queryable, results: readonly SyncResult[]): Promise<void>;
  /**
   * The reads already started by `store.readAhead` over these records or more (e.g. before the caller's own
   * checks, alongside them); then `prepare` is not called again.
   */
  ahead?: Promise<ReadAhead>;
}

export interface GrievanceStore {
  /** Stores each record at most once; answers in the order given (see the module comment). */
  ingestBatch(records: readonly GrievanceSubmission[], hooks?: IngestHooks): Promise<SyncResult[]>;
  /** Starts the reads of an ingest of `records` (or fewer of them) early; pass the promise as `hooks.ahead`. */
  readAhead(records: readonly GrievanceSubmission[], prepare?: IngestHooks['prepare']): Promise<ReadAhead>;
  /** See exportAll() below. */
  exportAll(pageSize?: number): AsyncGenerator<GrievanceExport>;
}

/**
 * `oneQuery`: on PostgreSQL, send a batch's insert and the writes after it as one query (see inOneQuery
 * below). Default from INGEST_ONE_QUERY=on|off (off): it saves three round trips a batch, which pays
 * where the database is across a network; on one busy 2-core machine the round trips are cheap and its
 * larger query text cost slightly more CPU than it saved (README, Benchmarks).
 */
export function createGrievanceStore(db: Db, deps: { vault: AadhaarVault; clock?: () => Date; oneQuery?: boolean }): GrievanceStore {
  const clock = deps.clock ?? (() => new Date());
  const env = process.env.INGEST_ONE_QUERY || 'off';
  if (env !== 'on' && env !== 'off') throw new Error(`INGEST_ONE_QUERY must be on or off, not "${env}"`);
  const oneQuery = deps.oneQuery ?? env === 'on';

  async function ingestBatch(records: readonly GrievanceSubmission[], hooks: IngestHooks = {}): Promise<SyncResult[]> {
    const results: (SyncResult | undefined)[] = new Array(records.length);
    const hashes = records.map((g) => contentHash(g)); // the whole submission, sealed Aadhaar included
    // Resends skip decryption; the numbers and the caller's reads come in the same round trip.
    const ahead = await (hooks.ahead ?? readAhead(db, records, hooks.prepare));
    const before = ahead.stored;

    const fresh: { index: number; aadhaarHash: string | null }[] = [];
    const firstOf = new Set<string>();
    const later: number[] = []; // answered from the stored row after the insert
    for (const [i, g] of records.entries()) {
      const stored = before.get(g.clientId);
      if (stored) {
        results[i] = answerFromStored(stored, hashes[i], g.kioskCode);
      } else if (firstOf.has(g.clientId)) {
        later.push(i); // repeats a record earlier in this batch
      } else {
        const aadhaarHash = g.aadhaarSealed && g.aadhaarLast4 ? deps.vault.open(g.aadhaarSealed, g.aadhaarLast4) : null;
        if (g.aadhaarSealed && !aadhaarHash) {
          results[i] = { clientId: g.clientId, status: 'invalid', errors: [fieldError('aadhaarLast4', 'err.aadhaar')] };
          continue;
        }
        firstOf.add(g.clientId);
        fresh.push({ index: i, aadhaarHash });
      }
    }

    if (fresh.length > 0) {
      const receivedAt = clock();
      const { seqs, prepared } = ahead;
      if (seqs.length < fresh.length) throw new Error(`read-ahead drew ${seqs.length} numbers for ${fresh.length} new records`);
      const rows = fresh.map(({ index, aadhaarHash }, k) => {
        const g = records[index];
        const seq = seqs[k];
        const row: NewRow = {
          client_id: g.clientId,
          seq,
          number: grievanceNumber(receivedAt, g.districtCode, Number(seq)),
          content_hash: hashes[index],
          received_at: receivedAt.toISOString(),
          aadhaar_hash: aadhaarHash,
        };
        return Object.fromEntries(COLUMNS.map(([name, , value]) => [name, value(g, row) ?? null]));
      });
      /** Answers records that repeat an earlier one (or lost a race) from the stored row, or as their first was answered. */
      const answerLater = async (q: Queryable, indices: readonly number[]) => {
        if (indices.length === 0) return;
        const winners = await findStored(q, [...new Set(indices.map((i) => records[i].clientId))]);
        for (const i of indices) {
          const stored = winners.get(records[i].clientId);
          const first = records.findIndex((g) => g.clientId === records[i].clientId);
          results[i] = stored ? answerFromStored(stored, hashes[i], records[i].kioskCode) : { ...results[first]! };
        }
      };
      /** Inserts the fresh records `part` (indexes into `fresh`) in one transaction with the caller's hooks; `whole` ends the batch. */
      const insert = (part: readonly number[], whole: boolean) => db.transaction(async (tx) => {
        const inserted = new Set((await tx.query<{ client_id: string }>(INSERT_SQL, [JSON.stringify(part.map((k) => rows[k]))])).map((r) => r.client_id));
        const created: Created[] = [];
        const lost: number[] = [];
        for (const k of part) {
          const index = fresh[k].index;
          if (inserted.has(records[index].clientId)) {
            results[index] = { clientId: records[index].clientId, status: 'created', number: rows[k].number as string, receivedAt: receivedAt.toISOString() };
            created.push({ record: records[index], number: rows[k].number as string, receivedAt: receivedAt.toISOString() });
          } else lost.push(index); // lost a race with a concurrent request
        }
        await answerLater(tx, whole ? [...lost, ...later] : lost);
        const writes = writeBatch(tx);
        if (created.length > 0) await hooks.onCreated?.(writes, created, prepared);
        if (whole) await hooks.beforeCommit?.(writes, results as SyncResult[]);
        await writes.flush();
      });
      /**
       * On PostgreSQL, when nothing has to be read in between (no repeats within the batch), the insert and
       * all that follows it go as ONE simple-protocol query, which PostgreSQL runs as one implicit
       * transaction: one round trip instead of four (BEGIN, insert, writes, COMMIT). A batch that lost a race
       * (fewer rows in than sent: sampark_expect_rows, migration 96), a value the database refuses, or a
       * write that needs a read rolls back whole or never leaves; false, and the ordinary path below
       * follows with the same numbers (nothing committed used them).
       */
      const inOneQuery = async (): Promise<boolean> => {
        if (!oneQuery || db.kind !== 'postgres' || later.length > 0) return false;
        const at = receivedAt.toISOString();
        const created: Created[] = fresh.map(({ index }, k) => ({ record: records[index], number: rows[k].number as string, receivedAt: at }));
        fresh.forEach(({ index }, k) => (results[index] = { clientId: records[index].clientId, status: 'created', number: rows[k].number as string, receivedAt: at }));
        try {
          const writes = recordWrites();
          await hooks.onCreated?.(writes, created, prepared);
          await hooks.beforeCommit?.(writes, results as SyncResult[]);
          await writes.flush();
          const insertAll = inlineParams(`WITH ins AS (${INSERT_SQL}) SELECT sampark_expect_rows((SELECT count(*) FROM ins), $2::int8)`, [JSON.stringify(rows), fresh.length]);
          await db.exec([insertAll, ...writes.sql()].join(';\n'));
          return true;
        } catch (err) {
          if (err instanceof NotRecordable || isSqlState(err)) return false;
          throw err; // e.g. the connection broke: the device resends, and the resend is answered exactly once
        }
      };
      if (await inOneQuery()) return results as SyncResult[];
      try {
        await insert(fresh.map((_, k) => k), true);
      } catch (err) {
        // Second line of defence: a value the database refuses fails only its own record. Each record is
        // then stored in its own transaction, with the numbers drawn for it, and the batch's end after them.
        if (!isDataError(err)) throw err;
        for (const [k, f] of fresh.entries()) {
          try {
            await insert([k], false);
          } catch (e) {
            if (!isDataError(e)) throw e;
            results[f.index] = { clientId: records[f.index].clientId, status: 'invalid', errors: [fieldError('', 'err.unstorable')] };
          }
        }
        await db.transaction(async (tx) => {
          await answerLater(tx, later);
          const writes = writeBatch(tx);
          await hooks.beforeCommit?.(writes, results as SyncResult[]);
          await writes.flush();
        });
      }
    }
    return results as SyncResult[];
  }

  return { ingestBatch, readAhead: (records, prepare) => readAhead(db, records, prepare), exportAll: (pageSize) => exportAll(db, pageSize) };
}

/** Every grievance in the order it was numbered, read page by page so memory stays flat. */
export async function* exportAll(db: Queryable, pageSize = 500): AsyncGenerator<GrievanceExport> {
  let after = '0'; // keyset paging on seq: stable while rows are added, unlike OFFSET
  for (;;) {
    const page = await db.query<ExportRow & { seq: string | number }>(
      `SELECT seq, number, client_id, receipt_number, kiosk_code, department_code, category_code, district_code,
              tehsil_code, block_code, area_type, mobile, aadhaar_last4, created_at, received_at, status, outcome,
              satisfaction, satisfaction_verified, reopen_count, channel, event_id,
              (SELECT coalesce(jsonb_agg(jsonb_build_object('sha256', a.sha256, 'bytes', a.bytes, 'type', a.type) ORDER BY ga.position), '[]'::jsonb)
                 FROM grievance_attachments ga JOIN attachments a ON a.sha256 = ga.sha256
                WHERE ga.client_id = grievances.client_id) AS attachments
         FROM grievances WHERE seq > $1::int8 ORDER BY seq LIMIT $2::int`,
      [after, pageSize],
    );
    for (const r of page) yield toExport(r);
    if (page.length < pageSize) return;
    after = String(page[page.length - 1].seq);
  }
}
