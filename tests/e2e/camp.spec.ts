/**
 * Camp mode (issue 12): a camp device offline all day registers three grievances and exports the hand-over
 * file; a second device, another operator signed in online, imports it: the server has the three, once; a
 * copy with one byte changed puts nothing on the server; the camp device comes online and syncs: still
 * three, its outbox shows them Synced, none in Needs attention.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, waitForServiceWorker, signIn, registerGrievance, citizens, outboxStatuses, seriousAxeViolations, type TestOperator } from './fixtures';

const ASHA: TestOperator = { id: 'op.asha', password: 'asha-secret-22', name: 'Asha Meena', kioskCode: 'K2000001' };

test('three grievances registered offline reach the server once through a hand-over file; a changed copy puts nothing', async ({ browser, server }, testInfo) => {
  const count = async () => (await server.query<{ n: number }>('SELECT count(*)::int AS n FROM grievances'))[0].n;

  // Device A, the camp device: signed in online once (its key is registered then), then offline all day.
  const a = await browser.newContext({ acceptDownloads: true, viewport: { width: 360, height: 740 } });
  const pageA = await a.newPage();
  await pageA.goto(`${server.url}/?lang=en`);
  await waitForServiceWorker(pageA);
  await signIn(pageA);
  await a.setOffline(true);
  const receipts: string[] = [];
  for (const c of citizens) receipts.push(await registerGrievance(pageA, c));

  await pageA.getByRole('link', { name: 'Outbox' }).click();
  await expect(outboxStatuses(pageA, 'Saved on device')).toHaveCount(3);
  const download = pageA.waitForEvent('download');
  await pageA.getByRole('button', { name: 'Export hand-over file', exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^sampark-handover-K1023456-[0-9A-Z]{5}-\d{8}-\d{4}\.json$/);
  const good = join(testInfo.outputDir, 'good.json');
  await file.saveAs(good);
  await expect(pageA.getByRole('status').filter({ hasText: 'Hand-over file' })).toContainText('3 grievances');
  expect(await seriousAxeViolations(pageA)).toEqual([]);
  expect(await pageA.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360); // usable at 360 px
  expect(await count()).toBe(0);

  // The file holds the three, signed; a copy with one byte of the second citizen's name changed.
  const bytes = readFileSync(good);
  const text = bytes.toString('utf8');
  for (const r of receipts) expect(text).toContain(r);
  const changed = Buffer.from(bytes);
  changed[bytes.indexOf('Ramesh')] = 'S'.charCodeAt(0); // "Samesh": still well-formed JSON
  const tampered = join(testInfo.outputDir, 'changed.json');
  writeFileSync(tampered, changed);

  // Device B: another operator of another kiosk, online.
  await server.createOperator(ASHA);
  const b = await browser.newContext();
  const pageB = await b.newPage();
  await pageB.goto(`${server.url}/?lang=en`);
  await signIn(pageB, ASHA.id, ASHA.password);
  await pageB.getByRole('link', { name: 'Settings' }).click();
  const field = pageB.getByLabel('Import hand-over file', { exact: true });

  await field.setInputFiles(tampered);
  await expect(pageB.getByRole('alert')).toContainText('changed after it was exported');
  expect(await count()).toBe(0);

  await field.setInputFiles(good);
  await expect(pageB.getByRole('status').filter({ hasText: 'imported' })).toContainText('3 newly registered, 0 already on the server, 0 refused');
  expect(await seriousAxeViolations(pageB)).toEqual([]);
  expect(await count()).toBe(3);
  const rows = await server.query<{ kiosk_code: string; operator_id: string; receipt_number: string }>('SELECT kiosk_code, operator_id, receipt_number FROM grievances ORDER BY receipt_number');
  expect(rows.map((r) => r.receipt_number)).toEqual([...receipts].sort());
  expect(new Set(rows.map((r) => `${r.kiosk_code} ${r.operator_id}`))).toEqual(new Set(['K1023456 op.meena'])); // registered by the camp kiosk and operator

  // Importing the same file again changes nothing; in Hindi, the tampered one is refused in Hindi.
  await field.setInputFiles(good);
  await expect(pageB.getByRole('status').filter({ hasText: 'imported' })).toContainText('0 newly registered, 3 already on the server');
  await pageB.goto(`${server.url}/settings?lang=hi`);
  await pageB.getByLabel('हैंड-ओवर फ़ाइल आयात करें', { exact: true }).setInputFiles(tampered);
  await expect(pageB.getByRole('alert')).toContainText('निर्यात के बाद बदली गई');
  expect(await seriousAxeViolations(pageB)).toEqual([]);
  expect(await count()).toBe(3);

  // The camp device comes online and syncs: nothing doubled, all Synced, nothing in Needs attention.
  await a.setOffline(false);
  await pageA.getByRole('button', { name: 'Sync now' }).click();
  await expect(outboxStatuses(pageA, 'Synced')).toHaveCount(3);
  await expect(outboxStatuses(pageA, 'Needs attention')).toHaveCount(0);
  expect(await count()).toBe(3);
  await a.close();
  await b.close();
});
