/**
 * The state dashboard and the secretary's report to ministers on the Reports screen (issue 11, items 3 and
 * 4): a minister of PHED opens the dashboard, drills down from the department to the district to the officers
 * and downloads that level's CSV; a secretary opens their review report and prints it (print media hides the
 * controls); both screens pass axe, in English and Hindi, at 360 px wide.
 */
import { readFileSync } from 'node:fs';
import { axeViolations, type Citizen, expect, outboxStatuses, registerGrievance, signIn, test, waitForServiceWorker } from './fixtures';

const citizen: Citizen = { name: 'सीता देवी', mobile: '9876543210', district: 'jaipur', department: 'phed', description: 'गाँव में पाँच दिन से पीने का पानी नहीं आ रहा है, हैंडपंप खराब है।' };
const MINISTER = { id: 'minister.phed', password: 'minister-secret-1', name: 'Minister PHED' };
const SECRETARY = { id: 'secy.phed', password: 'secretary-secret-1', name: 'Secretary PHED' };

test('a minister opens the dashboard, drills down to the officers and downloads the CSV', async ({ page, browser, server }) => {
  test.setTimeout(180_000);
  await server.createAccount({ id: MINISTER.id, name: MINISTER.name, role: 'minister', departments: ['phed'] }, MINISTER.password);
  await page.goto(`${server.url}/?lang=en`);
  await waitForServiceWorker(page);
  await signIn(page);
  await registerGrievance(page, citizen);
  await page.getByRole('link', { name: 'Outbox' }).click();
  await expect(outboxStatuses(page, 'Synced')).toHaveCount(1);

  const m = await (await browser.newContext({ acceptDownloads: true, viewport: { width: 360, height: 780 } })).newPage();
  await m.goto(`${server.url}/reports?lang=en`);
  await signIn(m, MINISTER.id, MINISTER.password);
  const dash = m.getByRole('region', { name: /State dashboard/ });
  await expect(dash.getByRole('table', { name: /By department/ })).toBeVisible();
  expect(await axeViolations(m)).toEqual([]);
  await dash.getByRole('button', { name: /Public Health Engineering.*show details/ }).click();
  await expect(dash.getByRole('table', { name: /by district/ })).toBeVisible();
  await dash.getByRole('button', { name: 'Jaipur: show details' }).click();
  const officers = dash.getByRole('table', { name: /Jaipur: by officer/ });
  await expect(officers).toBeVisible();
  await expect(officers.getByRole('row')).toHaveCount(3); // heading, one holder, total
  const [download] = await Promise.all([m.waitForEvent('download'), dash.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('sampark-dashboard-phed-jaipur.csv');
  const lines = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
  expect(lines[0]).toMatch(/^level,key,name,pending,overdue,/);
  expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['officer', 'officer']);
  expect(lines[2]).toMatch(/^officer,total,,1,/);
  // Back up, and the whole page in Hindi without axe findings.
  await dash.getByRole('button', { name: 'Back to All departments' }).click();
  await expect(dash.getByRole('table', { name: /By department/ })).toBeVisible();
  await m.goto(`${server.url}/reports?lang=hi`);
  await expect(m.getByRole('region', { name: /राज्य डैशबोर्ड/ }).getByRole('table')).toBeVisible();
  expect(await axeViolations(m)).toEqual([]);
  await m.context().close();
});

test('a secretary opens their review report and prints it', async ({ browser, server }) => {
  test.setTimeout(120_000);
  await server.createAccount({ id: SECRETARY.id, name: SECRETARY.name, role: 'secretary', departments: ['phed'] }, SECRETARY.password);
  const s = await (await browser.newContext({ viewport: { width: 360, height: 780 } })).newPage();
  await s.addInitScript(() => { (window as unknown as { printed: number }).printed = 0; window.print = () => { (window as unknown as { printed: number }).printed++; }; });
  await s.goto(`${server.url}/reports?lang=en`);
  await signIn(s, SECRETARY.id, SECRETARY.password);
  const report = s.getByRole('region', { name: "Secretary's review report (for the minister)" });
  await expect(report.getByRole('heading', { name: /Secretary PHED \(secy\.phed\)/, level: 3 })).toBeVisible();
  await expect(report.getByRole('table', { name: 'Secretary PHED (secy.phed): the target of 10 reviews a day' }).getByRole('row')).toHaveCount(8); // heading + 7 days
  expect(await axeViolations(s)).toEqual([]);
  await report.getByRole('button', { name: 'Print' }).click();
  expect(await s.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await s.emulateMedia({ media: 'print' });
  await expect(report.getByRole('button', { name: 'Print' })).toBeHidden();
  await expect(report.getByRole('heading', { name: /Secretary PHED/, level: 3 })).toBeVisible();
  await s.emulateMedia({ media: 'screen' });
  await s.goto(`${server.url}/reports?lang=hi`);
  await expect(s.getByRole('region', { name: 'सचिव की समीक्षा रिपोर्ट (मंत्री हेतु)' })).toBeVisible();
  expect(await axeViolations(s)).toEqual([]);
  await s.context().close();
});
