import 'fake-indexeddb/auto';
import { createHash, randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { attachmentFigures, attachmentsOf, pruneAttachments } from '../../src/db/attachments';
import { db } from '../../src/db/db';
import { registerForCurrentOperator, registerGrievance } from '../../src/db/grievances';
import { parseIntake } from '../../src/domain/intake';
import type { PreparedAttachment } from '../../src/media/attachment-rules';
import { replay } from '../../src/sync/replay';
import { chunkBytesFor } from '../../src/sync/upload';
import type { IntakeFields } from '../../src/domain/schemas';
import { withAttachments, type UploadFault } from './fake-attachments';
import { fakeServer, OPERATOR, seedSession } from './fake-server';

const KiB = 1024;
const DAY = 86_400_000;
const fields = (i: number): IntakeFields => {
  const r = parseIntake({ name: 'सीता देवी', mobile: `98765${String(i).padStart(5, '0')}`, areaType: 'rural', districtCode: 'jaipur',
    departmentCode: 'phed', description: `हैंडपंप खराब है, पानी नहीं आ रहा, क्रमांक ${i}`, consent: true });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};
/** A valid-looking PDF of `size` bytes (the fake server sniffs it as application/pdf). */
function pdfFile(size: number, name = 'bill.pdf'): PreparedAttachment {
  const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(size - 9)]);
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: size, type: 'application/pdf', name, blob: new Blob([bytes]), thumbnail: undefined };
}
/**
 * Each registration a millisecond after the one before: the replay sends in clientId order, and two ULIDs
 * of the same millisecond sort at random, so a later grievance could go in an earlier batch.
 */
let registeredAt = Date.now();
const register = (i: number, attachments: PreparedAttachment[] = []) =>
  registerGrievance(fields(i), { kioskCode: OPERATOR.kioskCode, operatorId: OPERATOR.id, lang: 'hi', attachments, now: new Date(++registeredAt) });

let clock = 1_000_000;
const now = () => clock;
const noWait = async () => undefined;
const serve = (faults: UploadFault[] = []) => withAttachments(fakeServer(), faults);
const run = (server: ReturnType<typeof serve>, trigger: 'manual' | 'timer' = 'manual') =>
  replay(trigger, { fetch: server.fetch, now, random: () => 0.5, chunkBytes: 256 * KiB, sleep: noWait });
const row = (clientId: string) => db.outbox.get(clientId);

beforeEach(async () => {
  await db.delete();
  await db.open();
  await seedSession();
  clock = 1_000_000;
});

describe('outbox', () => {
  describe('attachments', () => {
    it('stores the files in the same transaction as the grievance, and nothing when it cannot be registered', async () => {
      const files = [pdfFile(40 * KiB), pdfFile(10 * KiB, 'ration-card.pdf')];
      const item = await register(1, files);
      expect(item.attachmentCount).toBe(2);
      const submission = (await db.grievances.get(item.clientId))!.submission;
      expect(submission.attachments).toEqual(files.map((f) => ({ sha256: f.sha256, bytes: f.bytes, type: f.type, name: f.name })));
      expect((await db.attachments.where('clientIds').equals(item.clientId).toArray()).map((r) => r.sha256).sort()).toEqual(files.map((f) => f.sha256).sort());
      expect((await attachmentsOf(item.clientId)).map((a) => a.name)).toEqual(['bill.pdf', 'ration-card.pdf']);

      // The operator locked the screen in another tab: nothing of the next grievance is stored, files included.
      await db.session.update('op.meena', { locked: true });
      await expect(registerForCurrentOperator(fields(2), { lang: 'hi', attachments: [pdfFile(5 * KiB)] })).rejects.toMatchObject({ name: 'NotSignedIn' });
      // Six files are more than a grievance may carry: refused before anything is written.
      await db.session.update('op.meena', { locked: false });
      await expect(registerForCurrentOperator(fields(3), { lang: 'hi', attachments: Array.from({ length: 6 }, () => pdfFile(2 * KiB)) })).rejects.toMatchObject({ key: 'err.attachmentCount' });
      expect(await db.attachments.count()).toBe(2);
      expect(await db.outbox.count()).toBe(1);
    });

    it("writes down a batch's answers before the next batch's files go up (the upload can take minutes)", async () => {
      const plain: { clientId: string }[] = [];
      for (let i = 0; i < 100; i++) plain.push(await register(i));
      await register(100, [pdfFile(40 * KiB)]);
      const server = serve();
      let settledFirst: boolean | undefined;
      const fetch: typeof globalThis.fetch = async (input, init) => {
        if (settledFirst === undefined && String(input).includes('/api/attachments')) {
          settledFirst = (await db.outbox.bulkGet(plain.map((p) => p.clientId))).every((r) => r?.state === 'synced');
        }
        return server.fetch(input as string, init);
      };
      const r = await replay('manual', { fetch, now, random: () => 0.5, chunkBytes: 256 * KiB, sleep: noWait });
      expect(r).toMatchObject({ requests: 2, synced: 101, waiting: 0 });
      expect(settledFirst).toBe(true);
    });

    it('uploads each file in chunks before the grievance, which then names them; a repeat is a no-op', async () => {
      const file = pdfFile(600 * KiB);
      const a = await register(1, [file]);
      const server = serve();
      const r = await run(server);
      expect(r).toMatchObject({ synced: 1, attention: 0, waiting: 0 });
      expect(server.puts.map((p) => p.range)).toEqual(['bytes 0-262143/614400', 'bytes 262144-524287/614400', 'bytes 524288-614399/614400']);
      expect(Buffer.from(server.complete.get(file.sha256)!.bytes).equals(Buffer.from(await file.blob.arrayBuffer()))).toBe(true);
      expect([...server.complete.keys()]).toEqual([file.sha256]);
      expect((await row(a.clientId))!.state).toBe('synced');

      // The same file with another grievance: the server says it has it, nothing is sent again.
      await register(2, [file]);
      const before = server.puts.length;
      expect((await run(server)).synced).toBe(1);
      expect(server.puts.length).toBe(before);
    });

    it('continues where it stopped after a dropped connection, a lost answer and a server error, in one replay', async () => {
      const file = pdfFile(900 * KiB);
      const a = await register(1, [file]);
      const server = serve(['ok', 'network', 'lost-after-commit', '500', 'ok', '503-short', 'garbage']);
      const r = await run(server);
      expect(r).toMatchObject({ synced: 1, waiting: 0 });
      expect((await row(a.clientId))!.state).toBe('synced');
      expect(server.complete.get(file.sha256)!.bytes.length).toBe(file.bytes);
      // Only the chunks that were lost before the server had them are sent twice.
      expect(server.bytesSent() / file.bytes).toBeLessThan(1 + (3 * 256 * KiB) / file.bytes);
    });

    it('starts again from byte 0 when the bytes the server holds do not match (hash)', async () => {
      const file = pdfFile(300 * KiB);
      await register(1, [file]);
      const server = serve();
      server.partial.set(file.sha256, randomBytes(100 * KiB)); // a partial copy of other bytes under this name
      const r = await run(server);
      expect(r.synced).toBe(1);
      expect(server.puts[0].range).toBe(`bytes ${100 * KiB}-${300 * KiB - 1}/${300 * KiB}`);
      expect(server.puts.at(-1)!.range.startsWith('bytes 262144-')).toBe(true);
      expect(server.puts.some((p) => p.range.startsWith('bytes 0-'))).toBe(true);
    });

    it("puts only the grievance whose file is refused in Needs attention, with the server's words; the rest go on", async () => {
      const refused = await register(1, [pdfFile(20 * KiB)]);
      const plain = await register(2);
      const other = await register(3, [pdfFile(30 * KiB)]);
      const server = serve(['415']);
      const r = await run(server);
      expect(r).toMatchObject({ synced: 2, attention: 1, waiting: 0 });
      expect(await row(refused.clientId)).toMatchObject({ state: 'attention', lastError: { key: 'err.attachmentType', message: 'err.attachmentType (en)', messageHi: 'err.attachmentType (hi)' } });
      expect((await row(plain.clientId))!.state).toBe('synced');
      expect((await row(other.clientId))!.state).toBe('synced');
    });

    it('makes a grievance wait with its own backoff while the server is busy, and the rest go on', async () => {
      const busy = await register(1, [pdfFile(20 * KiB)]);
      const plain = await register(2);
      const server = serve(['503-long']);
      const r = await run(server);
      expect(r).toMatchObject({ synced: 1, attention: 0, waiting: 1 });
      const waiting = (await row(busy.clientId))!;
      expect(waiting).toMatchObject({ state: 'saved', attempts: 1, lastError: { key: 'api.busy' } });
      expect(waiting.nextAttemptAt).toBeGreaterThanOrEqual(clock + 600_000); // Retry-After is a floor
      expect((await row(plain.clientId))!.state).toBe('synced');
      expect(await db.meta.get('backoff')).toBeUndefined(); // the queue as a whole does not back off
      // A timer replay leaves it alone until its time; a later one sends it.
      expect((await run(server, 'timer')).synced).toBe(0);
      clock += 700_000;
      expect((await run(server, 'timer')).synced).toBe(1);
    });

    it('pauses the whole replay when the network is down, and sends everything once it is back', async () => {
      await register(1, [pdfFile(20 * KiB)]);
      await register(2);
      const server = serve(Array(4).fill('network')); // four failed chunks in a row: the link is down
      const r = await run(server);
      expect(r).toMatchObject({ synced: 0, attention: 0, waiting: 2, error: { key: 'net' } });
      expect((await db.outbox.toArray()).map((x) => x.state)).toEqual(['saved', 'saved']);
      expect(await db.meta.get('backoff')).toBeTruthy();
      expect((await run(server)).synced).toBe(2);
    });

    it('uploads again and resends when the server reports a file missing', async () => {
      const file = pdfFile(50 * KiB);
      const a = await register(1, [file]);
      const server = serve();
      server.loseOnSync.add(file.sha256);
      const r = await run(server);
      expect(r).toMatchObject({ synced: 1, attention: 0 });
      expect(server.puts.filter((p) => p.range === `bytes 0-${50 * KiB - 1}/${50 * KiB}`)).toHaveLength(2);
      expect((await row(a.clientId))!.state).toBe('synced');
    });

    it('keeps unsent files, and frees a confirmed one after the retention time (thumbnail and details stay)', async () => {
      const shared = { ...pdfFile(20 * KiB), thumbnail: 'data:image/jpeg;base64,AAAA' };
      const sent = await register(1, [shared]);
      const refused = await register(2, [pdfFile(10 * KiB)]);
      await run(serve(['ok', '415']));
      expect((await row(sent.clientId))!.state).toBe('synced');
      expect((await row(refused.clientId))!.state).toBe('attention');
      expect(await attachmentFigures()).toEqual({ files: 2, bytes: 30 * KiB, unconfirmedBytes: 10 * KiB });

      expect(await pruneAttachments(clock + 6 * DAY, 7)).toBe(0); // not yet
      expect(await pruneAttachments(clock + 8 * DAY, 7)).toBe(20 * KiB);
      const pruned = (await db.attachments.get(shared.sha256))!;
      expect(pruned.blob).toBeUndefined();
      expect(pruned).toMatchObject({ thumbnail: shared.thumbnail, bytes: 20 * KiB, name: 'bill.pdf', prunedAt: clock + 8 * DAY });
      const unsent = (await db.grievances.get(refused.clientId))!.submission.attachments![0].sha256;
      expect((await db.attachments.get(unsent))!.blob).toBeTruthy();
      expect(await attachmentFigures()).toEqual({ files: 1, bytes: 10 * KiB, unconfirmedBytes: 10 * KiB });

      // The same file attached again to a new grievance: its blob is back, and it is not pruned while unsent.
      await register(3, [shared]);
      expect((await db.attachments.get(shared.sha256))!.blob).toBeTruthy();
      expect(await pruneAttachments(clock + 30 * DAY, 7)).toBe(0);
    });

    it('uses 64 KiB chunks on a 2G link and the advertised size otherwise', () => {
      expect(chunkBytesFor(256 * KiB, '2g')).toBe(64 * KiB);
      expect(chunkBytesFor(256 * KiB, 'slow-2g')).toBe(64 * KiB);
      expect(chunkBytesFor(256 * KiB, '4g')).toBe(256 * KiB);
      expect(chunkBytesFor(32 * KiB, '2g')).toBe(32 * KiB);
    });
  });
});
