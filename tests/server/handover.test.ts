/** Camp mode's hand-over file (POST /api/devices/key, POST /api/handover): verified whole, then exactly once. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  bytesToBase64, ECDSA, HANDOVER_FORMAT, HANDOVER_MEDIA_TYPE, type HandoverBody, HandoverResponse, keyIdOf, signHandover, type SigningKey,
} from '../../src/domain/handover';
import type { GrievanceSubmission } from '../../src/domain/schemas';
import type { Db } from '../../server/store/db';
import { png, sha256 } from './attachment-files';
import { DEVICE, deviceId, submission, submissions } from './fixtures';
import {
  addAccount, BACKENDS, bearer, countGrievances, MEENA, resetGrievances, signIn, startServer, syncBatch, type TestServer,
} from './harness';

const NOW = new Date('2026-11-28T12:00:00.000Z');
const RAVI = { id: 'op.ravi', name: 'Ravi Meena', role: 'operator', kioskCode: 'K2000001' } as const;
const CAMP_KIOSK = 'K1023456'; // MEENA's
const OTHER_DEVICE = (() => { let d = deviceId(); while (d === DEVICE) d = deviceId(); return d; })();

interface DeviceKey { privateKey: SigningKey; spki: Uint8Array<ArrayBuffer>; keyId: string }
async function newKey(): Promise<DeviceKey> {
  const pair = await crypto.subtle.generateKey(ECDSA, false, ['sign', 'verify']);
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  return { privateKey: pair.privateKey, spki, keyId: await keyIdOf(spki) };
}

for (const backend of BACKENDS) {
  describe.skipIf(!backend.enabled)(`hand-over file on ${backend.name}`, () => {
    let db: Db;
    let server: TestServer;
    let camp: Record<string, string>; // op.meena on the camp device (DEVICE, kiosk K1023456)
    let office: Record<string, string>; // op.ravi on another device of another kiosk
    let key: DeviceKey;

    beforeAll(async () => {
      db = await backend.open();
      server = await startServer({ db, clock: () => NOW });
      await db.exec('TRUNCATE device_keys');
      await addAccount(db, MEENA);
      await addAccount(db, RAVI);
      camp = bearer(await signIn(server, MEENA.id));
      office = bearer(await signIn(server, RAVI.id, undefined, OTHER_DEVICE));
      key = await newKey();
      const res = await server.post('/api/devices/key', { publicKey: bytesToBase64(key.spki) }, camp);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ keyId: key.keyId, deviceId: DEVICE, kioskCode: CAMP_KIOSK });
    });
    afterAll(async () => {
      await server?.close();
      await db?.close();
    });
    beforeEach(() => resetGrievances(db));

    const body = (grievances: GrievanceSubmission[], extra: Partial<HandoverBody> = {}): HandoverBody => ({
      format: HANDOVER_FORMAT, kioskCode: CAMP_KIOSK, deviceId: DEVICE, keyId: key.keyId,
      exportedAt: '2026-11-28T17:30:00.000+05:30', exportedBy: MEENA.id, grievances, attachments: [], actions: [], ...extra,
    });
    const post = (file: string | Buffer, headers = office) =>
      fetch(`${server.url}/api/handover`, { method: 'POST', headers: { 'content-type': HANDOVER_MEDIA_TYPE, ...headers }, body: file });
    const imported = async (file: string | Buffer) => {
      const res = await post(file);
      expect(res.status).toBe(200);
      return HandoverResponse.parse(await res.json());
    };
    const refused = async (file: string | Buffer, status: number, error: string) => {
      const res = await post(file);
      const answer = await res.json() as { error: string; message: string; messageHi: string };
      expect({ status: res.status, error: answer.error }).toEqual({ status, error });
      expect(answer.message.length).toBeGreaterThan(20);
      expect(answer.messageHi.length).toBeGreaterThan(20);
    };

    it('registers three grievances and their photo for the originating kiosk and operator, exactly once', async () => {
      const photo = png(40, 30);
      const withPhoto = submission({ attachments: [{ sha256: sha256(photo), bytes: photo.length, type: 'image/png', name: 'hand-pump.png' }] });
      const three = [withPhoto, ...submissions(2)];
      const file = await signHandover(body(three, { attachments: [{ sha256: sha256(photo), type: 'image/png', data: bytesToBase64(photo) }] }), key.privateKey);
      const r = await imported(file);
      expect(r.counts).toEqual({ created: 3, duplicate: 0, conflict: 0, invalid: 0 });
      expect(r).toMatchObject({ fromKiosk: CAMP_KIOSK, fromDevice: DEVICE, attachments: 1 });
      const rows = await db.query<{ kiosk_code: string; operator_id: string; device_id: string }>('SELECT kiosk_code, operator_id, device_id FROM grievances');
      expect(rows).toEqual(Array(3).fill({ kiosk_code: CAMP_KIOSK, operator_id: MEENA.id, device_id: DEVICE }));
      const [held] = await db.query<{ kiosk_code: string }>('SELECT kiosk_code FROM attachment_holders WHERE sha256 = $1', [sha256(photo)]);
      expect(held.kiosk_code).toBe(CAMP_KIOSK);

      // Importing the same file again is harmless: every record a duplicate with the same number.
      const again = await imported(file);
      expect(again.counts).toEqual({ created: 0, duplicate: 3, conflict: 0, invalid: 0 });
      expect(again.results.map((x) => 'number' in x && x.number)).toEqual(r.results.map((x) => 'number' in x && x.number));

      // The camp device syncs later (its photo is already held by its kiosk): nothing doubled.
      const status = await server.get(`/api/attachments/${sha256(photo)}/status`, camp);
      expect(await status.json()).toMatchObject({ state: 'complete' });
      const later = await syncBatch(server, three, camp);
      expect(later.map((x) => x.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
      expect(await countGrievances(db)).toBe(3);
    });

    it('takes a file whose records the camp device already synced: all duplicates, nothing new', async () => {
      const two = submissions(2);
      const first = await syncBatch(server, two, camp);
      const r = await imported(await signHandover(body(two), key.privateKey));
      expect(r.counts.duplicate).toBe(2);
      expect(r.results.map((x) => 'number' in x && x.number)).toEqual(first.map((x) => 'number' in x && x.number));
      expect(await countGrievances(db)).toBe(2);
    });

    it('refuses a file with one byte changed, whole, and writes nothing', async () => {
      const file = await signHandover(body(submissions(3)), key.privateKey);
      const at = file.indexOf('पानी');
      const changed = Buffer.from(file);
      const pos = Buffer.byteLength(file.slice(0, at)) + 2;
      changed[pos] ^= 0x01; // one byte of the description (still valid UTF-8)
      await refused(changed, 422, 'handover.changed');
      const digit = file.replace('"mobile":"9876543210"', '"mobile":"9876543211"');
      await refused(digit, 422, 'handover.changed');
      await refused(file.replace('{"actions"', '{ "actions"'), 422, 'handover.changed'); // white space is a change too
      const sig = file.replace(/"signature":"(.)/, (_, c: string) => `"signature":"${c === 'A' ? 'B' : 'A'}`);
      await refused(sig, 422, 'handover.changed');
      expect(await countGrievances(db)).toBe(0);
      const audit = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'handover.refused'");
      expect(audit[0].n).toBeGreaterThanOrEqual(4);
    });

    it('refuses a truncated or malformed file as such', async () => {
      const file = await signHandover(body(submissions(3)), key.privateKey);
      await refused(file.slice(0, Math.floor(file.length / 2)), 400, 'handover.malformed');
      await refused(file.slice(0, -1), 400, 'handover.malformed');
      await refused(Buffer.from([0xff, 0xfe, 0x00]), 400, 'handover.malformed');
      await refused('{"format":"something-else"}', 400, 'handover.malformed');
      await refused('[]', 400, 'handover.malformed');
      expect(await countGrievances(db)).toBe(0);
    });

    it('refuses a file from an unknown device, or one claiming another kiosk or device for a known key', async () => {
      const stranger = await newKey();
      await refused(await signHandover(body(submissions(1), { keyId: stranger.keyId }), stranger.privateKey), 422, 'handover.unknownDevice');
      await refused(await signHandover(body(submissions(1, { kioskCode: RAVI.kioskCode }), { kioskCode: RAVI.kioskCode }), key.privateKey), 422, 'handover.unknownDevice');
      await refused(await signHandover(body(submissions(1), { deviceId: OTHER_DEVICE }), key.privateKey), 422, 'handover.unknownDevice');
      // Signed by another key but naming the registered one: the signature fails.
      await refused(await signHandover(body(submissions(1)), stranger.privateKey), 422, 'handover.changed');
      expect(await countGrievances(db)).toBe(0);
    });

    it('refuses the whole file when an attachment inside does not match its hash', async () => {
      const photo = png(20, 20);
      const g = submission({ attachments: [{ sha256: sha256(photo), bytes: photo.length, type: 'image/png' }] });
      const wrong = Buffer.from(photo);
      wrong[wrong.length - 20] ^= 0xff;
      const file = await signHandover(body([g, ...submissions(1)], { attachments: [{ sha256: sha256(photo), type: 'image/png', data: bytesToBase64(wrong) }] }), key.privateKey);
      await refused(file, 422, 'err.attachmentHash');
      expect(await countGrievances(db)).toBe(0);
    });

    it('answers per record like sync: a record of another kiosk in the file is invalid, the rest go in', async () => {
      const foreign = submission({ kioskCode: RAVI.kioskCode, operatorId: RAVI.id });
      const r = await imported(await signHandover(body([foreign, ...submissions(2)]), key.privateKey));
      expect(r.results.map((x) => x.status)).toEqual(['invalid', 'created', 'created']);
    });

    it('keeps a device key to its device and kiosk', async () => {
      const again = await server.post('/api/devices/key', { publicKey: bytesToBase64(key.spki) }, camp);
      expect(again.status).toBe(200); // idempotent
      const taken = await server.post('/api/devices/key', { publicKey: bytesToBase64(key.spki) }, office);
      expect(taken.status).toBe(409);
      expect(((await taken.json()) as { error: string }).error).toBe('handover.keyTaken');
      const junk = await server.post('/api/devices/key', { publicKey: bytesToBase64(new Uint8Array(91).fill(7)) }, camp);
      expect(junk.status).toBe(400);
      const noToken = await server.post('/api/devices/key', { publicKey: bytesToBase64(key.spki) });
      expect(noToken.status).toBe(401);
    });

    it('needs a signed-in caller and the hand-over media type', async () => {
      const file = await signHandover(body(submissions(1)), key.privateKey);
      expect((await post(file, {})).status).toBe(401);
      const asJson = await server.post('/api/handover', file, office);
      expect(asJson.status).toBe(415);
      expect(await countGrievances(db)).toBe(0);
    });

    it('leaves a file of nothing harmless', async () => {
      const r = await imported(await signHandover(body([]), key.privateKey));
      expect(r.counts).toEqual({ created: 0, duplicate: 0, conflict: 0, invalid: 0 });
      expect(r.results).toEqual([]);
    });
  });
}
