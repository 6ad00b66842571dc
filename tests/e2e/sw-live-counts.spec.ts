/**
 * The service worker replays on its lite engine (src/db/lite), not Dexie: the page's screens still follow
 * what it writes, through the message Dexie posts after a write (`x-storagemutated-1`), which the engine
 * posts too. Here the service worker alone sends (the page is controlled, so it only asks), and the
 * outbox screen and the header's counts move through Saved → Sending → Synced without the page writing
 * (Sending as the worker tells it, src/sync/in-flight.ts: the rows are written once, with their answer).
 * And in Chromium the worker's outbox writes are the one transaction per step that exactly once relies on.
 */
import { test, expect, waitForServiceWorker, registerGrievance, citizens, deviceOutbox, outboxStatuses, signIn } from './fixtures';

test('the outbox screen\'s counts follow a replay that the service worker runs', async ({ page, context, server }) => {
  await page.goto(`${server.url}/?lang=en`);
  await waitForServiceWorker(page);
  await signIn(page);
  // Who sends the grievances: every POST to the sync route, and whether a service worker made it.
  const senders: boolean[] = [];
  context.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/sync/grievances')) senders.push(r.serviceWorker() !== null); });

  // The readwrite transactions the worker asks of IndexedDB (its engine looks the method up at each call).
  const [worker] = context.serviceWorkers();
  await worker.evaluate(() => {
    const g = globalThis as unknown as { readwrite: string[][] };
    g.readwrite = [];
    const proto = IDBDatabase.prototype;
    const original = proto.transaction;
    proto.transaction = function (this: IDBDatabase, stores: string | string[], mode?: IDBTransactionMode, opts?: IDBTransactionOptions) {
      if (mode === 'readwrite') g.readwrite.push([stores].flat().sort());
      return original.call(this, stores, mode, opts);
    } as typeof proto.transaction;
  });

  await context.setOffline(true);
  await registerGrievance(page, citizens[0]);
  await registerGrievance(page, citizens[1]);
  await page.getByRole('link', { name: 'Outbox' }).click();
  await expect(outboxStatuses(page, 'Saved on device')).toHaveCount(2);
  await expect(page.getByText('2 waiting to send')).toBeVisible();

  // The answer is held: the rows show "Sending" (told by the worker; in IndexedDB they are still saved)
  // until it is let go.
  server.proxy.setSchedule(() => 'hold');
  await context.setOffline(false); // the page asks its service worker to replay
  await expect.poll(() => server.proxy.applied.length).toBeGreaterThan(0);
  await expect(outboxStatuses(page, 'Sending')).toHaveCount(2);
  await expect(page.getByText('Syncing 2 of 2')).toBeVisible();
  expect((await deviceOutbox(page)).map((r) => r.state)).toEqual(['saved', 'saved']); // written once, with the answer
  expect(senders.length).toBeGreaterThan(0);
  expect(senders.every(Boolean)).toBe(true); // sent by the service worker, not the page

  server.proxy.setSchedule(() => 'ok');
  server.proxy.release();
  await expect(outboxStatuses(page, 'Synced')).toHaveCount(2);
  await expect(page.getByText('2 waiting to send')).toBeHidden();
  await expect(page.getByText(/Syncing/)).toBeHidden();
  expect((await deviceOutbox(page)).map((r) => r.state)).toEqual(['synced', 'synced']);
  expect(senders.every(Boolean)).toBe(true);
  // Exactly once on the lite engine as on Dexie: one transaction settled the batch (rows, payloads, files,
  // last sync time, backoff), and nothing marked it before: while it was on the wire its rows stayed
  // 'saved' and the worker told the pages it was sending them (src/sync/in-flight.ts). Besides the settle
  // only each replay's pruning of files (attachments with outbox) wrote. A call escaping its transaction
  // would show as one on its table alone.
  const readwrite = (await worker.evaluate(() => (globalThis as unknown as { readwrite: string[][] }).readwrite)).map((t) => t.join(' '));
  const SETTLE = 'attachments grievances meta outbox';
  const PRUNE = 'attachments outbox';
  // A replay may also have met the network still off (Background Sync fires on the browser's own idea of
  // the network, not the emulated one): its batch was kept with a backoff (outbox and meta).
  const BACKOFF = 'meta outbox';
  const count = (shape: string) => readwrite.filter((t) => t === shape).length;
  const seen = `readwrite transactions of the worker: ${readwrite.join(' | ')}`;
  expect(count(SETTLE), seen).toBe(1);
  expect(readwrite.filter((t) => ![SETTLE, PRUNE, BACKOFF].includes(t)), seen).toEqual([]);
});
