/**
 * On-the-spot disposal at a camp and the token log (issue 12 items 3 and 5): a camp device offline gives a
 * token and calls it, the operator registers a grievance, an officer present signs in on the same device
 * (offline, having signed in online there once) and disposes of it; the slip prints (its text checked);
 * the officer hands the device back and the operator unlocks it. Back online, one sync: the grievance and
 * its disposal are on the server exactly once, and the camp report shows 1 disposed on the spot and the token served.
 */
import { test, expect, waitForServiceWorker, signIn, registerGrievance, citizens, outboxStatuses, seriousAxeViolations } from './fixtures';
import type { Account } from '../../src/domain/accounts';
import { CampReport } from '../../src/domain/events';

const AE: Account = { id: 'ae.khera', name: 'Ramesh Chand Gupta', role: 'officer', level: 'L1', departments: ['phed'], district: 'jaipur' };
const AE_PASSWORD = 'officer-secret-7';
const ADMIN: Account = { id: 'admin.camp', name: 'Camp Admin', role: 'admin' };
const ADMIN_PASSWORD = 'admin-secret-9';

test('an officer present disposes offline on the camp device; slip printed; back online the disposal and the tokens reach the server once', async ({ page, context, server }) => {
  await server.createAccount(AE, AE_PASSWORD);
  await server.createAccount(ADMIN, ADMIN_PASSWORD);
  const login = await (await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operatorId: ADMIN.id, password: ADMIN_PASSWORD, deviceId: 'ADMN1' }) })).json() as { accessToken: string };
  const adminApi = (path: string, body?: unknown) => fetch(`${server.url}${path}`, {
    method: body ? 'POST' : 'GET', headers: { authorization: `Bearer ${login.accessToken}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const today = new Date(Date.now() + 5.5 * 3600_000).toISOString().slice(0, 10);
  const created = await adminApi('/api/events', {
    kind: 'camp', name: 'Prashasan Gaon ke Sang, Khera', date: today, districtCode: 'jaipur', venue: 'Govt. School, Khera',
    departments: ['phed'], officers: [AE.id], operators: [server.operator.id],
  });
  expect(created.status).toBe(200);
  const ev = (await created.json()) as { id: string };

  await page.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => { (window as unknown as { printed: number }).printed++; };
  });
  await page.goto(`${server.url}/?lang=en`);
  await waitForServiceWorker(page);
  // Before the camp, online: the officer signs in once on this device (so they can sign in offline there), then out.
  await signIn(page, AE.id, AE_PASSWORD);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  // The operator signs in, downloads the camps and chooses this one.
  await signIn(page);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Download camps' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Camps downloaded' })).toBeVisible();
  await page.getByRole('radio', { name: /Prashasan Gaon ke Sang, Khera/ }).check();

  // At the camp, offline all day: a token given and called, a grievance registered.
  await context.setOffline(true);
  await page.getByRole('link', { name: 'Camp tokens' }).click();
  await page.getByRole('button', { name: 'Give token' }).click();
  await page.getByRole('button', { name: 'Call next token' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'called to counter 1' })).toBeVisible();
  await page.getByRole('link', { name: 'New grievance' }).click();
  const receipt = await registerGrievance(page, citizens[0]);

  // The operator calls the officer: the screen locks, the officer signs in (offline) as someone else.
  await page.getByRole('link', { name: 'On-the-spot disposal' }).click();
  await expect(page.getByRole('heading', { name: 'On-the-spot disposal', level: 1 })).toBeVisible();
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Officer sign-in' }).click();
  await page.getByRole('button', { name: 'Sign in as someone else' }).click();
  await signIn(page, AE.id, AE_PASSWORD);
  await expect(page.getByRole('heading', { name: 'On-the-spot disposal', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: `Dispose ${receipt}` }).click();
  await page.getByRole('button', { name: 'Save the disposal and print the slip' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Choose the outcome' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Outcome' }).selectOption('relief');
  await page.getByRole('textbox', { name: /What was done/ }).fill('Handpump repaired at the camp; water supply restored.');
  await page.evaluate(() => { (window as unknown as { printed: number }).printed = 0; }); // the token slip printed before
  await page.getByRole('button', { name: 'Save the disposal and print the slip' }).click();

  const slip = page.getByRole('region', { name: 'On-the-spot disposal slip' });
  await expect(slip).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  const text = (await slip.textContent())!.replace(/\s+/g, ' ');
  expect(text).toContain('मौके पर निस्तारण पर्ची');
  expect(text.indexOf('पावती संख्या')).toBeLessThan(text.indexOf('Receipt number')); // Hindi first, then English
  expect(text).toContain(receipt);
  expect(text).toContain('Public Health Engineering');
  expect(text).toContain('राहत दी गई');
  expect(text).toContain('Relief given');
  expect(text).toContain('Handpump repaired at the camp; water supply restored.');
  expect(text).toContain(`${AE.name}, Level L1`);
  expect(text).toContain('Prashasan Gaon ke Sang, Khera, Govt. School, Khera');
  expect(text).toMatch(/IST/);
  await expect(slip.getByRole('img', { name: 'Scan to see the status' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: receipt })).toContainText('Disposed on the spot: Waiting to be sent');
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.setViewportSize({ width: 1280, height: 800 });

  // The officer hands the device back; the operator unlocks it with their own password.
  await page.getByRole('button', { name: 'Hand the device back to the operator' }).click();
  await expect(page.getByText(`${server.operator.name} (${server.operator.id}) is signed in`)).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill(server.operator.password);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('link', { name: 'Outbox' })).toBeVisible();

  // Back online, one sync: the grievance, then the officer's disposal (with the officer's own token), then the token log.
  await context.setOffline(false);
  await page.getByRole('link', { name: 'Outbox' }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(outboxStatuses(page, 'Synced')).toHaveCount(1);
  await expect.poll(async () => (await server.query<{ status: string }>('SELECT status FROM grievances'))[0]?.status).toBe('disposed');
  await expect.poll(async () => (await server.query<{ n: number }>('SELECT count(*)::int AS n FROM camp_tokens'))[0].n).toBe(1);
  await page.getByRole('button', { name: 'Sync now' }).click(); // a second sync sends nothing again
  await expect(outboxStatuses(page, 'Needs attention')).toHaveCount(0);
  expect((await server.query<{ n: number }>('SELECT count(*)::int AS n FROM grievances'))[0].n).toBe(1);
  const disposals = await server.query<{ actor_id: string; campEventId: string }>("SELECT actor_id, details->>'campEventId' AS \"campEventId\" FROM grievance_events WHERE action = 'dispose'");
  expect(disposals).toEqual([{ actor_id: AE.id, campEventId: ev.id }]);

  const report = CampReport.parse(await (await adminApi(`/api/events/${ev.id}/report`)).json());
  expect(report).toMatchObject({ registered: 1, disposed: 1, onTheSpot: 1, pending: 0, tokens: { issued: 1, served: 1, devices: 1 } });
});
