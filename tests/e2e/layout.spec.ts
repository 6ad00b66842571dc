/**
 * Phones and tablets (issue 17 item 3): at 360, 412, 768 and 1366 px wide no screen scrolls sideways, in
 * Hindi or English, for any role; at 360 px the header (menu, sync status, language, navigation) stays
 * within 120 px; a receipt number never breaks inside one of its groups. Each screen is loaded once per
 * language and measured at the four widths (the viewport is resized, the page is not reloaded).
 */
import type { Browser, Page } from '@playwright/test';
import { citizens, deviceOutbox, expect, outboxStatuses, registerGrievance, signIn, test, waitForServiceWorker, type TestServer } from './fixtures';

test.describe.configure({ timeout: 240_000 });

const WIDTHS = [360, 412, 768, 1366] as const;
const HEADER_MAX_AT_360 = 120;
const LANGS = ['en', 'hi'] as const;

/** Everything wrong with the page as it is now, at each width: sideways scroll (naming what sticks out), a tall header. */
async function layoutProblems(page: Page, where: string): Promise<string[]> {
  const problems: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 740 });
    const m = await page.evaluate(() => new Promise<{ scroll: number; client: number; header: number; wide: string[] }>((resolve) => {
      requestAnimationFrame(() => requestAnimationFrame(() => {
        const root = document.documentElement;
        const wide = [...document.querySelectorAll<HTMLElement>('body *')]
          .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 0.5 && !e.closest('.sr-only'))
          .slice(-3).map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} → ${Math.round(e.getBoundingClientRect().right)}px`);
        resolve({ scroll: root.scrollWidth, client: root.clientWidth, header: document.querySelector('header')?.getBoundingClientRect().height ?? 0, wide });
      }));
    }));
    if (m.scroll > m.client) problems.push(`${where} at ${width}px: the page is ${m.scroll}px wide (${m.wide.join('; ')})`);
    if (width === 360 && m.header > HEADER_MAX_AT_360) problems.push(`${where} at 360px: the header is ${Math.round(m.header)}px tall`);
  }
  return problems;
}

/** Opens `path` in each language and measures it. */
async function screens(page: Page, base: string, paths: readonly string[], ready?: (page: Page) => Promise<void>): Promise<string[]> {
  const problems: string[] = [];
  for (const path of paths) {
    for (const lang of LANGS) {
      await page.goto(`${base}${path}?lang=${lang}`);
      await expect(page.locator('main h1')).toBeVisible();
      await page.waitForLoadState('networkidle');
      await ready?.(page);
      problems.push(...(await layoutProblems(page, `${path} (${lang})`)));
    }
  }
  return problems;
}

/** A separate device with `id` signed in. */
async function device(browser: Browser, server: TestServer, id: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server.url}/?lang=en`);
  await signIn(page, id, password);
  return page;
}

test('no sideways scrolling on the operator\'s screens, a compact header at 360 px, receipt numbers whole', async ({ page, server }) => {
  const problems: string[] = [];
  await page.goto(`${server.url}/?lang=hi`);
  await waitForServiceWorker(page);
  problems.push(...(await screens(page, server.url, ['/'])));  // signed out: the sign-in page

  await page.goto(`${server.url}/?lang=en`);
  await signIn(page);
  const receiptNumber = await registerGrievance(page, citizens[0]);
  const receipt = page.getByRole('region', { name: 'Receipt' });
  problems.push(...(await layoutProblems(page, 'receipt (en)')));
  // Each group of the receipt number stays on one line, at the narrowest width.
  await page.setViewportSize({ width: 360, height: 740 });
  const groups = receipt.locator('.receipt__number .nowrap');
  await expect(groups).toHaveCount(receiptNumber.split('-').length);
  for (const g of await groups.all()) expect(await g.evaluate((e) => e.getClientRects().length), await g.innerText()).toBe(1);
  await expect(receipt).toContainText(receiptNumber); // still reads (and copies) as one number
  await page.getByRole('link', { name: 'हिन्दी' }).click();
  await expect(page.getByRole('region', { name: 'पावती' })).toBeVisible();
  problems.push(...(await layoutProblems(page, 'receipt (hi)')));

  await page.goto(`${server.url}/outbox?lang=en`);
  await expect(outboxStatuses(page, 'Synced')).toHaveCount(1);

  // The small screens' menu: a disclosure button that works from the keyboard.
  await page.setViewportSize({ width: 360, height: 740 });
  const menu = page.getByRole('button', { name: 'Menu', exact: true });
  const signOut = page.getByRole('button', { name: 'Sign out', exact: true });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(signOut).toBeHidden();
  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(signOut).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sync now', exact: true })).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(menu).toBeFocused();
  await expect(signOut).toBeHidden();
  await page.setViewportSize({ width: 1366, height: 740 }); // wide: no menu button, everything in view
  await expect(menu).toBeHidden();
  await expect(signOut).toBeVisible();
  problems.push(...(await screens(page, server.url, ['/', '/outbox', '/status', '/settings'])));

  // A status answer on screen.
  const number = (await deviceOutbox(page))[0].number!;
  for (const lang of LANGS) {
    await page.goto(`${server.url}/status?lang=${lang}`);
    await page.locator('#lookup-q').fill(number);
    await page.locator('main form[role="search"] button[type="submit"]').click();
    await expect(page.locator('#lookup-results')).toBeVisible();
    await page.waitForLoadState('networkidle');
    problems.push(...(await layoutProblems(page, `status answer (${lang})`)));
  }
  expect(problems).toEqual([]);
});

test('no sideways scrolling on the officer\'s, secretary\'s and admin\'s screens, and a compact header at 360 px', async ({ page, browser, server }) => {
  await server.createAccount({ id: 'off.phed', name: 'Rajesh Verma', role: 'officer', level: 'L1', departments: ['phed'], district: 'jaipur' }, 'officer-secret-1');
  await server.createAccount({ id: 'sec.phed', name: 'Anita Singh', role: 'secretary', departments: ['phed'] }, 'secretary-secret-1');
  await server.createAccount({ id: 'it.cell', name: 'District IT cell', role: 'admin' }, 'admin-secret-1');
  await page.goto(`${server.url}/?lang=en`);
  await waitForServiceWorker(page);
  await signIn(page);
  await registerGrievance(page, citizens[0]);
  await page.getByRole('link', { name: 'Outbox' }).click();
  await expect(outboxStatuses(page, 'Synced')).toHaveCount(1);
  const number = (await deviceOutbox(page))[0].number!;

  const problems: string[] = [];
  const officer = await device(browser, server, 'off.phed', 'officer-secret-1');
  problems.push(...(await screens(officer, server.url, ['/queue', `/grievances/${number}`])));
  const secretary = await device(browser, server, 'sec.phed', 'secretary-secret-1');
  problems.push(...(await screens(secretary, server.url, ['/review', '/reports'])));
  const admin = await device(browser, server, 'it.cell', 'admin-secret-1');
  problems.push(...(await screens(admin, server.url, ['/admin/accounts', '/admin/routing', '/admin/time-limits', '/admin/holidays', '/admin/reference', '/admin/audit', '/reports'])));
  expect(problems).toEqual([]);
});
