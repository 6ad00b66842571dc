/**
 * The OpenAPI document checked by an outside validator (@apidevtools/swagger-parser: the OpenAPI 3.1
 * schema and its own rules, e.g. unique operationIds, path parameters declared), so clients generated from
 * it work. That each route's answers match it is checked on every test server (./response-check.ts).
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../server/store/db';
import { openMemoryDb } from '../support/pglite-template';
import { startServer, type TestServer } from './harness';

let db: Db;
let server: TestServer;
beforeAll(async () => {
  db = await openMemoryDb();
  server = await startServer({ db, logger: false });
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

it('is a valid OpenAPI 3.1 document, with every route and the Open311 ones', async () => {
  const doc = await (await server.get('/api/openapi.json')).json() as { openapi: string; paths: Record<string, unknown> };
  const validated = await SwaggerParser.validate(structuredClone(doc) as never) as { openapi: string };
  expect(validated.openapi).toBe('3.1.0');
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/sync/grievances', '/open311/v2/services.json', '/open311/v2/requests.json', '/open311/v2/requests/{id}.json', '/open311/v2/requests/{id}.xml']));
});
