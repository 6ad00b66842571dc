/**
 * The bench's browser (bench/run.ts, bench/replay.ts): Debian's Chromium, headless; the built PWA opened
 * and signed in as the bench operator; grievances registered through the app's own module; the outbox
 * counted straight from IndexedDB.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { OPERATOR } from './bench-server';

export const DIST = join(import.meta.dirname, '..', 'dist');

/** The built chunk whose name starts with `prefix`, as a URL path. */
export const chunk = (prefix: string) => `/assets/${readdirSync(join(DIST, 'assets')).find((f) => f.startsWith(`${prefix}-`) && f.endsWith('.js'))}`;

export function launch(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
}

export async function openApp(browser: Browser, url: string): Promise<{ page: Page; close(): Promise<void>; setOffline(o: boolean): Promise<void> }> {
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  const page = await context.newPage();
  await page.goto(`${url}/?lang=en`);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  await page.getByRole('textbox', { name: 'Operator ID', exact: true }).fill(OPERATOR.id);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(OPERATOR.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Register grievance' }).waitFor();
  return { page, close: () => context.close(), setOffline: (o) => context.setOffline(o) };
}

/** Registers n grievances through the app's own module, as the form does. */
export async function registerMany(page: Page, n: number, from = 0): Promise<void> {
  await page.evaluate(async ({ chunk, n, from, op }) => {
    const x = await import(chunk);
    // The module itself, or (a shared chunk, names minified) its namespace among the chunk's exports.
    const m = typeof x.registerGrievance === 'function' ? x : Object.values(x).find((v: any) => typeof v?.registerGrievance === 'function') as any;
    const depts = ['phed', 'energy', 'rdpr', 'revenue', 'food'];
    for (let i = from; i < from + n; i++)
      await m.registerGrievance({
        name: 'परिवादी बेंचमार्क', mobile: `9${String(100000000 + i * 7919).slice(-9)}`, areaType: 'rural', districtCode: 'jaipur',
        departmentCode: depts[i % depts.length],
        description: `शिकायत ${i}: गाँव में पिछले कई दिनों से पीने का पानी नहीं आ रहा है, हैंडपंप खराब है और कोई सुनवाई नहीं हो रही है। कृपया शीघ्र कार्यवाही करें।`,
        consent: true,
      }, { kioskCode: op.kiosk, operatorId: op.id, lang: 'hi' });
  }, { chunk: chunk('grievances'), n, from, op: OPERATOR });
}

/** Counts outbox rows by state straight from IndexedDB. */
export const states = (page: Page) => page.evaluate(() => new Promise<Record<string, number>>((resolve, reject) => {
  const open = indexedDB.open('sampark-kiosk');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const req = open.result.transaction('outbox').objectStore('outbox').getAll();
    req.onsuccess = () => { const c: Record<string, number> = {}; for (const r of req.result) c[r.state] = (c[r.state] ?? 0) + 1; open.result.close(); resolve(c); };
  };
}));

/** The built worker whose file name starts with `name` (e.g. 'triage.worker'), as a URL path. */
export const workerAsset = (name: string) => `/assets/${readdirSync(join(DIST, 'assets')).find((f) => f.startsWith(`${name}-`))}`;

/**
 * Installs `globalThis.benchWorkerCall(worker, path, args)` in the page: one call of a Comlink-exposed
 * function of a worker the bench started itself, in Comlink's own wire format (APPLY with RAW arguments),
 * so the bench drives the app's real workers without reaching into minified chunks. A string, not a
 * function: tsx's keepNames would wrap a named function in a helper that does not exist in the page.
 */
export const installWorkerCall = (page: Page) => page.evaluate(`
  globalThis.benchWorkerCall = function (w, path, args) {
    const id = 'bench-' + Math.random().toString(36).slice(2);
    return new Promise(function (resolve, reject) {
      function on(e) {
        if (!e.data || e.data.id !== id) return;
        w.removeEventListener('message', on);
        if (e.data.type === 'HANDLER') reject(new Error('worker threw: ' + JSON.stringify(e.data.value && e.data.value.value)));
        else resolve(e.data.value);
      }
      w.addEventListener('message', on);
      w.postMessage({ id: id, type: 'APPLY', path: path, argumentList: args.map(function (value) { return { type: 'RAW', value: value }; }) });
    });
  };
`);
