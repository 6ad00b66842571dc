import { test, expect, waitForServiceWorker, registerGrievance, citizens, deviceOutbox, axeViolations, outboxStatuses, signIn } from './fixtures';

test.describe('offline intake to an exactly-once server', () => {
  test('registers 3 grievances offline and delivers each exactly once when the network returns', async ({ page, context, server }) => {
    await page.goto(`${server.url}/?lang=en`);
    await waitForServiceWorker(page);
    expect(await axeViolations(page)).toEqual([]); // the sign-in screen
    await signIn(page); // online, once: from here the operator could also sign in offline
    await expect(page.getByRole('button', { name: 'Register grievance' })).toBeVisible();

    await context.setOffline(true);
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await expect(page.getByRole('button', { name: 'Register grievance' })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    const receipts: string[] = [];
    for (const c of citizens) {
      receipts.push(await registerGrievance(page, c));
      if (receipts.length === 1) expect(await axeViolations(page)).toEqual([]);
    }
    expect(new Set(receipts).size).toBe(3);

    await page.getByRole('link', { name: 'Outbox' }).click();
    await expect(outboxStatuses(page, 'Saved on device')).toHaveCount(3);
    expect(await axeViolations(page)).toEqual([]);
    expect(server.proxy.applied).toHaveLength(0); // nothing left the device while offline

    await context.setOffline(false);
    await expect(outboxStatuses(page, 'Synced')).toHaveCount(3);
    const rows = await deviceOutbox(page);
    expect(rows.map((r) => r.state)).toEqual(['synced', 'synced', 'synced']);
    for (const r of rows) await expect(page.getByText(`${r.number!.slice(0, 4)}-${r.number!.slice(4, 8)}-${r.number!.slice(8, 12)}-${r.number!.slice(12)}`)).toBeVisible();

    await server.stop();
    const exported = server.exportAll();
    expect(exported).toHaveLength(3);
    expect(exported.map((g) => g.receiptNumber).sort()).toEqual([...receipts].sort());
    expect(exported.map((g) => g.number).sort()).toEqual(rows.map((r) => r.number).sort());
    expect(new Set(exported.map((g) => g.clientId)).size).toBe(3);
  });

  test('delivers exactly once when the page reloads while the sync is in flight', async ({ page, context, server }) => {
    await page.goto(`${server.url}/?lang=en`);
    await waitForServiceWorker(page);
    await signIn(page);
    await context.setOffline(true);
    for (const c of citizens) await registerGrievance(page, c);

    // The first sync request reaches the server (which commits) but its answer is slow; the page reloads meanwhile.
    const faults: ('slow' | 'ok')[] = ['slow'];
    server.proxy.setSchedule(() => faults.shift() ?? 'ok');
    await context.setOffline(false);
    await expect.poll(() => server.proxy.applied.length).toBeGreaterThan(0);
    await page.reload();
    await page.getByRole('link', { name: 'Outbox' }).click();
    await expect(outboxStatuses(page, 'Synced')).toHaveCount(3);

    await server.stop();
    const exported = server.exportAll();
    expect(exported).toHaveLength(3);
    expect(new Set(exported.map((g) => g.clientId)).size).toBe(3);
  });
});
