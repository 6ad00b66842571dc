/**
 * The duplicate warning (issue 6): the same citizen's similar grievance is shown before Register, from
 * this device (offline) and from the server (another kiosk's, online); "Link to it" files nothing and
 * shows the existing one; "Register anyway" files it, with the triage suggestion recorded.
 */
import { formatGrievanceNumber } from '../../src/domain/numbers';
import { test, expect, waitForServiceWorker, signIn, registerGrievance, citizens, deviceOutbox, axeViolations, outboxStatuses, type TestOperator } from './fixtures';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

const ASHA: TestOperator = { id: 'op.asha', password: 'asha-secret-22', name: 'Asha Meena', kioskCode: 'K2000001' };

/** Fills the form for a citizen without registering. */
async function fill(page: Page, c: { name: string; mobile: string; district: string; description: string }) {
  await page.getByRole('textbox', { name: 'Citizen name', exact: true }).fill(c.name);
  await page.getByRole('textbox', { name: 'Mobile number', exact: true }).fill(c.mobile);
  await page.getByRole('radio', { name: 'Rural' }).check();
  await page.getByRole('combobox', { name: 'District', exact: true }).selectOption(c.district);
  await page.getByRole('textbox', { name: 'Grievance description', exact: true }).fill(c.description);
  await page.getByRole('checkbox').last().check();
}

test.describe('duplicate warning at intake', () => {
  test('warns about the same citizen\'s similar grievance on this device, offline; "Link to it" files nothing', async ({ page, context, server }) => {
    await page.goto(`${server.url}/?lang=en`);
    await waitForServiceWorker(page);
    await signIn(page);
    await context.setOffline(true);
    const first = await registerGrievance(page, citizens[0]); // सीता देवी, ९८७६५ ४३२१०: no drinking water, handpump broken
    await page.getByRole('button', { name: 'Next citizen' }).click();

    // She comes back two days later and tells it again, in romanised Hindi, her number typed differently.
    await fill(page, { name: 'Sita Devi', mobile: '+91 98765 43210', district: 'jaipur', description: 'gaon me 5 din se peene ka pani nahi aa raha hai, handpump kharab hai' });
    await page.getByRole('combobox', { name: 'Department', exact: true }).selectOption('phed');
    const warning = page.getByRole('region', { name: 'This citizen already has a similar grievance' });
    await expect(warning).toBeVisible();
    await expect(warning).toContainText(first);
    await expect(warning).toContainText('on this device, not sent yet');
    expect(await axeViolations(page)).toEqual([]);

    // Register does not file it while the warning stands unanswered: it asks first.
    await page.getByRole('button', { name: 'Register grievance' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Choose first' })).toBeVisible();
    await expect(warning).toBeFocused();
    expect(await deviceOutbox(page)).toHaveLength(1);

    // Link: nothing new is filed; her existing receipt is shown again, to reprint.
    await warning.getByRole('button', { name: /^Link to it/ }).click();
    const receipt = page.getByRole('region', { name: 'Receipt' });
    await expect(receipt).toBeVisible();
    await expect(receipt).toContainText(`Not registered again: this is the receipt of the existing grievance ${first}.`);
    await expect(receipt).toContainText(first);
    await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
    expect(await deviceOutbox(page)).toHaveLength(1);
    await page.getByRole('button', { name: 'Next citizen' }).click();
    await expect(page.getByRole('textbox', { name: 'Grievance description', exact: true })).toHaveValue('');

    // Another problem of the same citizen is no duplicate; the same one told again can still be registered anyway.
    const pension = 'मेरी वृद्धावस्था पेंशन तीन महीने से नहीं आई है, कृपया चालू करवाएँ।';
    await fill(page, { name: 'Sita Devi', mobile: '9876543210', district: 'jaipur', description: pension });
    // The duplicate checks for this text have finished (the warning marks the text it last checked).
    await expect(page.locator('[data-duplicate-check]')).toHaveAttribute('data-duplicate-for', pension);
    await expect(warning).toBeHidden();
    await page.getByRole('textbox', { name: 'Grievance description', exact: true }).fill('पीने का पानी अब भी नहीं आ रहा है, हैंडपंप खराब है, गाँव में पानी की बहुत परेशानी है');
    await expect(warning).toBeVisible();
    // the suggestion is on screen and the operator takes it: it is stored with the grievance as kept
    await page.getByRole('button', { name: /Accept suggestion/ }).click();
    await expect(page.getByRole('combobox', { name: 'Department', exact: true })).toHaveValue('phed');
    await warning.getByRole('button', { name: 'Register anyway' }).click();
    await expect(receipt).toBeVisible();
    await expect(receipt).toContainText('The grievance is saved on this device.');
    expect(await deviceOutbox(page)).toHaveLength(2);

    await context.setOffline(false);
    await page.getByRole('link', { name: 'Outbox' }).click();
    await expect(outboxStatuses(page, 'Synced')).toHaveCount(2);
    const rows = await server.query<{ description: string; triage_model: string | null; triage_department: string | null; triage_accepted: boolean | null }>(
      'SELECT description, triage_model, triage_department, triage_accepted FROM grievances ORDER BY seq');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ triage_model: expect.stringMatching(/^triage-/), triage_department: 'phed', triage_accepted: true });
  });

  test("warns about a similar grievance registered at another kiosk (from the server, online); linking names it", async ({ page, browser, server }) => {
    // Asha, at another kiosk, registered Ramesh's transformer complaint; it reached the server.
    await server.createOperator(ASHA);
    const other = await browser.newContext();
    const kiosk2 = await other.newPage();
    await kiosk2.goto(`${server.url}/?lang=en`);
    await waitForServiceWorker(kiosk2);
    await signIn(kiosk2, ASHA.id, ASHA.password);
    await registerGrievance(kiosk2, citizens[1]); // Ramesh Kumar, +91 91234-56789, energy: transformer burnt
    await kiosk2.getByRole('link', { name: 'Outbox' }).click();
    await expect(outboxStatuses(kiosk2, 'Synced')).toHaveCount(1);
    const [{ number }] = await server.query<{ number: string }>('SELECT number FROM grievances');
    await other.close();

    // Ramesh walks into Meena's kiosk with the same problem.
    await page.goto(`${server.url}/?lang=en`);
    await waitForServiceWorker(page);
    await signIn(page);
    await fill(page, { name: 'Ramesh Kumar', mobile: '9123456789', district: 'ajmer', description: 'Our village transformer has burnt, no electricity for a week now' });
    const warning = page.getByRole('region', { name: 'This citizen already has a similar grievance' });
    await expect(warning).toBeVisible();
    // The number in its groups and the day in words, as everywhere else (src/ui/format.ts), never raw or ISO.
    const grouped = formatGrievanceNumber(number);
    const day = /registered \d{1,2} [A-Z][a-z]{2,3} \d{4}/;
    await expect(warning).toContainText(grouped);
    await expect(warning).toContainText(day);
    await expect(warning).not.toContainText(/\d{4}-\d{2}-\d{2}/);
    await expect(warning).toContainText('same mobile number');
    await warning.getByRole('button', { name: /^Link to it/ }).click();
    const note = page.locator('p.duplicate-warning[role=status]');
    await expect(note).toContainText(`Not registered again. The existing grievance ${grouped} (Energy (power distribution companies), registered `);
    await expect(note).toContainText(day);
    await expect(page.getByRole('textbox', { name: 'Mobile number', exact: true })).toHaveValue('');
    expect(await deviceOutbox(page)).toHaveLength(0);
    expect(await server.query('SELECT 1 FROM grievances')).toHaveLength(1);
    const audit = await server.query<{ target: string }>(`SELECT target FROM audit_log WHERE action = 'grievance.similar'`);
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((a) => a.target === 'XXXXXX6789')).toBe(true);
  });

  test('Settings names the triage model in use', async ({ page, server }) => {
    await page.goto(`${server.url}/?lang=en`);
    await waitForServiceWorker(page);
    await signIn(page);
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByTestId('triage-model')).toContainText(/triage-[0-9a-f]{12} \(built into the app\)/);
  });

  test('picks up a model published on the server when online, and keeps using it offline', async ({ page, context, server }) => {
    // What `admin retrain` publishes (here: the built-in weights under a retrained model's name).
    const builtIn = JSON.parse(readFileSync(new URL('../../src/triage/model.json', import.meta.url), 'utf8'));
    const published = { ...builtIn, version: 'triage-r0123456789ab', createdAt: '2026-11-28T04:30:00.000Z' };
    await server.query(`INSERT INTO triage_models (version, features, model, published, scores, trained_on, created_at) VALUES ($1, $2, $3, true, '{}', '{}', now())`,
      [published.version, published.features, JSON.stringify(published)]);

    await page.goto(`${server.url}/?lang=en`);
    await waitForServiceWorker(page);
    await signIn(page);
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByTestId('triage-model')).toContainText('triage-r0123456789ab (updated from the server');

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByTestId('triage-model')).toContainText('triage-r0123456789ab (updated from the server');
    await page.getByRole('link', { name: 'New grievance' }).click();
    await page.getByRole('textbox', { name: 'Grievance description', exact: true }).fill('गाँव का ट्रांसफार्मर जल गया है, तीन दिन से बिजली नहीं आ रही');
    await expect(page.getByRole('button', { name: /Accept suggestion/ })).toContainText('Energy');
  });
});
