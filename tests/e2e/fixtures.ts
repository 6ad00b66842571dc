/**
 * End-to-end fixtures: a real server (the Fastify app on an embedded PGlite in a temp DATA_DIR, serving
 * the built PWA from dist/) for each test, behind the deterministic fault proxy, and helpers that act
 * on the app the way an operator does (by accessible name) or read the device's IndexedDB.
 */
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../server/app';
import { issueSetupToken } from '../../server/admin/first-run';
import { replaceDistrictPlaces, villagesOf, wardsOf } from '../../server/admin/lgd-places';
import { revokeAccountSessions, upsertAccount } from '../../server/store/accounts';
import { openDb } from '../../server/store/open-db';
import { entryArgs } from '../support/bundles';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import type { Account } from '../../src/domain/accounts';

export interface TestServer {
  /** The proxy's URL: the app is loaded from here so the fault schedule reaches the service worker too. */
  url: string;
  proxy: FaultProxy;
  dataDir: string;
  /** This test's own copy of dist/ (a test may change it, e.g. to publish a new release). */
  distDir: string;
  /** Stops the server (and frees DATA_DIR for the admin CLI). */
  stop(): Promise<void>;
  /** `npm run admin -- export` on this DATA_DIR, parsed (the server must be stopped first). */
  exportAll(): Record<string, unknown>[];
  /** The operator every test has (created before the test starts): sign in with `signIn(page, OPERATOR.id, OPERATOR.password)`. */
  operator: TestOperator;
  /** Creates (or updates) an operator account on this server, through the same store the admin CLI uses. */
  createOperator(o: TestOperator): Promise<void>;
  /** Creates (or updates) any account (an officer with a level, department and district, a secretary…) the same way. */
  createAccount(account: Account, password: string): Promise<void>;
  /** Ends every session of an account on the server (as a password reset does): its refresh tokens are refused. */
  revokeSessions(operatorId: string): Promise<number>;
  /** Moves the server's clock forward (token expiry is judged by it); the device's clock is left alone. */
  advanceClock(ms: number): void;
  /** A read-only query on the server's database (while it runs), e.g. who each grievance is registered by. */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** The one-time setup link `npm start` prints when there is no admin (issue 15), for this server. */
  setupLink(): Promise<string>;
  /** Loads the hand-made LGD fixture (tests/fixtures/lgd-hand-made) as a district's villages and wards, as `admin import-places` would. */
  importFakePlaces(district: string): Promise<void>;
}

export interface TestOperator { id: string; password: string; name: string; kioskCode: string }

/** The default operator of each test's server. K1023456 is the kiosk code the other specs register under. */
export const OPERATOR: TestOperator = { id: 'op.meena', password: 'meena-secret-1', name: 'Meena Sharma', kioskCode: 'K1023456' };

const ROOT = join(import.meta.dirname, '../..');
const OUTBOX_LIST = 'Grievances, newest first';

/**
 * Console messages that are the browser's own report of a refused or failed request: the fault proxy and
 * the offline tests cause them on purpose, and the app handles each. Anything else logged as an error,
 * and every uncaught exception or unhandled rejection, fails the test.
 */
const EXPECTED_CONSOLE_ERRORS = [/^Failed to load resource:/];

/** Collects uncaught page errors and console errors of every page of a context (and of pages opened later). */
export function watchErrors(context: BrowserContext, problems: string[]): void {
  const seen = new WeakSet<Page>();
  const watch = (p: Page) => {
    if (seen.has(p)) return;
    seen.add(p);
    p.on('pageerror', (e) => problems.push(`uncaught on ${p.url()}: ${e.stack ?? e.message}`));
    p.on('console', (m) => {
      if (m.type() === 'error' && !EXPECTED_CONSOLE_ERRORS.some((r) => r.test(m.text()))) problems.push(`console.error on ${p.url()}: ${m.text()}`);
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
}

export const test = base.extend<{ server: TestServer; pageErrors: string[] }>({
  // Every test fails on any uncaught page error or console error, in its own context and in any other
  // context it opens (a second device, an officer's browser).
  pageErrors: [async ({ context, browser }, use) => {
    const problems: string[] = [];
    watchErrors(context, problems);
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (...args) => {
      const c = await newContext(...args);
      watchErrors(c, problems);
      return c;
    };
    await use(problems);
    browser.newContext = newContext;
    expect(problems, 'uncaught page errors or console errors').toEqual([]);
  }, { auto: true }],
  server: async ({}, use) => {
    const tmp = mkdtempSync(join(tmpdir(), 'sampark-e2e-'));
    const dataDir = join(tmp, 'data');
    const distDir = join(tmp, 'dist');
    cpSync(join(ROOT, 'dist'), distDir, { recursive: true });
    // A copy of the run's freshly migrated template database (tests/e2e/global-setup.ts), else a new one.
    const template = process.env.SAMPARK_E2E_DATA_TEMPLATE;
    if (template) cpSync(template, dataDir, { recursive: true });
    // 16 MB of buffers: a test's database is small, and PGlite's 128 MB take ~0.4 s to set up at each start.
    const db = await openDb({ kind: 'embedded', dataDir, sharedBuffers: '16MB' });
    let clockOffset = 0;
    // Attachment files under this test's DATA_DIR (the default would be the repository's ./data).
    const app = await buildApp({ db, distDir, attachmentsDir: join(dataDir, 'attachments'), logger: false, clock: () => new Date(Date.now() + clockOffset) });
    const createOperator = async (o: TestOperator) => {
      await upsertAccount(db, { id: o.id, name: o.name, role: 'operator', kioskCode: o.kioskCode }, o.password, new Date());
    };
    await createOperator(OPERATOR);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const proxy = await startFaultProxy(`http://127.0.0.1:${port}`);
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      await proxy.close();
      await app.close();
      await db.close();
    };
    const exportAll = () => {
      const out = execFileSync(process.execPath, [...entryArgs('admin'), 'export'], {
        cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, encoding: 'utf8',
      });
      return out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    };
    await use({
      url: proxy.url, proxy, dataDir, distDir, stop, exportAll, operator: OPERATOR, createOperator,
      createAccount: async (account, password) => { await upsertAccount(db, account, password, new Date()); },
      revokeSessions: (id) => revokeAccountSessions(db, id, 'test', new Date(Date.now() + clockOffset)),
      advanceClock: (ms) => { clockOffset += ms; },
      query: (sql, params) => db.query(sql, params),
      setupLink: async () => `${proxy.url}/setup?lang=en#${await issueSetupToken(db, new Date())}`,
      importFakePlaces: async (district) => {
        const dir = join(ROOT, 'tests/fixtures/lgd-hand-made');
        const [villages, wards] = ['villages-FAKE.csv', 'wards-FAKE.csv'].map((f) => readFileSync(join(dir, f), 'utf8'));
        await replaceDistrictPlaces(db, district, [...villagesOf(villages, district), ...wardsOf(wards, district)], { name: 'hand-made fixture', bytes: villages + wards }, 'test', new Date());
      },
    });
    await stop();
    rmSync(tmp, { recursive: true, force: true });
  },
});

export { expect };

/** Waits until the service worker controls the page (after install, so the precache is complete). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
}

/** Signs in through the sign-in screen by accessible name (English UI) and waits for the signed-in header. */
export async function signIn(page: Page, id: string = OPERATOR.id, password: string = OPERATOR.password): Promise<void> {
  await page.getByRole('textbox', { name: 'Operator ID', exact: true }).fill(id);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // Signed in: the header's Sign out button, or on a small screen the Menu button it is folded into.
  await expect(page.getByRole('button', { name: 'Sign out', exact: true }).or(page.getByRole('button', { name: 'Menu', exact: true })).filter({ visible: true })).toBeVisible();
}

export interface Citizen { name: string; mobile: string; district: string; department: string; description: string }

export const citizens: Citizen[] = [
  { name: 'सीता देवी', mobile: '९८७६५ ४३२१०', district: 'jaipur', department: 'phed', description: 'गाँव में पाँच दिन से पीने का पानी नहीं आ रहा है, हैंडपंप खराब है।' },
  { name: 'Ramesh Kumar', mobile: '+91 91234-56789', district: 'ajmer', department: 'energy', description: 'Transformer burnt in our village for a week, no electricity.' },
  { name: 'गोपाल मीणा', mobile: '07891234567', district: 'barmer', department: 'food', description: 'Ration dukan wala do mahine se gehu nahi de raha hai.' },
];

/**
 * Fills and submits the intake form by accessible name (English UI); returns the receipt number shown.
 * `beforeSubmit` runs after the fields are filled (e.g. to attach files).
 */
export async function registerGrievance(page: Page, c: Citizen, opts: { beforeSubmit?: () => Promise<void> } = {}): Promise<string> {
  const receipt = page.getByRole('region', { name: 'Receipt' });
  // The last citizen's receipt stays on screen until the operator moves on to the next citizen.
  if (await receipt.isVisible()) await page.getByRole('button', { name: 'Next citizen' }).click();
  await expect(receipt).toBeHidden();
  await page.getByRole('textbox', { name: 'Citizen name', exact: true }).fill(c.name);
  await page.getByRole('textbox', { name: 'Mobile number', exact: true }).fill(c.mobile);
  await page.getByRole('radio', { name: 'Rural' }).check();
  await page.getByRole('combobox', { name: 'District', exact: true }).selectOption(c.district);
  await page.getByRole('combobox', { name: 'Department', exact: true }).selectOption(c.department);
  await page.getByRole('textbox', { name: 'Grievance description', exact: true }).fill(c.description);
  await page.getByRole('checkbox').last().check();
  await opts.beforeSubmit?.();
  await page.getByRole('button', { name: 'Register grievance' }).click();
  // Registering the same citizen's problem twice (some specs do) meets the duplicate warning: register anyway.
  const anyway = page.getByRole('button', { name: 'Register anyway', exact: true });
  await expect(receipt.or(anyway)).toBeVisible();
  if (!(await receipt.isVisible())) await anyway.click();
  await expect(receipt).toBeVisible();
  const number = (await receipt.textContent())?.match(/K\d+-\d{6}-[0-9A-Z]{5}-\d{4,}/)?.[0];
  expect(number).toBeTruthy();
  return number!;
}

/** The status labels in the Outbox list (not the counts above it). */
export const outboxStatuses = (page: Page, label: 'Saved on device' | 'Sending' | 'Synced' | 'Needs attention') =>
  page.getByRole('list', { name: OUTBOX_LIST }).getByText(label, { exact: true });

/** Reads the device outbox straight from IndexedDB, without app code. */
export async function deviceOutbox(page: Page): Promise<{ clientId: string; state: string; number?: string; receiptNumber: string; attempts: number }[]> {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('sampark-kiosk');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('outbox', 'readonly');
      const req = tx.objectStore('outbox').getAll();
      req.onsuccess = () => { resolve(req.result); open.result.close(); };
      req.onerror = () => reject(req.error);
    };
  }));
}

/** The serious and critical axe-core violations of the page as it is now (the bar of issue 15). */
export async function seriousAxeViolations(page: Page): Promise<{ id: string; help: string; nodes: unknown[] }[]> {
  return (await axeViolations(page)).filter((v) => (v as { impact?: string }).impact === 'serious' || (v as { impact?: string }).impact === 'critical');
}

/** Runs axe-core (shipped in node_modules, injected from disk) and returns the violations. */
export async function axeViolations(page: Page): Promise<{ id: string; help: string; nodes: unknown[] }[]> {
  // Evaluated over the DevTools protocol: a <script> tag would be (rightly) blocked by the app's CSP.
  await page.evaluate(readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => (await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; help: string; impact?: string; nodes: unknown[] }[] }> } }).axe.run()).violations);
}
