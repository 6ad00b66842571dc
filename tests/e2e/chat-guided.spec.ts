/**
 * The citizen assistant at the kiosk and at 181 (issue 13), by accessible name: the kiosk's guided mode,
 * offline, registers a walk-in citizen's grievance (no code; the operator confirms) that syncs when the
 * network returns and reaches the routed officer's My queue; a 181 agent opens a hand-off with its
 * conversation and closes it with a note. Axe-clean and 360 px wide.
 */
import type { Page } from '@playwright/test';
import type { Account } from '../../src/domain/accounts';
import { upsertRules } from '../../server/workflow/routing';
import type { Queryable } from '../../server/store/db';
import { axeViolations, expect, outboxStatuses, signIn, test, waitForServiceWorker } from './fixtures';

const OFFICER = { id: 'ae.energy.jaipur', password: 'officer-secret-1', name: 'Energy AE' };
const officer: Account = { id: OFFICER.id, name: OFFICER.name, role: 'officer', level: 'L1', departments: ['energy'], district: 'jaipur' };
const AGENT = { id: 'agent.181', password: 'agent-secret-181', name: 'Sunita 181' };

const log = (page: Page) => page.getByRole('log');
const lastReply = (page: Page) => log(page).getByRole('listitem').last();

async function answer(page: Page, text: string) {
  const before = await log(page).getByRole('listitem').count();
  await page.getByRole('textbox', { name: "The citizen's answer" }).fill(text);
  await page.keyboard.press('Enter');
  await expect(log(page).getByRole('listitem')).not.toHaveCount(before);
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeEnabled();
}
async function choose(page: Page, label: string) {
  const before = await log(page).getByRole('listitem').count();
  await page.getByRole('group', { name: 'Choices' }).getByRole('button', { name: label, exact: true }).click();
  await expect(log(page).getByRole('listitem')).not.toHaveCount(before);
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeEnabled();
}

test.describe('citizen assistant at the kiosk and at 181', () => {
  test('guided mode offline registers a grievance that syncs later and reaches the routed officer', async ({ page, context, browser, server }) => {
    test.setTimeout(180_000);
    await server.createAccount(officer, OFFICER.password);
    await upsertRules({ query: server.query, exec: async () => undefined } as Queryable, [{ id: 'energy-jaipur', department: 'energy', district: 'jaipur', levels: { L1: OFFICER.id } }], new Date());
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${server.url}/?lang=en`);
    await waitForServiceWorker(page);
    await signIn(page);
    await expect(page.getByRole('button', { name: 'Register grievance' })).toBeVisible();

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('link', { name: 'Guided mode' }).click();
    await expect(page.getByRole('heading', { name: 'Guided mode', level: 1 })).toBeVisible();
    await expect(lastReply(page)).toContainText('Describe your problem');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeViolations(page)).toEqual([]);

    await answer(page, 'No electricity in our village for five days, the transformer is burnt, district Jaipur');
    await expect(lastReply(page)).toContainText('Energy');
    await choose(page, 'Yes');
    // Asked only for what the first answer did not say.
    for (let i = 0; i < 3; i++) {
      const asked = await lastReply(page).innerText();
      if (asked.includes('Which district')) await answer(page, 'Jaipur');
      else if (asked.includes('village or in a town')) await choose(page, 'Village');
      else if (asked.includes('village, locality or ward')) await answer(page, 'Khora Bisal');
      else break;
    }
    await expect(lastReply(page)).toContainText('What is your name?');
    await answer(page, 'Sita Devi');
    await expect(lastReply(page)).toContainText('not verified by a code');
    await answer(page, '9829070002');
    await expect(lastReply(page)).toContainText('you confirm that the citizen consents');
    expect(await axeViolations(page)).toEqual([]);
    await choose(page, 'Yes');
    await expect(lastReply(page)).toContainText('saved on this kiosk with receipt number');
    const receipt = (await lastReply(page).innerText()).match(/K1023456-\S+?(?=\.)/)![0];
    await expect(page.getByText(receipt).first()).toBeVisible();
    expect(server.proxy.applied).toHaveLength(0); // nothing left the kiosk while offline

    await page.getByRole('link', { name: 'Outbox' }).click();
    await expect(outboxStatuses(page, 'Saved on device')).toHaveCount(1);
    await context.setOffline(false);
    await expect(outboxStatuses(page, 'Synced')).toHaveCount(1);
    const [g] = await server.query<{ number: string; channel: string; holder_id: string; kiosk_code: string }>('SELECT number, channel, holder_id, kiosk_code FROM grievances WHERE receipt_number = $1', [receipt]);
    expect(g).toMatchObject({ channel: 'kiosk', holder_id: OFFICER.id, kiosk_code: 'K1023456' });

    const officerPage = await (await browser.newContext()).newPage();
    await officerPage.goto(`${server.url}/?lang=en`);
    await waitForServiceWorker(officerPage);
    await signIn(officerPage, OFFICER.id, OFFICER.password);
    await expect(officerPage.getByRole('heading', { name: 'My queue', level: 1 })).toBeVisible();
    await expect(officerPage.getByRole('link', { name: `${g.number.slice(0, 4)}-${g.number.slice(4, 8)}-${g.number.slice(8, 12)}-${g.number.slice(12)}` })).toBeVisible();
  });

  test('a 181 agent opens a hand-off with its conversation and closes it with a note', async ({ page, server }) => {
    test.setTimeout(120_000);
    await server.createAccount({ id: AGENT.id, name: AGENT.name, role: 'agent' }, AGENT.password);
    const chat = (text: string) => fetch(`${server.url}/api/chat/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ conversationId: 'e2e-handoff-1', text, lang: 'en' }) });
    await chat('The handpump in my village has been broken for ten days');
    const human = (await (await chat('Talk to 181')).json()) as { messages: { text: string }[] };
    const ref = human.messages.map((m) => m.text).join(' ').match(/C[0-9A-F]{10}/)![0];

    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${server.url}/?lang=en`);
    await waitForServiceWorker(page);
    await signIn(page, AGENT.id, AGENT.password);
    await expect(page.getByRole('heading', { name: '181 hand-offs', level: 1 })).toBeVisible();
    await page.getByRole('button', { name: `Open conversation ${ref}` }).click();
    await expect(page.getByRole('heading', { name: `Conversation ${ref}`, level: 2 })).toBeVisible();
    await expect(page.getByRole('log')).toContainText('handpump in my village');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Close with this note' }).click();
    await expect(page.getByRole('alert')).toContainText('see the fields');
    await expect(page.getByRole('textbox', { name: 'What you did (note)' })).toHaveAccessibleDescription(/5 to 1000 characters/);
    await page.getByRole('textbox', { name: 'What you did (note)' }).fill('Called back; the PHED JEN will visit tomorrow.');
    await page.getByRole('button', { name: 'Close with this note' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Conversation ${ref} closed.` })).toBeVisible();
    await expect(page.getByRole('button', { name: `Open conversation ${ref}` })).toHaveCount(0);
    const [row] = await server.query<{ status: string; closed_by: string; note: string }>('SELECT status, closed_by, note FROM chat_handoffs WHERE ref = $1', [ref]);
    expect(row).toEqual({ status: 'closed', closed_by: AGENT.id, note: 'Called back; the PHED JEN will visit tomorrow.' });
    const [audit] = await server.query<{ actor_id: string }>("SELECT actor_id FROM audit_log WHERE action = 'chat.handoff.close' AND target = $1", [ref]);
    expect(audit.actor_id).toBe(AGENT.id);
  });
});
