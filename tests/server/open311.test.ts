/**
 * Open311 GeoReport v2 conformance, route by route, on both databases: services (JSON and XML), filing a
 * form-encoded request with an integrating system's key (stored as a grievance, numbered, routed to its
 * officer), reading it back by id and in the list, GeoReport's error form for each refusal (400 field, 403
 * key, 404 service or request), and `admin create-api-key` printing the key as its last line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Open311Created, Open311Errors, Open311Requests, Open311Services } from '../../src/domain/open311';
import { createApiKey } from '../../server/open311/api-keys';
import type { Db } from '../../server/store/db';
import { openDb } from '../../server/store/open-db';
import { addAccount, BACKENDS, removeAccounts, resetGrievances, runAdmin, startServer, type TestServer } from './harness';
import { OFFICERS } from './workflow-fixtures';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

for (const backend of BACKENDS) {
  describe.skipIf(!backend.enabled)(`Open311 GeoReport v2 on ${backend.name}`, () => {
    let db: Db;
    let server: TestServer;
    let key: string;
    let otherKey: string;
    const citizen = { service_code: 'phed.no-supply', description: 'Ward 12 has had no piped water for six days.', address_string: 'Ward 12, Sanganer', first_name: 'Sunita', last_name: 'Devi', phone: '+91 98765 43210' };
    const file = (fields: Record<string, string>, format = 'json') => server.post(`/open311/v2/requests.${format}`, form(fields), FORM);

    beforeAll(async () => {
      db = await backend.open();
      server = await startServer({ db, logger: false });
      await resetGrievances(db);
      await addAccount(db, OFFICERS.l1);
      key = (await createApiKey(db, { name: 'Jaipur City App', districtCode: 'jaipur', now: new Date() })).key;
      otherKey = (await createApiKey(db, { name: 'Kota Portal', districtCode: 'kota', now: new Date() })).key;
    });
    afterAll(async () => {
      await server?.close();
      if (db) await removeAccounts(db, [OFFICERS.l1]);
      await db?.close();
    });

    it('lists each department and category as a service, in JSON and XML', async () => {
      const services = Open311Services.parse(await (await server.get('/open311/v2/services.json')).json());
      expect(services).toContainEqual(expect.objectContaining({ service_code: 'phed', metadata: false, type: 'realtime' }));
      expect(services).toContainEqual(expect.objectContaining({ service_code: 'phed.no-supply', group: services.find((s) => s.service_code === 'phed')!.service_name }));
      const xml = await server.get('/open311/v2/services.xml');
      expect(xml.headers.get('content-type')).toMatch(/^application\/xml/);
      const text = await xml.text();
      expect(text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<services><service><service_code>/);
      expect(text.match(/<service>/g)).toHaveLength(services.length);
    });

    it('files a form-encoded request as a grievance, routed to its officer, and reads it back by id and in the list', async () => {
      const res = await file({ api_key: key, ...citizen });
      expect(res.status).toBe(200);
      const [created] = Open311Created.parse(await res.json());
      const [row] = await db.query<{ kiosk_code: string; department_code: string; category_code: string; district_code: string; mobile: string; status: string; holder_id: string; citizen_name: string }>(
        'SELECT kiosk_code, department_code, category_code, district_code, mobile, status, holder_id, citizen_name FROM grievances WHERE number = $1', [created.service_request_id]);
      expect(row).toMatchObject({ department_code: 'phed', category_code: 'no-supply', district_code: 'jaipur', mobile: '9876543210', status: 'assigned', holder_id: OFFICERS.l1.id, citizen_name: 'Sunita Devi' });
      expect(row.kiosk_code).toMatch(/^K9\d{9}$/);

      const one = Open311Requests.parse(await (await server.get(`/open311/v2/requests/${created.service_request_id}.json?api_key=${key}`)).json());
      expect(one).toEqual([expect.objectContaining({ service_request_id: created.service_request_id, status: 'open', service_code: 'phed.no-supply', description: citizen.description, address: citizen.address_string, expected_datetime: expect.any(String) })]);
      const list = Open311Requests.parse(await (await server.get(`/open311/v2/requests.json?api_key=${key}&status=open`)).json());
      expect(list.map((r) => r.service_request_id)).toContain(created.service_request_id);
      expect(Open311Requests.parse(await (await server.get(`/open311/v2/requests.json?api_key=${key}&status=closed`)).json())).toEqual([]);
      const xml = await (await server.get(`/open311/v2/requests/${created.service_request_id}.xml?api_key=${key}`)).text();
      expect(xml).toContain(`<service_requests><request><service_request_id>${created.service_request_id}</service_request_id><status>open</status>`);
      // Another system sees nothing of it.
      const other = await server.get(`/open311/v2/requests/${created.service_request_id}.json?api_key=${otherKey}`);
      expect(other.status).toBe(404);
    });

    it('takes lat/long instead of an address, and jurisdiction_id over the key\'s district; answers XML when asked', async () => {
      const res = await file({ api_key: otherKey, ...citizen, address_string: '', lat: '26.9124', long: '75.7873', jurisdiction_id: 'jaipur' }, 'xml');
      expect(res.status).toBe(200);
      const id = /<service_request_id>(\d+)<\/service_request_id>/.exec(await res.text())![1];
      const [row] = await db.query<{ district_code: string; address: string }>('SELECT district_code, address FROM grievances WHERE number = $1', [id]);
      expect(row).toEqual({ district_code: 'jaipur', address: '26.9124, 75.7873' });
      const [read] = Open311Requests.parse(await (await server.get(`/open311/v2/requests/${id}.json?api_key=${otherKey}`)).json());
      expect(read).toMatchObject({ lat: 26.9124, long: 75.7873 });
      const far = await file({ api_key: otherKey, ...citizen, address_string: '', lat: '126.5', long: '75.7873', jurisdiction_id: 'jaipur' });
      expect(far.status).toBe(400);
      expect(Open311Errors.parse(await far.json())[0].description).toMatch(/^lat:/);
    });

    it('refuses in GeoReport\'s error form, storing nothing: bad key 403, unknown service 404, missing fields 400, unknown id 404', async () => {
      const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM grievances'))[0].n;
      const cases: [Record<string, string>, number, string][] = [
        [{ ...citizen, api_key: 's311_wrong' }, 403, 'api_key'],
        [{ ...citizen }, 400, 'api_key'],
        [{ api_key: key, ...citizen, service_code: 'phed.no-such' }, 404, 'service_code'],
        [{ api_key: key, ...citizen, address_string: '' }, 400, 'address_string'],
        [{ api_key: key, ...citizen, phone: '12345' }, 400, 'phone'],
        [{ api_key: key, ...citizen, description: 'short' }, 400, 'description'],
      ];
      for (const [fields, status, field] of cases) {
        const res = await file(fields);
        expect(res.status, field).toBe(status);
        const errors = Open311Errors.parse(await res.json());
        expect(errors[0].code).toBe(status);
        expect(errors.some((e) => e.description.startsWith(`${field}:`)), JSON.stringify(errors)).toBe(true);
        expect(errors[0].description).toMatch(/ \/ .*[\u0900-\u097F]/); // English / Hindi
      }
      const xml = await file({ ...citizen, api_key: 's311_wrong' }, 'xml');
      expect(xml.status).toBe(403);
      expect(await xml.text()).toMatch(/<errors><error><code>403<\/code><description>api_key: /);
      expect((await server.get(`/open311/v2/requests/2699000000011.json?api_key=${key}`)).status).toBe(404);
      expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM grievances'))[0].n).toBe(before);
    });
  });
}

describe('admin create-api-key', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sampark-apikey-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints the key as its last line; the key works and only its hash is stored', async () => {
    const r = await runAdmin({ DATA_DIR: dataDir }, 'create-api-key', '--name', 'Jaipur Smart City', '--district', 'jaipur');
    expect(r.code).toBe(0);
    const key = r.stdout.trimEnd().split('\n').at(-1)!;
    expect(key).toMatch(/^s311_[A-Za-z0-9_-]{43}$/);
    const db = await openDb({ kind: 'embedded', dataDir });
    const server = await startServer({ db, logger: false });
    try {
      const res = await server.get(`/open311/v2/requests.json?api_key=${key}`);
      expect(res.status).toBe(200);
      const stored = await db.query<{ key_hash: string }>('SELECT key_hash FROM api_keys');
      expect(JSON.stringify(stored)).not.toContain(key.slice(5));
    } finally {
      await server.close();
      await db.close();
    }
  }, 120_000); // two embedded databases opened from scratch
});
