/**
 * Places down to the village, offline; and axe-core on every screen in both languages (issue 15).
 * The village data is the hand-made fixture of tests/fixtures/lgd-hand-made (invented names and codes).
 */
import type { Page } from '@playwright/test';
import { expect, outboxStatuses, seriousAxeViolations, signIn, test, waitForServiceWorker } from './fixtures';

// Generous on a loaded shared machine; each test takes seconds on a quiet one.
test.describe.configure({ timeout: 240_000 });

test('the village picker works offline from the district\'s cached places, and the village and its gram panchayat are kept with the grievance', async ({ page, server }) => {
  await server.importFakePlaces('jaipur');
  await page.goto(`${server.url}/?lang=en`);
  await waitForServiceWorker(page);
  await signIn(page);
  const chooseJaipur = async () => {
    await page.getByRole('radio', { name: 'Rural' }).check();
    await page.getByRole('combobox', { name: 'District', exact: true }).selectOption('jaipur');
  };
  await chooseJaipur();
  await expect(page.getByRole('combobox', { name: 'Village' })).toBeVisible(); // fetched once online, and kept

  await page.context().setOffline(true);
  await page.reload();
  await page.getByRole('textbox', { name: 'Citizen name', exact: true }).fill('सीता देवी');
  await page.getByRole('textbox', { name: 'Mobile number', exact: true }).fill('9876543210');
  await chooseJaipur();
  const village = page.getByRole('combobox', { name: 'Village' });
  await village.fill('khurd');
  await expect(page.getByRole('option', { name: 'Namoona Khurd (नमूना खुर्द)' })).toBeVisible();
  await village.press('Enter');
  await expect(village).toHaveValue('Namoona Khurd');
  await expect(page.getByText('Gram panchayat: Namoona', { exact: true })).toBeVisible();
  await page.getByRole('combobox', { name: 'Department', exact: true }).selectOption('phed');
  await page.getByRole('textbox', { name: 'Grievance description', exact: true }).fill('Handpump in the village broken for a week, no drinking water.');
  await page.getByRole('checkbox').last().check();
  await page.getByRole('button', { name: 'Register grievance' }).click();
  await expect(page.getByRole('region', { name: 'Receipt' })).toBeVisible();

  await page.context().setOffline(false);
  await page.getByRole('link', { name: 'Outbox' }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(outboxStatuses(page, 'Synced')).toHaveCount(1);
  expect(await server.query('SELECT village_code, gram_panchayat_code, ward_code FROM grievances'))
    .toEqual([{ village_code: '9100002', gram_panchayat_code: '9200001', ward_code: null }]);
});

/** Opens each path in English and in Hindi and expects no serious or critical axe-core violation. */
async function axeEverywhere(page: Page, base: string, paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    for (const lang of ['en', 'hi']) {
      await page.goto(`${base}${path}?lang=${lang}`);
      await expect(page.locator('main h1')).toBeVisible();
      await page.waitForLoadState('networkidle');
      expect(await seriousAxeViolations(page), `${path} in ${lang}`).toEqual([]);
    }
  }
}

test('axe: no serious or critical violations on the operator\'s screens, in Hindi and English', async ({ page, server }) => {
  await server.importFakePlaces('jaipur');
  await page.goto(`${server.url}/setup?lang=en#${'A'.repeat(43)}`);
  await axeEverywhere(page, server.url, ['/', '/setup']); // signed out: sign-in, and the setup page
  await page.goto(`${server.url}/?lang=en`);
  await signIn(page);
  // The intake with everything issue 15 added open: Hindi typing with suggestions, the village picker.
  await page.getByRole('button', { name: 'Hindi typing' }).click();
  await page.getByRole('radio', { name: 'Rural' }).check();
  await page.getByRole('combobox', { name: 'District', exact: true }).selectOption('jaipur');
  await page.getByRole('combobox', { name: 'Village' }).fill('namoona');
  await page.getByRole('textbox', { name: 'Grievance description', exact: true }).pressSequentially('paani nahi aa');
  await expect(page.getByRole('list', { name: 'Hindi suggestions' })).toBeVisible();
  expect(await seriousAxeViolations(page)).toEqual([]);
  await axeEverywhere(page, server.url, ['/', '/outbox', '/status', '/settings']);
});

test('axe: no serious or critical violations on the admin screens, in Hindi and English', async ({ page, server }) => {
  await server.createAccount({ id: 'it.cell', name: 'District IT cell', role: 'admin' }, 'admin-secret-1');
  await page.goto(`${server.url}/admin/accounts?lang=en`);
  await signIn(page, 'it.cell', 'admin-secret-1');
  await page.getByRole('button', { name: 'New account' }).click();
  await page.getByRole('button', { name: 'Save' }).click(); // every field's error shown
  expect(await seriousAxeViolations(page)).toEqual([]);
  await axeEverywhere(page, server.url, ['/admin/accounts', '/admin/routing', '/admin/time-limits', '/admin/holidays', '/admin/reference', '/admin/audit', '/reports']);
});

test('axe: no serious or critical violations on a nodal officer\'s screens, in Hindi and English', async ({ page, server }) => {
  await server.createAccount({ id: 'nodal.phed', name: 'Nodal PHED', role: 'nodal', departments: ['phed'], district: 'jaipur' }, 'nodal-secret-1');
  await page.goto(`${server.url}/?lang=en`);
  await signIn(page, 'nodal.phed', 'nodal-secret-1');
  await axeEverywhere(page, server.url, ['/queue', '/admin/accounts', '/admin/routing']);
});
