/**
 * The one-round-trip ingest (server/store/grievances.ts, issue 14): on PostgreSQL a batch whose reads are
 * done goes in as ONE query — the insert and every write that follows it, no BEGIN/COMMIT round trips —
 * and a batch that lost a race to a concurrent request rolls back whole (sampark_expect_rows, migration
 * 96) and is answered by the ordinary path, exactly once. On PGlite the ordinary path always runs.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadAadhaarVault } from '../../server/aadhaar/vault';
import type { Db } from '../../server/store/db';
import { createGrievanceStore, type GrievanceStore, type IngestHooks } from '../../server/store/grievances';
import { migrate } from '../../server/store/migrations';
import { submissions } from './fixtures';
import { BACKENDS, countGrievances, resetGrievances } from './harness';

const NOW = new Date('2026-11-28T12:00:00.000Z');
const RUN = Math.random().toString(36).slice(2, 8); // the audit log is append-only and shared: this run's actions only

for (const backend of BACKENDS) {
  describe.skipIf(!backend.enabled)(`ingest round trips on ${backend.name}`, () => {
    let raw: Db;
    let db: Db;
    let store: GrievanceStore;
    const seen = { transactions: 0, execs: 0 };

    beforeAll(async () => {
      raw = await backend.open();
      await migrate(raw);
      // Counts what reaches the database: transactions begun and simple-protocol queries.
      db = {
        kind: raw.kind, query: (sql, p) => raw.query(sql, p), close: () => raw.close(),
        exec: (sql) => { seen.execs++; return raw.exec(sql); },
        transaction: (fn) => { seen.transactions++; return raw.transaction(fn); },
      };
      store = createGrievanceStore(db, { vault: await loadAadhaarVault(raw), clock: () => NOW, oneQuery: true });
    });
    afterAll(async () => { await raw?.close(); });
    beforeEach(async () => {
      await resetGrievances(raw);
      seen.transactions = 0;
      seen.execs = 0;
    });

    /** Writes one audit entry per created grievance and one for the batch, as the sync route does. */
    const hooks = (label: string): IngestHooks => ({
      onCreated: async (tx, created) => {
        await tx.query(`INSERT INTO audit_log (at, action, target, details) SELECT now(), $1, n, '{}' FROM unnest($2::text[]) AS n`, [`${RUN}.${label}.created`, `{${created.map((c) => c.number).join(',')}}`]);
      },
      beforeCommit: async (tx, results) => {
        await tx.query(`INSERT INTO audit_log (at, action, target, details) VALUES (now(), $1, $2, $3::jsonb)`, [`${RUN}.${label}.batch`, label, JSON.stringify({ n: results.length })]);
      },
    });
    const audited = async (action: string) =>
      (await raw.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [`${RUN}.${action}`]))[0].n;

    it('stores a batch of 100 with everything that follows it, in one query on PostgreSQL', async () => {
      const batch = submissions(100);
      const results = await store.ingestBatch(batch, hooks('one'));
      expect(results.map((r) => r.status)).toEqual(batch.map(() => 'created'));
      expect(new Set(results.map((r) => (r as { number: string }).number)).size).toBe(100);
      expect(await countGrievances(raw)).toBe(100);
      expect(await audited('one.created')).toBe(100);
      expect(await audited('one.batch')).toBe(1);
      if (raw.kind === 'postgres') expect(seen).toEqual({ transactions: 0, execs: 1 });
      else expect(seen.transactions).toBe(1);
    });

    it('answers a batch that lost a race exactly once: the winner stored, the rest created, nothing written twice', async () => {
      const batch = submissions(10);
      // The batch's reads happen first (nothing stored yet), then a concurrent request stores one of its records.
      const ahead = store.readAhead(batch);
      await ahead;
      const [won] = await store.ingestBatch([batch[3]], hooks('winner'));
      expect(won.status).toBe('created');
      const results = await store.ingestBatch(batch, { ...hooks('late'), ahead });
      expect(results[3]).toEqual({ ...won, status: 'duplicate' });
      expect(results.filter((r) => r.status === 'created')).toHaveLength(9);
      expect(await countGrievances(raw)).toBe(10);
      expect(await audited('late.created')).toBe(9); // the rolled-back attempt left nothing behind
      expect(await audited('late.batch')).toBe(1);
      const numbers = results.map((r) => (r as { number: string }).number);
      expect(new Set(numbers).size).toBe(10);
    });

    it('takes the ordinary path for a batch that repeats a clientId', async () => {
      const [a, b] = submissions(2);
      const results = await store.ingestBatch([a, b, a], hooks('repeat'));
      expect(results.map((r) => r.status)).toEqual(['created', 'created', 'duplicate']);
      expect(await countGrievances(raw)).toBe(2);
      expect(seen.transactions).toBe(1);
    });
  });
}
