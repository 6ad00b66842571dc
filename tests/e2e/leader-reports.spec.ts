/**
 * The figures for leaders on the Reports screen (issue 11): an operator registers two grievances; the
 * PHED secretary sees the day's infographic (its figures in its text alternative), picks the month and
 * downloads the monthly CSV, whose rows carry the two grievances; the screen passes axe in both languages.
 */
import { readFileSync } from 'node:fs';
import { axeViolations, type Citizen, expect, outboxStatuses, registerGrievance, signIn, test, waitForServiceWorker } from './fixtures';

const water: Citizen[] = [
  { name: 'सीता देवी', mobile: '9876543210', district: 'jaipur', department: 'phed', description: 'गाँव में पाँच दिन से पीने का पानी नहीं आ रहा है, हैंडपंप खराब है।' },
  { name: 'Ramesh Kumar', mobile: '9123456780', district: 'ajmer', department: 'phed', description: 'Pipeline leaking near the school for two weeks, no supply at our ward.' },
];
const SECRETARY = { id: 'secy.phed', password: 'secretary-secret-1', name: 'Secretary PHED' };

test('a secretary sees the day\'s infographic and downloads the monthly CSV from the Reports screen', async ({ page, browser, server }) => {
  test.setTimeout(180_000);
  await server.createAccount({ id: SECRETARY.id, name: SECRETARY.name, role: 'secretary', departments: ['phed'] }, SECRETARY.password);

  await page.goto(`${server.url}/?lang=en`);
  await waitForServiceWorker(page);
  await signIn(page);
  for (const c of water) await registerGrievance(page, c);
  await page.getByRole('link', { name: 'Outbox' }).click();
  await expect(outboxStatuses(page, 'Synced')).toHaveCount(2);

  const sec = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await sec.goto(`${server.url}/reports?lang=en`);
  await signIn(sec, SECRETARY.id, SECRETARY.password);
  await expect(sec.getByRole('heading', { name: 'Figures of the day (infographic)', level: 2 })).toBeVisible();
  const infographic = sec.getByRole('img', { name: /Rajasthan Sampark: figures of the day/ });
  await expect(infographic).toBeVisible();
  await expect(infographic).toHaveAccessibleDescription(/2 grievances registered, 0 disposed, 2 pending at the end of the day/);
  expect(await axeViolations(sec)).toEqual([]);

  const month = new Date(Date.now() + 5.5 * 3600_000).toISOString().slice(0, 7);
  const monthly = sec.getByRole('region', { name: 'Monthly department-wise report' });
  await monthly.getByRole('textbox', { name: 'Month' }).fill(month);
  await monthly.getByRole('button', { name: 'Show' }).click();
  await expect(sec.getByRole('table', { name: new RegExp(`${month}: by department and district`) })).toBeVisible();
  const [download] = await Promise.all([sec.waitForEvent('download'), monthly.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toBe(`sampark-${month}.csv`);
  const lines = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
  expect(lines[0]).toBe('departmentCode,districtCode,registered,disposed,disposedWithinLimit,pendingAtMonthEnd,medianDaysToDispose,satisfied,notSatisfied,reopened,escalated');
  const registered = lines.slice(1).map((l) => l.split(',')).filter((c) => c[0] === 'phed').reduce((n, c) => n + Number(c[2]), 0);
  expect(registered).toBe(2);

  // In Hindi too, with Devanagari digits in the infographic, and nothing for axe to find.
  await sec.goto(`${server.url}/reports?lang=hi`);
  await expect(sec.getByRole('img', { name: /राजस्थान संपर्क: आज के आँकड़े/ })).toBeVisible();
  await expect(sec.locator('.lf-infographic .ig-registered')).toHaveText('२');
  expect(await axeViolations(sec)).toEqual([]);
  await sec.context().close();
});
