/** Bad requests get a 4xx ApiError (message key, English, Hindi, fields) and write nothing; never a 500. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, MAX_BATCH } from '../../src/domain/schemas';
import type { Db } from '../../server/store/db';
import { openMemoryDb } from '../support/pglite-template';
import { SYNC_BODY_LIMIT } from '../../server/routes/sync-grievances';
import { submission, submissions } from './fixtures';
import { bearer, countGrievances, MEENA, operatorHeaders, resetGrievances, signIn, startServer, type TestServer } from './harness';

const SYNC = '/api/sync/grievances';

describe('API errors', () => {
  let db: Db;
  let server: TestServer;
  let auth: Record<string, string>;
  /** POSTs as the signed-in operator, as a kiosk's sync does. */
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) => server.post(path, body, { ...auth, ...headers });

  beforeAll(async () => {
    db = await openMemoryDb();
    server = await startServer({ db });
    auth = await operatorHeaders(server, db);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });
  beforeEach(() => resetGrievances(db));

  /** The answer must be a well-formed ApiError in both languages, and nothing may have been stored. */
  async function expectError(res: Response, status: number, key: string) {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = ApiError.parse(await res.json());
    expect(body.error).toBe(key);
    expect(body.message).not.toBe('');
    expect(body.messageHi).toMatch(/[\u0900-\u097F]/);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|stack|SELECT|INSERT/i);
    expect(await countGrievances(db)).toBe(0);
    return body;
  }
  const fieldsOf = (body: ApiError) => body.fields?.map((f) => [f.path, f.code]);

  it('rejects malformed JSON with 400', async () => {
    await expectError(await post(SYNC, '{"grievances": [{"clientId": '), 400, 'api.badJson');
    await expectError(await post(SYNC, ''), 400, 'api.badJson');
  });

  it('rejects a prototype-poisoning body with 400', async () => {
    await expectError(await post(SYNC, `{"grievances":[1],"__proto__":{"admin":true}}`), 400, 'api.badJson');
  });

  it('rejects an unknown field of the envelope with 400, naming it', async () => {
    const body = await expectError(await post(SYNC, { grievances: [submission()], deviceSecret: 'x' }), 400, 'api.invalid');
    expect(fieldsOf(body)).toEqual([['deviceSecret', 'err.unknownField']]);
  });

  it('rejects wrong types with 400, naming the field', async () => {
    for (const bad of [{ grievances: 'all of them' }, { grievances: {} }, {}, [], null, 'grievances']) {
      const body = await expectError(await post(SYNC, JSON.stringify(bad)), 400, 'api.invalid');
      expect(body.fields?.length).toBeGreaterThan(0);
    }
    const body = await expectError(await post(SYNC, { grievances: 'all of them' }), 400, 'api.invalid');
    expect(fieldsOf(body)).toEqual([['grievances', 'err.invalid']]);
  });

  it('rejects an empty batch and a batch one over MAX_BATCH with 400 on the grievances field', async () => {
    const empty = await expectError(await post(SYNC, { grievances: [] }), 400, 'api.invalid');
    expect(fieldsOf(empty)).toEqual([['grievances', 'err.invalid']]);
    const tooMany = await expectError(await post(SYNC, { grievances: submissions(MAX_BATCH + 1) }), 400, 'api.invalid');
    expect(fieldsOf(tooMany)).toEqual([['grievances', 'err.invalid']]);
  });

  it('rejects a body over the sync limit with 413', async () => {
    const big = submissions(MAX_BATCH).map((g) => ({ ...g, description: 'x'.repeat(Math.ceil(SYNC_BODY_LIMIT / MAX_BATCH)) }));
    await expectError(await post(SYNC, { grievances: big }), 413, 'api.tooLarge');
  });

  it('keeps the small app-wide body limit on other routes', async () => {
    // 70 KiB is fine for the sync route but over the 64 KiB default; the route does not exist for POST.
    const res = await server.post('/api/health', { pad: 'x'.repeat(70 * 1024) });
    expect([404, 413]).toContain(res.status);
    ApiError.parse(await res.json());
  });

  it('rejects anything but application/json with 415', async () => {
    const body = JSON.stringify({ grievances: [submission()] });
    await expectError(await post(SYNC, body, { 'content-type': 'text/plain' }), 415, 'api.mediaType');
    await expectError(await post(SYNC, body, { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'api.mediaType');
    await expectError(await post(SYNC, body, { 'content-type': 'multipart/form-data; boundary=x' }), 415, 'api.mediaType');
  });

  it('answers an unknown /api route or method with a JSON 404', async () => {
    await expectError(await fetch(`${server.url}/api/nothing-here`), 404, 'api.notFound');
    await expectError(await fetch(`${server.url}${SYNC}`), 404, 'api.notFound');
    await expectError(await server.post('/api/health', {}), 404, 'api.notFound');
  });

  it('answers a malformed URL with a 400 ApiError', async () => {
    await expectError(await fetch(`${server.url}/api/%E0%A4%A`), 400, 'api.invalid');
  });

  it('answers an internal error with 500 api.internal, no details, and logs it', async () => {
    const logged: string[] = [];
    // Once the app is up, the database fails when grievances are written, with a message that must not leak.
    let broken = false;
    const failing: Db = {
      ...db,
      transaction: (fn) => (broken ? Promise.reject(new Error('disk full at INSERT INTO grievances')) : db.transaction(fn)),
    };
    const failingServer = await startServer({
      db: failing,
      logger: { level: 'error', stream: { write: (line: string) => void logged.push(line) } },
    });
    const session = await signIn(failingServer, MEENA.id);
    broken = true;
    try {
      const res = await failingServer.post(SYNC, { grievances: [submission()] }, bearer(session));
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({
        error: 'api.internal', message: 'The server had an error; try again later.', messageHi: 'सर्वर में त्रुटि हुई; बाद में पुनः प्रयास करें।',
      });
      expect(logged.join('')).toContain('disk full at INSERT INTO grievances');
    } finally {
      await failingServer.close();
    }
  });
});
