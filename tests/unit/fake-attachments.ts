/**
 * The attachment routes of the server's protocol (src/domain/attachments.ts) in front of a fakeServer, for
 * the unit tests (the real routes are tested in tests/server): status, chunked PUT written at its offset
 * with the offset/overlap/hash/type refusals, and a sync endpoint that refuses a grievance whose files are
 * not complete (`err.attachmentMissing`). PUTs follow a schedule of faults.
 */
import { createHash } from 'node:crypto';
import { SNIFF_BYTES, sniffType } from '../../src/domain/attachment-sniff';
import { parseContentRange } from '../../src/domain/attachments';
import type { SyncResult } from '../../src/domain/schemas';
import type { fakeServer } from './fake-server';

export type UploadFault = 'ok' | 'network' | 'lost-after-commit' | '500' | '503-short' | '503-long' | '429' | '415' | 'garbage';

const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const problem = (status: number, error: string, headers: Record<string, string> = {}) =>
  Response.json({ error, message: `${error} (en)`, messageHi: `${error} (hi)` }, { status, headers });

export function withAttachments(inner: ReturnType<typeof fakeServer>, schedule: UploadFault[] = []) {
  const partial = new Map<string, Uint8Array>();
  const complete = new Map<string, { bytes: Uint8Array; type: string }>();
  /** Files the server "loses" when the next sync request names them (to provoke err.attachmentMissing). */
  const loseOnSync = new Set<string>();
  const puts: { sha: string; range: string; fault: UploadFault; bytes: number }[] = [];
  let statusCalls = 0;

  const statusOf = (sha: string) => {
    const c = complete.get(sha);
    if (c) return { sha256: sha, state: 'complete', received: c.bytes.length, bytes: c.bytes.length, type: c.type };
    const have = partial.get(sha)?.length ?? 0;
    return { sha256: sha, state: have ? 'partial' : 'absent', received: have };
  };

  /** Writes a chunk as the server does; a Response when refused. */
  function commit(sha: string, range: { start: number; end: number; total: number }, body: Uint8Array): Response | null {
    if (complete.has(sha)) return null;
    const have = partial.get(sha) ?? new Uint8Array(0);
    if (range.start > have.length) return problem(409, 'err.attachmentOffset');
    const overlap = Math.min(have.length, range.start + body.length) - range.start;
    for (let i = 0; i < overlap; i++) if (have[range.start + i] !== body[i]) { partial.delete(sha); return problem(409, 'err.attachmentOverlap'); }
    const next = new Uint8Array(Math.max(have.length, range.start + body.length));
    next.set(have);
    next.set(body, range.start);
    partial.set(sha, next);
    if (next.length < range.total) return null;
    partial.delete(sha);
    if (hex(next) !== sha) return problem(422, 'err.attachmentHash');
    const type = sniffType(next.subarray(0, SNIFF_BYTES));
    if (!type) return problem(415, 'err.attachmentType');
    complete.set(sha, { bytes: next, type });
    return null;
  }

  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://kiosk.test');
    const m = /^\/api\/attachments\/([0-9a-f]{64})(\/status)?$/.exec(url.pathname);
    if (m) {
      if (!new Headers(init?.headers).get('authorization')) return problem(401, 'auth.required');
      const sha = m[1];
      if (m[2]) { statusCalls++; return Response.json(statusOf(sha)); }
      const fault = schedule.shift() ?? 'ok';
      const body = new Uint8Array(await (init!.body as Blob).arrayBuffer());
      const header = new Headers(init?.headers).get('content-range') ?? '';
      puts.push({ sha, range: header, fault, bytes: body.length });
      if (fault === 'network') throw new TypeError('Failed to fetch');
      if (fault === '500') return problem(500, 'api.internal');
      if (fault === '503-short') return problem(503, 'api.busy', { 'retry-after': '1' });
      if (fault === '503-long') return problem(503, 'api.busy', { 'retry-after': '600' });
      if (fault === '429') return problem(429, 'api.rateLimited', { 'retry-after': '1' });
      if (fault === '415') return problem(415, 'err.attachmentType');
      const range = parseContentRange(header);
      if (!range || range.end - range.start + 1 !== body.length) return problem(400, 'err.attachmentRange');
      const refused = commit(sha, range, body);
      if (refused) return refused;
      if (fault === 'lost-after-commit') throw new TypeError('connection reset after commit');
      if (fault === 'garbage') return new Response('{"state":"yes"}', { status: 200 });
      return Response.json(statusOf(sha));
    }
    if (url.pathname === '/api/sync/grievances' && init?.body) {
      const { grievances } = JSON.parse(String(init.body)) as { grievances: { clientId: string; attachments?: { sha256: string; bytes: number }[] }[] };
      for (const g of grievances) for (const a of g.attachments ?? []) if (loseOnSync.delete(a.sha256)) complete.delete(a.sha256);
      const missing = grievances.map((g) => (g.attachments ?? []).some((a) => complete.get(a.sha256)?.bytes.length !== a.bytes));
      if (!missing.some(Boolean)) return inner.fetch(input, init);
      const present = grievances.filter((_, i) => !missing[i]);
      let answered: SyncResult[] = [];
      if (present.length) {
        const res = await inner.fetch(input, { ...init, body: JSON.stringify({ grievances: present }) });
        if (!res.ok) return res;
        answered = ((await res.json()) as { results: SyncResult[] }).results;
      }
      const results = grievances.map((g, i): SyncResult => (missing[i]
        ? { clientId: g.clientId, status: 'invalid', errors: [{ path: 'attachments', code: 'err.attachmentMissing', message: 'missing', messageHi: 'नहीं मिला' }] }
        : answered.shift()!));
      return Response.json({ results });
    }
    return inner.fetch(input, init);
  };

  return {
    fetch: fetch as typeof globalThis.fetch, partial, complete, loseOnSync, puts,
    statusCalls: () => statusCalls,
    /** Body bytes of every PUT, faulted ones included. */
    bytesSent: () => puts.reduce((n, p) => n + p.bytes, 0),
  };
}
