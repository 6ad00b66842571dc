/**
 * Property-based tests: fast-check throws hostile bodies at every route that takes one (wrong types,
 * huge and odd unicode strings, prototype-pollution keys, deep nesting, arrays where objects belong,
 * raw bytes, mutations of a valid body) as no one and as a signed-in operator, and hostile Authorization
 * headers at every route that needs one. The answer must be a 4xx JSON ApiError (or, where the input
 * happens to be acceptable, a 200 that changes nothing), never a 500; and no grievance, account or
 * session may be written.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogoutRequest } from '../../src/domain/accounts';
import { ApiError, SyncResponse } from '../../src/domain/schemas';
import { SimilarRequest, SimilarResponse } from '../../src/domain/duplicates';
import type { Db } from '../../server/store/db';
import { openMemoryDb } from '../support/pglite-template';
import { submission } from './fixtures';
import { operatorHeaders, startServer, type TestServer } from './harness';

const HOSTILE_KEYS = [
  '__proto__', 'constructor', 'prototype', '__defineGetter__', '__lookupSetter__', 'toString', 'valueOf', 'hasOwnProperty',
  'then', 'toJSON', '', ' ', '\u0000', '$where', 'grievances', 'operatorId', 'password', 'refreshToken', 'deviceId', 'role', 'kioskCode',
];
const ODD_STRINGS = [
  '', ' ', '\u0000', '\u202Eevil', '\uFEFF', 'स्वागत है', '😀'.repeat(500), "'; DROP TABLE accounts; --", '<script>alert(1)</script>',
  '../../etc/passwd', '%00', '${7*7}', '{{7*7}}', '1e309', '-0', 'NaN', 'null', 'K1023456', 'op.meena', 'rt1..', 'Bearer x',
  '\uD800', 'a\u0301\u0301\u0301', '९८७६५४३२१०',
];

const key = fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ unit: 'grapheme', maxLength: 12 }));
const leaf = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...ODD_STRINGS),
  fc.integer({ min: 2_000, max: 70_000 }).map((n) => 'क'.repeat(n)), // huge (3 bytes each in UTF-8)
  fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
  fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -1, 0, 1e308, -1e-308),
);
/** Any JSON value, with hostile keys as own properties (JSON.stringify writes them out). */
const tree: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.array(fc.tuple(key, tie('value')), { maxLength: 5 }).map((entries) => Object.fromEntries(entries)),
})).value;

/** Deeply nested JSON text, `inner` at the bottom. */
const deepText = (inner: string) =>
  fc.tuple(fc.integer({ min: 64, max: 20_000 }), fc.constantFrom('array', 'object')).map(([n, kind]) =>
    kind === 'array' ? `${'['.repeat(n)}${inner}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}${inner}${'}'.repeat(n)}`);

/** A body that is a valid one with one thing broken: a field replaced, dropped or added, or the whole wrapped. */
function mutationsOf(valid: Record<string, unknown>, nested?: { field: string; valid: () => Record<string, unknown> }) {
  const fields = Object.keys(valid);
  const mutateObject = (base: Record<string, unknown>, names: string[]): fc.Arbitrary<unknown> => fc.oneof(
    fc.tuple(key, tree).map(([k, v]) => Object.fromEntries([...Object.entries(base), [k, v]])),
    fc.constant([base] as unknown),
    fc.constant(Object.values(base) as unknown),
    ...(names.length === 0 ? [] : [
      fc.tuple(fc.constantFrom(...names), tree).map(([f, v]) => ({ ...base, [f]: v })),
      fc.constantFrom(...names).map((f) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== f))),
    ]),
  );
  const top = mutateObject(valid, fields);
  if (!nested) return top;
  const record = nested.valid();
  const inner = mutateObject(record, Object.keys(record)).map((r) => ({ ...valid, [nested.field]: [r] }));
  return fc.oneof(top, inner);
}

interface Target {
  route: string;
  valid: Record<string, unknown>;
  nested?: { field: string; valid: () => Record<string, unknown> };
  /** Whether a 200 was acceptable for this input and answer (it must still write nothing). */
  ok200(input: unknown, body: unknown): boolean;
}

/** Records of a kiosk the operator is not at: even a body that is all valid can store nothing. */
const foreignRecord = () => submission({ kioskCode: 'K9999999', operatorId: 'op.nobody' }) as unknown as Record<string, unknown>;

const TARGETS: Target[] = [
  { route: '/api/auth/login', valid: { operatorId: 'nobody.here', password: 'not the password', deviceId: 'ABCDE' }, ok200: () => false },
  { route: '/api/auth/refresh', valid: { refreshToken: `rt1.${'A'.repeat(22)}.${'B'.repeat(43)}`, deviceId: 'ABCDE' }, ok200: () => false },
  { route: '/api/auth/logout', valid: {}, ok200: (input) => input === undefined || LogoutRequest.safeParse(input).success },
  {
    // a duplicate check reads and writes only the audit log
    route: '/api/grievances/similar', valid: { mobile: '9876543210', text: 'गाँव में पीने का पानी नहीं आ रहा है' },
    ok200: (input, body) => SimilarRequest.safeParse(input).success && SimilarResponse.safeParse(body).success,
  },
  {
    route: '/api/sync/grievances', valid: { grievances: [foreignRecord()] }, nested: { field: 'grievances', valid: foreignRecord },
    ok200: (_input, body) => SyncResponse.safeParse(body).success && SyncResponse.parse(body).results.every((r) => r.status === 'invalid'),
  },
];

describe('hostile input', () => {
  let db: Db;
  let server: TestServer;
  let operator: Record<string, string>;
  let counts: () => Promise<string>;

  beforeAll(async () => {
    db = await openMemoryDb();
    server = await startServer({ db, security: { loginPerAddressPerMin: 1e6, apiPerAddressPerMin: 1e6, apiPerSessionPerMin: 1e6, similarPerAccountPerMin: 1e6 } });
    operator = await operatorHeaders(server, db);
    counts = async () => JSON.stringify(await db.query(
      `SELECT (SELECT count(*) FROM grievances)::int AS grievances, (SELECT count(*) FROM accounts)::int AS accounts,
              (SELECT count(*) FROM auth_sessions)::int AS sessions, (SELECT count(*) FROM auth_sessions WHERE revoked_at IS NULL AND id <> $1)::int AS others_live`,
      [sessionOf(operator)]));
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  /** The session id inside the operator's access token: logout may end it, nothing may touch the others. */
  const sessionOf = (headers: Record<string, string>) =>
    (JSON.parse(Buffer.from(headers.authorization.split(' ')[1].split('.')[1], 'base64url').toString()) as { sid: string }).sid;

  async function send(route: string, body: string | Uint8Array | undefined, headers: Record<string, string>, contentType = 'application/json') {
    return fetch(server.url + route, { method: 'POST', headers: { ...(body !== undefined && { 'content-type': contentType }), ...headers }, body });
  }

  /** The properties every answer must have. */
  async function check(target: Target, input: unknown, res: Response) {
    const text = await res.text();
    expect(res.status, text).toBeLessThan(500);
    let body: unknown;
    expect(() => (body = JSON.parse(text)), text.slice(0, 200)).not.toThrow();
    if (res.status === 200) {
      expect(target.ok200(input, body), `200 for ${JSON.stringify(input)?.slice(0, 300)}: ${text.slice(0, 300)}`).toBe(true);
    } else {
      expect(res.status).toBeGreaterThanOrEqual(400);
      const error = ApiError.safeParse(body);
      expect(error.success, text.slice(0, 300)).toBe(true);
      expect(text).not.toMatch(/\bat .*\.ts:\d|node_modules|SELECT |INSERT |syntax error at/);
    }
  }

  for (const target of TARGETS) {
    for (const as of ['no one', 'an operator'] as const) {
      describe(`POST ${target.route} as ${as}`, () => {
        const headers = () => (as === 'an operator' ? operator : {});

        it('answers any JSON value, hostile keys and huge strings included, with a 4xx ApiError and writes nothing', async () => {
          const before = await counts();
          await fc.assert(fc.asyncProperty(fc.oneof(tree, mutationsOf(target.valid, target.nested)), async (input) => {
            await check(target, input, await send(target.route, JSON.stringify(input), headers()));
          }), { numRuns: 120 });
          expect(await counts()).toBe(before);
        });

        it('answers deep nesting, raw bytes, broken JSON and other media types without a 500', async () => {
          const before = await counts();
          const raw = fc.oneof(
            deepText('1'),
            deepText('1').map((d) => JSON.stringify(target.valid).replace(/:(?:"[^"]*"|\{\}|\[[^\]]*\])/, `:${d}`)),
            fc.uint8Array({ maxLength: 2_000 }),
            fc.string({ unit: 'binary', maxLength: 200 }),
            fc.constantFrom('{', '[', '{"a":1,}', '{"a":1}{"b":2}', 'null', 'true', '""', '1e999999', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', '\uFEFF{}'),
          );
          const type = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'application/vnd.api+json');
          await fc.assert(fc.asyncProperty(raw, type, async (body, contentType) => {
            await check(target, undefined, await send(target.route, body, headers(), contentType));
          }), { numRuns: 60 });
          expect(await counts()).toBe(before);
        });
      });
    }
  }

  it('answers hostile Authorization headers on every route that needs a token with a 401, never a 500', async () => {
    const doc = (await (await server.get('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { security: Record<string, unknown>[] }>> };
    const guarded = Object.entries(doc.paths).flatMap(([path, ops]) => // routes taking a token (Open311's take an api_key instead)
      Object.entries(ops).filter(([, op]) => op.security.some((s) => 'bearer' in s)).map(([method]) => ({ method: method.toUpperCase(), path })));
    expect(guarded.length).toBeGreaterThanOrEqual(3);
    const latin1 = fc.string({ unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff })).map((c) => String.fromCharCode(c)), maxLength: 3000 });
    const header = fc.oneof(latin1, latin1.map((s) => `Bearer ${s}`), fc.constantFrom('Bearer', 'Bearer ', 'bearer at1..', `Bearer ${'a'.repeat(5000)}`, 'Bearer at1.e30.' + 'A'.repeat(43)));
    const before = await counts();
    await fc.assert(fc.asyncProperty(fc.constantFrom(...guarded), header, async ({ method, path }, authorization) => {
      const res = await fetch(server.url + path, {
        method, headers: { authorization: authorization.trim() || 'x', ...(method === 'POST' && { 'content-type': 'application/json' }) },
        body: method === 'POST' ? JSON.stringify(path.endsWith('/grievances') ? { grievances: [submission()] } : {}) : undefined,
      });
      expect(res.status).toBe(401);
      expect(ApiError.parse(await res.json()).error).toMatch(/^auth\.(invalid|required)$/);
    }), { numRuns: 150 });
    expect(await counts()).toBe(before);
  });
});
