/**
 * The grievance lifecycle end to end, by accessible name: an operator registers grievances that the
 * routing gives to the L1 officer of their department and district; the officer (another browser) finds
 * them in My queue and disposes one online and one OFFLINE (queued on the device, sent once when the
 * network returns); at the kiosk the citizen is Not satisfied and the operator reopens it with a reason;
 * it is back in the officer's queue with every step in its history, and `admin export` says reopened.
 * Two officer devices acting on the same grievance: the second is refused as stale, with the reason shown.
 */
import type { Browser, Page } from '@playwright/test';
import type { Account } from '../../src/domain/accounts';
import { formatGrievanceNumber } from '../../src/domain/numbers';
import {
  axeViolations, deviceOutbox, expect, outboxStatuses, registerGrievance, signIn, test, waitForServiceWorker, type Citizen, type TestServer,
} from './fixtures';

const OFFICER = { id: 'off.phed.jaipur', password: 'officer-secret-1', name: 'Rajesh Verma' };
const officerAccount: Account = { id: OFFICER.id, name: OFFICER.name, role: 'officer', level: 'L1', departments: ['phed'], district: 'jaipur' };

const jaipurWater: Citizen[] = [
  { name: 'सीता देवी', mobile: '9876543210', district: 'jaipur', department: 'phed', description: 'गाँव में पाँच दिन से पीने का पानी नहीं आ रहा है, हैंडपंप खराब है।' },
  { name: 'Ramesh Kumar', mobile: '9123456780', district: 'jaipur', department: 'phed', description: 'Pipeline leaking near the school for two weeks, no supply at our ward.' },
];

/** Registers the grievances at the kiosk and waits until the server has given each its official number. */
async function registerAndSync(page: Page, server: TestServer, citizens: Citizen[]): Promise<string[]> {
  await page.goto(`${server.url}/?lang=en`);
  await waitForServiceWorker(page);
  await signIn(page);
  const receipts: string[] = [];
  for (const c of citizens) receipts.push(await registerGrievance(page, c));
  await page.getByRole('link', { name: 'Outbox' }).click();
  await expect(outboxStatuses(page, 'Synced')).toHaveCount(citizens.length);
  const rows = await deviceOutbox(page);
  return receipts.map((r) => rows.find((x) => x.receiptNumber === r)!.number!);
}

/** A separate device (browser context) with the officer signed in, at My queue. */
async function officerDevice(browser: Browser, server: TestServer): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server.url}/?lang=en`);
  await waitForServiceWorker(page);
  await signIn(page, OFFICER.id, OFFICER.password);
  await expect(page.getByRole('heading', { name: 'My queue', level: 1 })).toBeVisible();
  return page;
}

const deviceActions = (page: Page) => page.getByRole('list', { name: 'Actions, oldest first' });

async function dispose(page: Page, outcome: string, remarks: string) {
  await page.getByRole('button', { name: 'Dispose', exact: true }).click();
  await page.getByRole('combobox', { name: 'Outcome' }).selectOption(outcome);
  await page.getByRole('textbox', { name: 'Remarks' }).fill(remarks);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
}

test.describe('grievance workflow', () => {
  test('registered, disposed by the officer (once offline), not satisfied and reopened at the kiosk, back in the queue', async ({ page, browser, server }) => {
    test.setTimeout(180_000);
    await server.createAccount(officerAccount, OFFICER.password);
    const [first, second] = await registerAndSync(page, server, jaipurWater);

    // The officer's queue: both grievances, each number a link.
    const officer = await officerDevice(browser, server);
    await expect(officer.getByRole('link', { name: 'My queue' })).toBeVisible();
    await expect(officer.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
    const queueLink = (n: string) => officer.getByRole('link', { name: formatGrievanceNumber(n), exact: true });
    await expect(queueLink(first)).toBeVisible();
    await expect(queueLink(second)).toBeVisible();
    expect(await axeViolations(officer)).toEqual([]);

    // Online: open the first, Dispose with an outcome and remarks, Save.
    await queueLink(first).click();
    await expect(officer.getByRole('heading', { name: `Grievance ${formatGrievanceNumber(first)}`, level: 1 })).toBeVisible();
    await expect(officer.getByText('With the officer', { exact: true })).toBeVisible();
    await dispose(officer, 'relief', 'Handpump repaired on 5 January; water supply restored.');
    await expect(deviceActions(officer).getByText('Done', { exact: true })).toHaveCount(1);
    await expect(officer.getByRole('heading', { name: 'Details' }).locator('..').getByText('Disposed', { exact: true })).toBeVisible();
    expect(await axeViolations(officer)).toEqual([]);

    // Offline: the second grievance was opened online (so it is kept), then Dispose with no network.
    await officer.getByRole('link', { name: 'Back to the list' }).click();
    await queueLink(second).click();
    await expect(officer.getByRole('button', { name: 'Dispose', exact: true })).toBeVisible();
    await officer.context().setOffline(true);
    await dispose(officer, 'interim-relief', 'Tanker arranged daily until the pipeline is repaired.');
    await expect(deviceActions(officer).getByText('Saved on device', { exact: true })).toBeVisible();
    // Still there after a reload without the network: the page, the grievance (kept copy) and the queued action.
    expect((await officer.reload())?.fromServiceWorker()).toBe(true);
    await expect(officer.getByText(/The server cannot be reached: showing what was saved/)).toBeVisible();
    await expect(deviceActions(officer).getByText('Saved on device', { exact: true })).toBeVisible();
    expect(await server.query(`SELECT 1 FROM grievance_events WHERE grievance_number = $1 AND action = 'dispose'`, [second])).toHaveLength(0);
    // The network returns: sent, applied exactly once.
    await officer.context().setOffline(false);
    await expect(deviceActions(officer).getByText('Done', { exact: true })).toBeVisible();
    await officer.getByRole('button', { name: 'Sync now' }).click(); // a further replay sends nothing again
    expect(await server.query(`SELECT 1 FROM grievance_events WHERE grievance_number = $1 AND action = 'dispose'`, [second])).toHaveLength(1);
    expect(await server.query(`SELECT 1 FROM workflow_actions WHERE action_id IN (SELECT details->>'actionId' FROM grievance_events WHERE grievance_number = $1 AND action = 'dispose')`, [second])).toHaveLength(1);

    // At the kiosk: Status, by the official number.
    await page.getByRole('link', { name: 'Status', exact: true }).click();
    await page.getByRole('textbox', { name: 'Grievance number' }).fill(first);
    await page.getByRole('button', { name: 'Look up' }).click();
    const card = page.getByRole('region', { name: `Grievance ${formatGrievanceNumber(first)}` });
    await expect(card.getByText('Disposed', { exact: true })).toBeVisible();
    await expect(card.getByText('Relief given')).toBeVisible();
    await expect(card.getByText('Handpump repaired on 5 January; water supply restored.', { exact: true })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await card.getByRole('button', { name: 'Not satisfied', exact: true }).click();
    await expect(deviceActions(page).getByText('Done', { exact: true })).toHaveCount(1);
    await expect(card.locator('dd', { hasText: 'Not satisfied' })).toBeVisible(); // the citizen's satisfaction, as recorded
    await card.getByRole('button', { name: 'Reopen', exact: true }).click();
    await card.getByRole('textbox', { name: 'Reason' }).fill('The handpump broke again after two days; still no water.');
    await card.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(deviceActions(page).getByText('Done', { exact: true })).toHaveCount(2);
    await expect(card.getByText('Reopened', { exact: true }).first()).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    // Without the network the kiosk still answers for grievances registered here, with the status last seen.
    await page.context().setOffline(true);
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect(page.getByText('No network: showing grievances registered on this device. Their status may be old.')).toBeVisible();
    await expect(card.getByText(/^Status as of/)).toBeVisible();
    await expect(card.getByText('Reopened', { exact: true }).first()).toBeVisible();
    await page.context().setOffline(false);

    // Back with the officer: in My queue again, and its history shows every step.
    await officer.getByRole('link', { name: 'My queue' }).click();
    await expect(queueLink(first)).toBeVisible();
    await expect(queueLink(second)).toBeHidden();
    await queueLink(first).click();
    const history = officer.getByRole('list', { name: 'History of the grievance, oldest first' });
    for (const step of ['Registered', 'Assigned', 'Disposed', "Citizen's feedback", 'Reopened'])
      await expect(history.getByText(step, { exact: true }).first()).toBeVisible();
    await expect(history.getByText('Relief given')).toBeVisible();
    await expect(history.getByText('Not satisfied', { exact: true })).toBeVisible();
    await expect(history.getByText('The handpump broke again after two days; still no water.')).toBeVisible();
    await expect(officer.getByRole('button', { name: 'Dispose', exact: true })).toBeVisible();
    expect(await axeViolations(officer)).toEqual([]);

    await officer.context().close();
    await server.stop();
    const exported = server.exportAll();
    expect(exported.find((g) => g.number === first)).toMatchObject({ status: 'reopened', reopenCount: 1, outcome: 'relief', satisfaction: 'not_satisfied' });
    expect(exported.find((g) => g.number === second)).toMatchObject({ status: 'disposed', reopenCount: 0, outcome: 'interim-relief' });
  });

  test('two officer devices act on the same grievance: the second is refused as stale, with the reason shown', async ({ page, browser, server }) => {
    await server.createAccount(officerAccount, OFFICER.password);
    const [number] = await registerAndSync(page, server, jaipurWater.slice(0, 1));
    const [a, b] = [await officerDevice(browser, server), await officerDevice(browser, server)];
    for (const p of [a, b]) {
      await p.getByRole('link', { name: formatGrievanceNumber(number), exact: true }).click();
      await expect(p.getByRole('button', { name: 'Dispose', exact: true })).toBeVisible();
    }

    await dispose(a, 'relief', 'Handpump repaired; supply restored.');
    await expect(deviceActions(a).getByText('Done', { exact: true })).toBeVisible();

    // The second device still shows the grievance as it was; its Dispose is refused, never applied.
    await dispose(b, 'rejected', 'Not a PHED matter.');
    const item = deviceActions(b).getByRole('listitem');
    await expect(item.getByText('Needs attention', { exact: true })).toBeVisible();
    await expect(item.getByText('The grievance has changed since you last saw it; refresh and try again.')).toBeVisible();
    await expect(item.getByText(/The grievance moved on: it is now “Disposed”/)).toBeVisible();
    await expect(item.getByText(/will not be sent again/)).toBeVisible();
    expect(await axeViolations(b)).toEqual([]);
    const disposals = await server.query<{ note: string }>(`SELECT note FROM grievance_events WHERE grievance_number = $1 AND action = 'dispose'`, [number]);
    expect(disposals.map((d) => d.note)).toEqual(['Handpump repaired; supply restored.']);

    // Read, and dismissed; "Sync now" does not send it again.
    await item.getByRole('button', { name: /^Dismiss/ }).click();
    await expect(deviceActions(b)).toBeHidden();
    await b.getByRole('button', { name: 'Sync now' }).click();
    expect(await server.query(`SELECT 1 FROM grievance_events WHERE grievance_number = $1 AND action = 'dispose'`, [number])).toHaveLength(1);
    await a.context().close();
    await b.context().close();
  });

  test("a secretary's review of the day and a nodal officer's pendency report with drill-down", async ({ page, browser, server }) => {
    const secretary = { id: 'sec.phed', password: 'secretary-secret-1' };
    const nodal = { id: 'nodal.phed.jaipur', password: 'nodal-secret-1' };
    await server.createAccount(officerAccount, OFFICER.password);
    await server.createAccount({ id: secretary.id, name: 'Anita Singh', role: 'secretary', departments: ['phed'] }, secretary.password);
    await server.createAccount({ id: nodal.id, name: 'Vikram Joshi', role: 'nodal', departments: ['phed'], district: 'jaipur' }, nodal.password);
    const [number] = await registerAndSync(page, server, jaipurWater.slice(0, 1));
    const shown = formatGrievanceNumber(number);

    // The secretary starts at Today's review: the grievance, its history link, a note, Mark reviewed.
    const sec = await (await browser.newContext()).newPage();
    await sec.goto(`${server.url}/?lang=en`);
    await signIn(sec, secretary.id, secretary.password);
    await expect(sec.getByRole('heading', { name: "Today's review", level: 1 })).toBeVisible();
    const item = sec.getByRole('listitem').filter({ has: sec.getByRole('heading', { name: shown }) });
    await expect(item.getByRole('link', { name: /See its history/ })).toBeVisible();
    expect(await axeViolations(sec)).toEqual([]);
    await item.getByRole('textbox', { name: 'Instruction to the officer' }).fill('Restore supply within two days and report back.');
    await item.getByRole('button', { name: 'Mark reviewed' }).click();
    await expect(item.getByText(/^Reviewed at/)).toBeVisible();
    await expect(sec.getByText('1 of 1 reviewed')).toBeVisible();
    // The instruction is in the grievance's history.
    await item.getByRole('link', { name: /See its history/ }).click();
    await expect(sec.getByRole('list', { name: 'History of the grievance, oldest first' }).getByText('Instruction: Restore supply within two days and report back.')).toBeVisible();
    await sec.getByRole('link', { name: 'Review', exact: true }).click();
    const reviews = sec.getByRole('table', { name: /From/ });
    await expect(reviews.getByRole('row').filter({ hasText: secretary.id }).getByRole('cell').last()).toHaveText('1');
    await sec.context().close();

    // The nodal officer's report: PHED in Jaipur, one pending in 0–7 days; the count opens the list.
    const nod = await (await browser.newContext()).newPage();
    await nod.goto(`${server.url}/reports?lang=en`);
    await signIn(nod, nodal.id, nodal.password);
    await expect(nod.getByRole('heading', { name: 'Pending grievances report', level: 1 })).toBeVisible();
    const table = nod.getByRole('table', { name: /Pending grievances as of/ });
    const row = table.getByRole('row', { name: /PHED|Public Health/ }).first();
    await expect(row).toBeVisible();
    expect(await axeViolations(nod)).toEqual([]);
    await row.getByRole('button', { name: /^1: show the grievances of .* aged 0–7 days$/ }).click();
    await expect(nod.getByRole('heading', { name: /grievances pending 0–7 days/ })).toBeFocused();
    await nod.getByRole('link', { name: shown, exact: true }).click();
    await expect(nod.getByRole('heading', { name: `Grievance ${shown}`, level: 1 })).toBeVisible();
    await nod.context().close();
  });
});
