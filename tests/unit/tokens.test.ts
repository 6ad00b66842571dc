/** The camp queue on a device (src/db/tokens.ts): token numbering across devices, calling, what the hall screen shows. */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import { callNext, issueToken, QUEUE_KEY, queueView, resetQueue, tokenLabel, viewOf, type Queue } from '../../src/db/tokens';

beforeEach(async () => {
  await db.delete();
  await db.open();
});

/** Makes this database another device: its own device id. */
const becomeDevice = (id: string) => db.meta.put({ key: 'deviceId', value: id });

describe('camp tokens', () => {
  it('numbers tokens of one device 1, 2, 3 with its device id in front', async () => {
    await becomeDevice('7K3QX');
    const labels = [];
    for (let i = 0; i < 3; i++) labels.push((await issueToken(1_000 + i)).label);
    expect(labels).toEqual(['7K3QX-001', '7K3QX-002', '7K3QX-003']);
  });

  it('never gives two devices the same token, however many each gives', async () => {
    const seen = new Set<string>();
    for (const device of ['7K3QX', 'A1B2C']) {
      await db.delete();
      await db.open();
      await becomeDevice(device);
      for (let i = 0; i < 150; i++) seen.add((await issueToken(i)).label);
    }
    expect(seen.size).toBe(300);
    expect(tokenLabel('7K3QX', 14)).not.toBe(tokenLabel('A1B2C', 14));
  });

  it('calls the longest-waiting token to a counter and shows per counter what it serves now', async () => {
    await becomeDevice('7K3QX');
    for (let i = 0; i < 4; i++) await issueToken(i * 60_000);
    expect((await callNext(2, 10 * 60_000))?.label).toBe('7K3QX-001');
    expect((await callNext(1, 11 * 60_000))?.label).toBe('7K3QX-002');
    expect((await callNext(2, 12 * 60_000))?.label).toBe('7K3QX-003');
    const q = (await db.meta.get(QUEUE_KEY))!.value as Queue;
    const v = viewOf(q);
    expect(v.serving.map((s) => [s.counter, s.token.label])).toEqual([[1, '7K3QX-002'], [2, '7K3QX-003']]);
    expect(v.waiting.map((t) => t.label)).toEqual(['7K3QX-004']);
    expect(v.served).toBe(3);
    expect(v.averageWaitMin).toBe(10); // (10 + 10 + 10) minutes from token to call
    expect((await callNext(3))?.label).toBe('7K3QX-004');
    expect(await callNext(3)).toBeUndefined(); // nobody waits
  });

  it('updates a subscriber (the hall screen) when a counter calls, without any network', async () => {
    await becomeDevice('7K3QX');
    await issueToken(0);
    const seen: string[] = [];
    const done = new Promise<void>((resolve) => {
      const sub = queueView().subscribe((v) => {
        seen.push(v.serving.map((s) => `${s.counter}:${s.token.label}`).join(',') || 'none');
        if (v.serving.length) { sub.unsubscribe(); resolve(); }
      });
    });
    await callNext(5);
    await done;
    expect(seen.at(-1)).toBe('5:7K3QX-001');
  });

  it('starts a new day from 1', async () => {
    await becomeDevice('7K3QX');
    await issueToken(0);
    await resetQueue();
    expect((await issueToken(1)).label).toBe('7K3QX-001');
  });
});
