import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, waitForServiceWorker, registerGrievance, citizens, deviceOutbox, outboxStatuses, signIn } from './fixtures';
import { compressDist } from '../../scripts/compress-dist';

test.describe('two tabs, one queue', () => {
  test('two open tabs never send a record twice and both show the same truth', async ({ context, server }) => {
    const a = await context.newPage();
    await a.goto(`${server.url}/?lang=en`);
    await waitForServiceWorker(a);
    await signIn(a);
    const b = await context.newPage();
    await b.goto(`${server.url}/?lang=en`);
    await waitForServiceWorker(b);

    await context.setOffline(true);
    const receipts = [await registerGrievance(a, citizens[0]), await registerGrievance(b, citizens[1]), await registerGrievance(a, citizens[2]), await registerGrievance(b, citizens[0])];
    expect(new Set(receipts).size).toBe(4);
    for (const p of [a, b]) {
      await p.getByRole('link', { name: 'Outbox' }).click();
      await expect(outboxStatuses(p, 'Saved on device')).toHaveCount(4);
    }

    await context.setOffline(false);
    // Both tabs ask at once; only one replay runs at a time.
    await Promise.all([a, b].map((p) => p.getByRole('button', { name: 'Sync now' }).click()));
    for (const p of [a, b]) await expect(outboxStatuses(p, 'Synced')).toHaveCount(4);
    expect(await deviceOutbox(a)).toEqual(await deviceOutbox(b));

    await server.stop();
    const exported = server.exportAll();
    expect(exported).toHaveLength(4);
    expect(new Set(exported.map((g) => g.clientId)).size).toBe(4);
  });
});

test.describe('app update', () => {
  test('a new version waits for the operator, and never takes over in the middle of a replay', async ({ page, context, server }) => {
    await page.goto(`${server.url}/?lang=en`);
    await waitForServiceWorker(page);
    await signIn(page);
    await context.setOffline(true);
    await registerGrievance(page, citizens[0]);

    // A new release: the same service worker with different bytes.
    const swPath = join(server.distDir, 'sw.js');
    writeFileSync(swPath, `${readFileSync(swPath, 'utf8')}\n// release 2\n`);
    compressDist(server.distDir); // a release's build writes its brotli and gzip copies too (the server sends those)
    // The replay's answer is held (set before the network returns, so whichever trigger sends first is
    // held): a sync is in flight when the update arrives.
    server.proxy.setSchedule(() => 'hold');
    await context.setOffline(false);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => server.proxy.applied.length).toBeGreaterThan(0);
    expect(server.proxy.applied.every((f) => f === 'hold')).toBe(true);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());

    const banner = page.getByText('Update available: a new version of the app is ready.');
    await expect(banner).toBeVisible();
    // Not taken over by itself.
    expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())!.waiting)).toBe(true);

    await page.getByRole('button', { name: 'Update now' }).click();
    // While the replay holds the outbox lock, the new worker keeps waiting: its request for the lock is
    // queued behind the replay's (a signal, not a sleep).
    await expect.poll(() => page.evaluate(async () => (await navigator.locks.query()).pending?.some((l) => l.name === 'sampark-outbox') ?? false)).toBe(true);
    expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())!.waiting)).toBe(true);

    server.proxy.setSchedule(() => 'ok');
    const reloaded = page.waitForEvent('load');
    server.proxy.release();
    await reloaded; // the page reloads under the new worker
    await waitForServiceWorker(page);
    expect(await page.evaluate(async () => !(await navigator.serviceWorker.getRegistration())!.waiting)).toBe(true);
    await expect.poll(async () => (await deviceOutbox(page)).map((r) => r.state)).toEqual(['synced']);

    await server.stop();
    expect(server.exportAll()).toHaveLength(1);
  });
});
