import { test, expect, waitForServiceWorker, registerGrievance, citizens, deviceOutbox, axeViolations, outboxStatuses, signIn } from './fixtures';

test.describe('needs attention', () => {
  test('a record the server refuses is corrected and resent, another is discarded after confirming', async ({ page, context, server }) => {
    await page.goto(`${server.url}/?lang=en`);
    await waitForServiceWorker(page);
    await signIn(page);
    await context.setOffline(true);
    const receipts = [await registerGrievance(page, citizens[0]), await registerGrievance(page, citizens[1])];

    // Make the server refuse both (invalid: no such operator of this kiosk) by changing the stored payloads.
    await page.evaluate(() => new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('sampark-kiosk');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction('grievances', 'readwrite');
        const store = tx.objectStore('grievances');
        const req = store.getAll();
        req.onsuccess = () => { for (const g of req.result) store.put({ ...g, submission: { ...g.submission, operatorId: 'op.nobody' } }); };
        tx.oncomplete = () => { open.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
    }));

    await page.getByRole('link', { name: 'Outbox' }).click();
    await context.setOffline(false);
    await expect(outboxStatuses(page, 'Needs attention')).toHaveCount(2);
    await expect(page.getByText('Press “Correct and resend” and correct the details above').first()).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    // Correct and resend the first: the form comes prefilled; saving sends it with the same receipt number.
    await page.getByRole('link', { name: `Correct and resend ${receipts[0]}` }).click();
    await expect(page.getByText(`Correcting the grievance with receipt ${receipts[0]}`)).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Citizen name', exact: true })).toHaveValue(citizens[0].name);
    await expect(page.getByRole('textbox', { name: 'Grievance description', exact: true })).toHaveValue(citizens[0].description);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save and resend' }).click();
    await expect(page.getByRole('region', { name: 'Receipt' })).toContainText(receipts[0]);

    await page.getByRole('link', { name: 'Outbox' }).click();
    await expect(outboxStatuses(page, 'Synced')).toHaveCount(1);
    await expect(outboxStatuses(page, 'Needs attention')).toHaveCount(1);

    // Discard the other, after confirming ("Keep" first changes nothing).
    await page.getByRole('button', { name: `Discard ${receipts[1]}` }).click();
    await expect(page.getByText(`Discard the grievance with receipt ${receipts[1]}?`)).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: `Keep ${receipts[1]}` }).click();
    await expect(outboxStatuses(page, 'Needs attention')).toHaveCount(1);
    await page.getByRole('button', { name: `Discard ${receipts[1]}` }).click();
    await page.getByRole('button', { name: `Yes, discard ${receipts[1]}` }).click();
    await expect(outboxStatuses(page, 'Needs attention')).toHaveCount(0);
    const rows = await deviceOutbox(page);
    expect(rows.map((r) => [r.receiptNumber, r.state])).toEqual([[receipts[0], 'synced']]);

    await server.stop();
    const exported = server.exportAll();
    expect(exported.map((g) => g.receiptNumber)).toEqual([receipts[0]]);
  });
});

test.describe('a record the server keeps failing on', () => {
  test('ends alone in Needs attention while the others sync, and goes once the server is fixed and the operator sends it again', async ({ page, context, server }) => {
    const MARK = 'POISON-7F3A';
    await page.goto(`${server.url}/?lang=en`);
    await waitForServiceWorker(page);
    await signIn(page);
    await context.setOffline(true);
    const marked = { ...citizens[1], description: `${citizens[1].description} ${MARK}` };
    const receipts = [await registerGrievance(page, citizens[0]), await registerGrievance(page, marked), await registerGrievance(page, citizens[2])];
    server.proxy.setPoison(MARK);
    await page.getByRole('link', { name: 'Outbox' }).click();
    await context.setOffline(false);

    // The operator presses Sync now after each failed attempt, until the marked record is set aside.
    const row = async () => (await deviceOutbox(page)).find((r) => r.receiptNumber === receipts[1])!;
    for (let i = 0; i < 10 && (await row()).state !== 'attention'; i++) {
      const { attempts } = await row();
      await page.getByRole('button', { name: 'Sync now' }).click();
      await expect.poll(async () => { const r = await row(); return r.state === 'attention' || r.attempts > attempts; }).toBe(true);
    }
    await expect(outboxStatuses(page, 'Synced')).toHaveCount(2);
    await expect(outboxStatuses(page, 'Needs attention')).toHaveCount(1);
    await expect(page.getByText('The server failed every time this grievance was sent, while the others went through.')).toBeVisible();
    expect(server.proxy.poisoned.at(-1)).toBe(1); // the last tries carried it alone
    expect(await axeViolations(page)).toEqual([]);

    // The server is fixed; "Send again" sends it, with the same receipt number.
    server.proxy.setPoison(undefined);
    await page.getByRole('button', { name: `Send again ${receipts[1]}` }).click();
    await expect(outboxStatuses(page, 'Synced')).toHaveCount(3);
    await server.stop();
    expect(server.exportAll().map((g) => g.receiptNumber).sort()).toEqual([...receipts].sort());
  });
});
