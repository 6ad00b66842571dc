/**
 * The proof for "no grievance lost or doubled": 200 grievances registered offline, then replayed through
 * a seeded schedule in which about a third of sync requests fail in every way the fault proxy knows
 * (lost-after-commit included), with service-worker stops, page reloads, a browser restart on the same
 * profile (a power cut) and network flapping. Seeded, so every run sees the same faults in the same order.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, waitForServiceWorker, deviceOutbox, signIn, OPERATOR } from './fixtures';
import { faultSchedule, type Fault } from '../support/fault-proxy';

const N = 200;
const SEED = 20261128;

const grievancesChunk = () => `/assets/${readdirSync(join(import.meta.dirname, '../../dist/assets')).find((f) => /^grievances-.*\.js$/.test(f))}`;

/** Registers `n` grievances through the app's own module (the same code the form calls). */
async function registerMany(page: Page, n: number): Promise<void> {
  await page.evaluate(async ({ chunk, n, op }) => {
    const chunkExports = await import(chunk);
    // The chunk exports the module itself when only dynamic imports reach it, else (a shared chunk, names
    // minified) the module's namespace object among its exports: find registerGrievance either way.
    const m = typeof chunkExports.registerGrievance === 'function' ? chunkExports
      : Object.values(chunkExports).find((v) => !!v && typeof v === 'object' && typeof (v as { registerGrievance?: unknown }).registerGrievance === 'function');
    if (!m) throw new Error(`no registerGrievance in ${chunk}`);
    const depts = ['phed', 'energy', 'rdpr', 'revenue', 'food'];
    for (let i = 0; i < n; i++) {
      await m.registerGrievance({
        name: `परिवादी ${String.fromCharCode(0x0915 + (i % 30))}`, mobile: `9${String(100000000 + i * 7919).slice(-9)}`, areaType: i % 2 ? 'rural' : 'urban',
        districtCode: 'jaipur', departmentCode: depts[i % depts.length], description: `शिकायत संख्या ${i}: गाँव में समस्या है और कोई सुनवाई नहीं हो रही है।`, consent: true,
      }, { kioskCode: op.kioskCode, operatorId: op.id, lang: 'hi' });
    }
  }, { chunk: grievancesChunk(), n, op: OPERATOR });
}

/** Asks the controlling service worker for a replay (as "Sync now" does) and waits for its report. */
async function replayOnce(page: Page): Promise<unknown> {
  return page.evaluate(async () => {
    const sw = navigator.serviceWorker.controller;
    if (!sw) return 'no-controller';
    const ch = new MessageChannel();
    const done = new Promise((r) => { ch.port1.onmessage = (e) => r(e.data); setTimeout(() => r('timeout'), 30_000); });
    sw.postMessage({ type: 'REPLAY', trigger: 'manual' }, [ch.port2]);
    return done;
  });
}

/** Stops the service worker through the DevTools protocol, as Chrome does to an idle worker. */
async function stopServiceWorker(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  const versions: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { versionId: string; runningStatus: string }[] }) => {
    for (const v of e.versions) if (v.runningStatus === 'running') versions.push(v.versionId);
  });
  await cdp.send('ServiceWorker.enable');
  await page.waitForTimeout(100);
  for (const versionId of new Set(versions)) await cdp.send('ServiceWorker.stopWorker', { versionId });
  await cdp.send('ServiceWorker.disable');
  await cdp.detach();
  return new Set(versions).size;
}

test('soak: 200 grievances through a 30% fault schedule, SW stops, reloads, a browser restart and flapping arrive exactly once', async ({ server }, info) => {
  test.setTimeout(240_000);
  // Small batches (advertised by the server) so that 200 grievances make dozens of requests for the faults to hit.
  const batchBefore = process.env.SYNC_BATCH; // restored afterwards: the server of later tests reads it
  process.env.SYNC_BATCH = '5';
  const profile = mkdtempSync(join(tmpdir(), 'sampark-profile-'));
  const launch = () => chromium.launchPersistentContext(profile, { ...info.project.use.launchOptions, headless: true, serviceWorkers: 'allow' });
  let context = await launch();
  let page = context.pages()[0] ?? (await context.newPage());
  try {
    await page.goto(`${server.url}/?lang=en`);
    await waitForServiceWorker(page);
    await signIn(page);
    await context.setOffline(true);
    await registerMany(page, N);
    expect((await deviceOutbox(page)).filter((r) => r.state === 'saved')).toHaveLength(N);

    // About a third of sync requests fail; 'hang' costs a full client timeout, so it is left to the unit tests.
    const next = faultSchedule(SEED, 0.33, ['500', '502', '503', '429', 'reset', 'slow', 'drop-after-commit']);
    server.proxy.setSchedule(next);
    await context.setOffline(false);

    const events: Record<number, string> = { 2: 'sw-stop', 4: 'reload', 6: 'flap', 8: 'sw-stop', 10: 'restart', 12: 'reload', 14: 'sw-stop', 16: 'flap' };
    const lastEvent = Math.max(...Object.keys(events).map(Number));
    for (let round = 0; round < 100; round++) {
      const rows = await deviceOutbox(page);
      if (round > lastEvent && rows.every((r) => r.state === 'synced')) break;
      const event = events[round];
      if (event === 'sw-stop') expect(await stopServiceWorker(context, page)).toBeGreaterThan(0);
      if (event === 'reload') { await page.reload(); await waitForServiceWorker(page); }
      if (event === 'flap') for (let i = 0; i < 3; i++) { await context.setOffline(true); await replayOnce(page); await context.setOffline(false); }
      if (event === 'restart') {
        await context.close();
        context = await launch();
        page = context.pages()[0] ?? (await context.newPage());
        await page.goto(`${server.url}/?lang=en`);
        await waitForServiceWorker(page);
      }
      await replayOnce(page);
    }

    const rows = await deviceOutbox(page);
    expect(rows.filter((r) => r.state !== 'synced')).toEqual([]);
    const applied = server.proxy.applied;
    const faults = applied.filter((f) => f !== 'ok');
    expect(faults.length / applied.length).toBeGreaterThan(0.2);
    expect(new Set(faults)).toEqual(new Set<Fault>(['500', '502', '503', '429', 'reset', 'slow', 'drop-after-commit']));

    await context.close();
    await server.stop();
    const exported = server.exportAll();
    expect(exported).toHaveLength(N);
    expect(new Set(exported.map((g) => g.clientId)).size).toBe(N);
    const byId = new Map(exported.map((g) => [g.clientId, g.number]));
    for (const r of rows) expect(byId.get(r.clientId)).toBe(r.number);
    console.log(`soak: ${applied.length} sync requests, ${faults.length} failed`);
    info.annotations.push({ type: 'faults', description: `${faults.length} of ${applied.length} sync requests failed: ${JSON.stringify(Object.fromEntries([...new Set(faults)].map((f) => [f, faults.filter((x) => x === f).length])))}` });
  } finally {
    if (batchBefore === undefined) delete process.env.SYNC_BATCH;
    else process.env.SYNC_BATCH = batchBefore;
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
});
