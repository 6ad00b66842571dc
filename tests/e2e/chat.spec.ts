/**
 * The public chat page (/chat, issue 13), by accessible name, without signing in: a citizen registers a
 * grievance by chat (buttons and typing, an optional photo, mobile proved by the code) and it appears in the
 * routed officer's My queue with the photo; a status asked with the number and mobile is told only after the code. The log region is a
 * polite live region; the page is axe-clean and usable 360 px wide. The code is read from the server's
 * outbox (this server sends nothing; the HTTP tests read it from notifications.log).
 */
import type { Page } from '@playwright/test';
import type { Account } from '../../src/domain/accounts';
import { upsertRules } from '../../server/workflow/routing';
import type { Queryable } from '../../server/store/db';
import { axeViolations, expect, signIn, test, waitForServiceWorker, type TestServer } from './fixtures';
import { png } from '../server/attachment-files';

const OFFICER = { id: 'ae.energy.jaipur', password: 'officer-secret-1', name: 'Energy AE' };
const officer: Account = { id: OFFICER.id, name: OFFICER.name, role: 'officer', level: 'L1', departments: ['energy'], district: 'jaipur' };

/** The latest one-time code queued for the mobile ending `last4` (read before the sender would blot it out). */
async function codeFor(server: TestServer, mobile: string): Promise<string> {
  let code = '';
  await expect.poll(async () => {
    const rows = await server.query<{ body: string }>("SELECT body FROM notifications WHERE kind = 'otp' AND (mobile = $1 OR grievance_number IN (SELECT number FROM grievances WHERE mobile = $1)) ORDER BY id DESC LIMIT 1", [mobile]);
    code = rows[0]?.body.match(/(?<!\d)\d{6}(?!\d)/)?.[0] ?? '';
    return code;
  }).not.toBe('');
  return code;
}

const log = (page: Page) => page.getByRole('log');
const lastReply = (page: Page) => log(page).getByRole('listitem').last();

async function say(page: Page, text: string) {
  const before = await log(page).getByRole('listitem').count();
  await page.getByRole('textbox', { name: 'Your message' }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(log(page).getByRole('listitem')).not.toHaveCount(before);
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeEnabled();
}
async function choose(page: Page, label: string) {
  await page.getByRole('group', { name: 'Choices' }).getByRole('button', { name: label, exact: true }).click();
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeEnabled();
}

test.describe('citizen assistant page', () => {
  test('a grievance registered by chat reaches the energy officer\'s queue; status only after the code', async ({ page, browser, server }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 360, height: 740 });
    await server.createAccount(officer, OFFICER.password);
    await upsertRules({ query: server.query, exec: async () => undefined } as Queryable, [{ id: 'energy-jaipur', department: 'energy', district: 'jaipur', levels: { L1: OFFICER.id } }], new Date());

    await page.goto(`${server.url}/chat?lang=en`);
    await expect(page.getByRole('heading', { name: 'Sampark assistant', level: 1 })).toBeVisible();
    await expect(log(page)).toHaveAttribute('aria-live', 'polite');
    await expect(lastReply(page)).toContainText('I am the Rajasthan Sampark assistant');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeViolations(page)).toEqual([]);

    await choose(page, 'New grievance');
    await say(page, 'No electricity in our village for five days, the transformer is burnt');
    await expect(lastReply(page)).toContainText('Energy');
    await choose(page, 'Yes');
    await expect(lastReply(page)).toContainText('Which district');
    await say(page, 'Jaipur');
    await expect(lastReply(page)).toContainText('village, locality or ward');
    await say(page, 'Khora Bisal');
    // The optional photo (issue 13, 2a): chosen, shrunk in the media worker, uploaded, shown with Remove.
    await expect(lastReply(page)).toContainText('add a photo of the problem');
    await page.getByRole('group', { name: 'Choices' }).getByRole('button', { name: 'Add a photo', exact: true }).click();
    await expect(page.getByLabel('Choose a photo')).toBeFocused(); // no photo yet: the field is where to start
    await page.getByLabel('Choose a photo').setInputFiles({ name: 'transformer.png', mimeType: 'image/png', buffer: png(64, 48) });
    await expect(page.getByRole('img', { name: 'Your photo of the problem' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Remove photo' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeViolations(page)).toEqual([]);
    await choose(page, 'Add a photo');
    await expect(lastReply(page)).toContainText('What is your name?');
    await expect(log(page).getByRole('img', { name: 'Your photo' })).toBeVisible();
    await say(page, 'Sita Devi');
    await say(page, '9829070001');
    await expect(lastReply(page)).toContainText('XXXXXX0001');
    await say(page, await codeFor(server, '9829070001'));
    await expect(lastReply(page)).toContainText('Shall I register this grievance?');
    await expect(lastReply(page)).toContainText('Photo: 1 attached');
    await choose(page, 'Yes');
    await expect(lastReply(page)).toContainText('Your grievance is registered');
    const number = (await lastReply(page).innerText()).match(/\d{4}-\d{4}-\d{4}-\d/)![0];

    const officerPage = await (await browser.newContext()).newPage();
    await officerPage.goto(`${server.url}/?lang=en`);
    await waitForServiceWorker(officerPage);
    await signIn(officerPage, OFFICER.id, OFFICER.password);
    await expect(officerPage.getByRole('heading', { name: 'My queue', level: 1 })).toBeVisible();
    await expect(officerPage.getByRole('link', { name: number })).toBeVisible();
    // The officer sees the citizen's photo on the grievance screen, as a kiosk's.
    await officerPage.getByRole('link', { name: number }).click();
    await officerPage.getByRole('button', { name: /^Open Photo 1/ }).click();
    await expect(officerPage.getByRole('img', { name: /^Photo 1/ })).toBeVisible();

    // The status of that grievance, by its number and mobile: nothing before the code.
    await page.getByRole('button', { name: 'New conversation' }).click();
    await expect(lastReply(page)).toContainText('What would you like to do?');
    await say(page, `status ${number} mobile 9829070001`);
    await expect(lastReply(page)).toContainText('a 6-digit code has been sent');
    await expect(log(page)).not.toContainText('assigned.');
    await say(page, await codeFor(server, '9829070001'));
    await expect(log(page)).toContainText(/Energy.*: assigned\./);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('Hindi by default, choices as buttons, usable by keyboard', async ({ page, server }) => {
    await page.goto(`${server.url}/chat?lang=hi`);
    await expect(page.getByRole('heading', { name: 'सम्पर्क सहायक', level: 1 })).toBeVisible();
    await expect(page.getByRole('group', { name: 'विकल्प' }).getByRole('button', { name: 'सामान्य प्रश्न' })).toBeVisible();
    await page.getByRole('textbox', { name: 'आपका संदेश' }).fill('कौन से दस्तावेज़ चाहिए?');
    await page.keyboard.press('Enter');
    await expect(lastReply(page)).toContainText('कोई दस्तावेज़ अनिवार्य नहीं');
    expect(await axeViolations(page)).toEqual([]);
  });

  test('the QR of a disposal slip opens the assistant with the receipt number ready to send', async ({ page, server }) => {
    await page.goto(`${server.url}/chat?lang=en&q=K1023456-261203-7K3QX-0001`);
    await expect(page.getByRole('textbox', { name: 'Your message' })).toHaveValue('K1023456-261203-7K3QX-0001');
  });
});
