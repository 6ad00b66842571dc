/**
 * First run and administration in the browser (issue 15), by accessible name: the setup link makes the
 * first admin, who creates an operator in the browser who then signs in; the CSV import reports bad rows
 * and changes nothing; the routing tester names the officer a synced grievance then really goes to; a
 * holiday moves the due date the Holidays screen computes.
 */
import type { Page } from '@playwright/test';
import { expect, OPERATOR, seriousAxeViolations, signIn, test, waitForServiceWorker, type TestServer } from './fixtures';
import { receiptNumber } from '../../src/domain/numbers';

// Generous on a loaded shared machine; each test takes seconds on a quiet one.
test.describe.configure({ timeout: 240_000 });

const ADMIN = { id: 'it.cell', name: 'District IT cell', password: 'admin-secret-1' };

/** Opens the setup link, creates the admin and signs in as them (English UI). */
async function firstRun(page: Page, server: TestServer): Promise<void> {
  await page.goto(await server.setupLink());
  await expect(page.getByRole('heading', { name: 'First run: create the admin account' })).toBeVisible();
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.getByRole('textbox', { name: 'Admin ID', exact: true }).fill(ADMIN.id);
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(ADMIN.name);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create admin' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The admin account is ready' })).toBeVisible();
  await page.getByRole('button', { name: 'Go to sign in' }).click();
  await signIn(page, ADMIN.id, ADMIN.password);
}

test('first run: the setup link makes the admin, who creates an operator in the browser who then signs in', async ({ page, server }) => {
  await firstRun(page, server);
  await page.getByRole('link', { name: 'Accounts', exact: true }).click();
  await page.getByRole('button', { name: 'New account' }).click();
  await page.getByRole('textbox', { name: 'Account ID' }).fill('op.kavita');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Kavita Joshi');
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('kavita-secret-1');
  await page.getByRole('combobox', { name: 'Role' }).selectOption('operator');
  await page.getByRole('textbox', { name: 'Kiosk code' }).fill('K७७७०००१'); // Devanagari digits are fine
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Account op.kavita created' })).toBeVisible();
  await expect(page.getByRole('row', { name: /op\.kavita/ })).toContainText('K7770001');
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Operator ID', exact: true })).toBeVisible();
  await page.goto(`${server.url}/?lang=en`); // the kiosk's start page, not the admin's last screen
  await signIn(page, 'op.kavita', 'kavita-secret-1');
  await expect(page.getByRole('button', { name: 'Register grievance' })).toBeVisible();
});

test('CSV import: a check lists each bad row, and an import with bad rows changes nothing', async ({ page, server }) => {
  await server.createAccount({ id: ADMIN.id, name: ADMIN.name, role: 'admin' }, ADMIN.password);
  await page.goto(`${server.url}/admin/accounts?lang=en`);
  await signIn(page, ADMIN.id, ADMIN.password);
  await page.getByText('Add kiosk operators from CSV').click();
  const csv = 'id,name,kiosk,password\nop.ramesh,Ramesh Kumar,K7001,ramesh-secret-1\nop.bad,,K7002,short\nop.meena,Meena,KX,meena-secret-2\n';
  await page.getByLabel('CSV file').setInputFiles({ name: 'operators.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Check (change nothing)' }).click();
  const report = page.getByRole('region', { name: 'Row by row' });
  await expect(page.getByText('New: 1, updates: 0, errors: 2')).toBeVisible();
  await expect(report.getByRole('row', { name: /^3 op\.bad/ })).toContainText('Name must be 1 to 100 characters');
  await expect(report.getByRole('row', { name: /^4 op\.meena/ })).toContainText('Kiosk code is K followed by digits');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('Nothing was changed. Fix the rows with errors')).toBeVisible();
  expect(await server.query(`SELECT id FROM accounts WHERE id = 'op.ramesh'`)).toEqual([]);
});

test('the routing tester names the officer a grievance then really goes to; a holiday moves the due date', async ({ page, server }) => {
  await server.createAccount({ id: ADMIN.id, name: ADMIN.name, role: 'admin' }, ADMIN.password);
  await server.createAccount({ id: 'ae.phed.jaipur', name: 'R K Gupta', role: 'officer', level: 'L1', departments: ['phed'], district: 'jaipur' }, 'officer-secret-1');
  await page.goto(`${server.url}/admin/routing?lang=en`);
  await signIn(page, ADMIN.id, ADMIN.password);
  const tester = page.getByRole('form', { name: 'Who would get this grievance?' });
  await tester.getByRole('combobox', { name: 'Department' }).selectOption('phed');
  await tester.getByRole('combobox', { name: 'District' }).selectOption('jaipur');
  await tester.getByRole('button', { name: 'Check' }).click();
  const result = page.getByRole('region', { name: 'Result of the check' });
  await expect(result.getByRole('listitem').first()).toContainText('L1: R K Gupta (ae.phed.jaipur)');

  // A kiosk sends such a grievance: the real routing gives it to the same officer.
  const login = await (await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ operatorId: OPERATOR.id, password: OPERATOR.password, deviceId: 'E2E01' }) })).json() as { accessToken: string };
  const created = '2026-12-03T10:00:00.000+05:30';
  const res = await fetch(`${server.url}/api/sync/grievances`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${login.accessToken}` },
    body: JSON.stringify({ grievances: [{ clientId: '01JDQ4ZV6W3B8Q0G6N2K7F5X9A', receiptNumber: receiptNumber(OPERATOR.kioskCode, new Date(created), 'E2E01', 1), kioskCode: OPERATOR.kioskCode,
      deviceId: 'E2E01', operatorId: OPERATOR.id, createdAt: created, lang: 'en', name: 'Sita Devi', mobile: '9876543210', areaType: 'rural', districtCode: 'jaipur',
      departmentCode: 'phed', description: 'No drinking water in the village for five days.', consent: true }] }) });
  expect(res.status).toBe(200);
  expect(await server.query('SELECT holder_id FROM grievances')).toEqual([{ holder_id: 'ae.phed.jaipur' }]);

  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Holidays' }).click();
  await page.getByLabel('Assigned on').fill('2026-12-03'); // a Thursday
  await page.getByLabel('Working days').fill('1');
  await expect(page.getByText('Due: Friday, 4 December 2026')).toBeVisible();
  await page.getByLabel('Date', { exact: true }).fill('2026-12-04');
  await page.getByLabel('Name (English)').fill('Test holiday');
  await page.getByLabel('Name (Hindi)').fill('परीक्षण अवकाश');
  await page.getByRole('button', { name: 'Add holiday' }).click();
  await expect(page.getByText('Due: Monday, 7 December 2026')).toBeVisible(); // Friday off, then the weekend
  expect(await server.query(`SELECT action FROM audit_log WHERE action = 'admin.holiday-set'`)).toEqual([{ action: 'admin.holiday-set' }]);
});

test('Hindi typing: romanised words become Devanagari as the operator types, and Devanagari is what is registered', async ({ page, server }) => {
  await page.goto(`${server.url}/?lang=en`);
  await waitForServiceWorker(page);
  await signIn(page);
  await page.getByRole('button', { name: 'Hindi typing' }).click();
  await expect(page.getByText('Type Hindi in Roman letters')).toBeVisible();
  const description = page.getByRole('textbox', { name: 'Grievance description', exact: true });
  await description.click();
  await description.pressSequentially('paani nahi aa raha hai. bijl');
  await expect(page.getByRole('list', { name: 'Hindi suggestions' }).getByRole('button').first()).toHaveText('बिजली');
  await page.getByRole('list', { name: 'Hindi suggestions' }).getByRole('button', { name: 'बिजली' }).click();
  await expect(description).toHaveValue('पानी नहीं आ रहा है. बिजली ');
  await description.pressSequentially('bhi band hai');
  await page.keyboard.press('Escape'); // "hai" stays as typed until a space: Escape keeps it Roman
  await description.pressSequentially(' ');
  await expect(description).toHaveValue('पानी नहीं आ रहा है. बिजली भी बंद hai ');
});
