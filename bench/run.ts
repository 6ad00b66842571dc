/**
 * `npm run bench`: the product's benchmarks on this machine, each against a baseline measured in the same
 * run (these machines are noisy: compare ratios, not absolute times). Prints a table and writes
 * bench-results.json: [{ name, value, unit, better, baseline? }].
 *
 * Everything runs on loopback: the real server (Fastify + embedded PGlite in a temp DATA_DIR; with
 * BENCH_SERVER_DB=postgres on a fresh `<name>_bench` database of BENCH_DATABASE_URL or TEST_DATABASE_URL, as a
 * state deployment runs) behind the fault proxy, and the built PWA in headless Chromium.
 */
import type { Browser } from '@playwright/test';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { startFaultProxy, faultSchedule, type FaultProxy } from '../tests/support/fault-proxy';
import { pdf } from '../tests/server/attachment-files';
import { uploadAttachment } from '../src/sync/upload';
import { createHash } from 'node:crypto';
import { slowClients } from './slow-clients';
import { handoverBench } from './handover';
import { ulid } from 'ulidx';
import { scaleBench } from './scale';
import { lighthouseSignIn } from './lighthouse';
import { reportsBenchAll } from './reports';
import { chatBench } from './chat';
import { prefill, sample, STORED } from './enqueue';
import { OPERATOR, startServer } from './bench-server';
import { chunk, DIST, installWorkerCall, launch, openApp, states, workerAsset } from './browser';
import { replayComparison } from './replay';

export interface Result { name: string; value: number; unit: string; better: 'lower' | 'higher'; baseline?: { name: string; value: number } }

const ROOT = join(import.meta.dirname, '..');
const results: Result[] = [];
const record = (r: Result) => {
  // A bench that lost what it measures (a renamed worker function once gave NaN silently) stops here.
  if (!Number.isFinite(r.value)) throw new Error(`${r.name}: measured ${r.value}`);
  results.push(r);
  console.log(`  ${r.name}: ${r.value} ${r.unit}${r.baseline ? `  (baseline ${r.baseline.name}: ${r.baseline.value})` : ''}`);
};
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

async function firstLoad(browser: Browser, url: string) {
  console.log('first-load JavaScript (a first visit, no service worker yet)');
  const sum = (files: Iterable<string>) => round([...files].reduce((s, f) => s + gz(join(DIST, f)), 0) / 1024, 1);
  // Render-blocking: the entry and what index.html preloads. Proven by drawing the first screen with every
  // other script refused (they load right after, in parallel, on a real first visit).
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const critical = new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]));
  const blocked = await browser.newContext({ serviceWorkers: 'block' });
  await blocked.route('**/*.js', (r) => (critical.has(new URL(r.request().url()).pathname) ? r.continue() : r.abort()));
  const bp = await blocked.newPage();
  await bp.goto(`${url}/?lang=en`);
  const drawn = await bp.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 10_000 }).then(() => true, () => false);
  await blocked.close();
  if (!drawn) throw new Error('the first screen needs more than the entry chunk');
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const fetched = new Set<string>();
  page.on('response', (r) => { const p = new URL(r.url()).pathname; if (p.endsWith('.js')) fetched.add(p); });
  await page.goto(`${url}/?lang=en`, { waitUntil: 'networkidle' });
  await context.close();
  record({ name: 'first-load JS, render-blocking (gzip)', value: sum(critical), unit: 'KiB', better: 'lower' });
  record({ name: 'first-load JS, all fetched until network idle (gzip)', value: sum(fetched), unit: 'KiB', better: 'lower' });
  // What the server actually sends a browser that takes brotli: the build's .br copies (scripts/compress-dist.ts).
  const br = (files: Iterable<string>) => round([...files].reduce((t, f) => t + (existsSync(join(DIST, `${f}.br`)) ? readFileSync(join(DIST, `${f}.br`)).length : readFileSync(join(DIST, f)).length), 0) / 1024, 1);
  record({ name: 'first-load JS, render-blocking (brotli, as served)', value: br(critical), unit: 'KiB', better: 'lower' });
  record({ name: 'first-load JS, all fetched until network idle (brotli, as served)', value: br(fetched), unit: 'KiB', better: 'lower' });
  record({ name: 'service worker (gzip, not render-blocking)', value: round(gz(join(DIST, 'sw.js')) / 1024, 1), unit: 'KiB', better: 'lower' });
}

async function enqueueLatency(browser: Browser, url: string) {
  console.log(`enqueue latency with ${STORED.toLocaleString('en')} grievances stored (baseline: a bare IndexedDB add, same page, alternating)`);
  const app = await openApp(browser, url);
  await app.setOffline(true);
  await prefill(app.page);
  const s = await sample(app.page, chunk('grievances'), OPERATOR);
  await app.close();
  const base = (p: number) => ({ name: `bare IndexedDB add p${p}`, value: round(pct(s.bare, p)) });
  record({ name: 'enqueue p50 (50,000 stored)', value: round(pct(s.app, 50)), unit: 'ms', better: 'lower', baseline: base(50) });
  record({ name: 'enqueue p95 (50,000 stored)', value: round(pct(s.app, 95)), unit: 'ms', better: 'lower', baseline: base(95) });
  // The save's own transaction without Dexie: what IndexedDB itself charges for its shape (issue 16).
  for (const p of [50, 95]) record({ name: `the save's transaction in raw IndexedDB p${p} (50,000 stored)`, value: round(pct(s.shape, p)), unit: 'ms', better: 'lower', baseline: base(p) });
}


async function serverIngest(origin: string) {
  console.log('server ingest (Node → server over loopback, no browser), durable commits and EMBEDDED_FSYNC=off');
  const durable = await measureIngest(origin);
  const plain = await startServer({ durable: false });
  const unflushed = await measureIngest(plain.origin).finally(() => plain.close());
  const off = (v: number) => ({ name: 'EMBEDDED_FSYNC=off', value: Math.round(v) });
  record({ name: 'server ingest, one grievance per request (durable)', value: Math.round(durable.single), unit: 'grievances/s', better: 'higher', baseline: off(unflushed.single) });
  record({ name: 'server ingest, 100 per request (durable)', value: Math.round(durable.batched), unit: 'grievances/s', better: 'higher', baseline: off(unflushed.batched) });
  record({ name: 'durable commit cost, one per request (time ÷ fsync off)', value: round(unflushed.single / durable.single), unit: '×', better: 'lower' });
  record({ name: 'durable commit cost, 100 per request (time ÷ fsync off)', value: round(unflushed.batched / durable.batched), unit: '×', better: 'lower' });
}

/** Grievances per second into the server at `origin`: 500 requests of one, then 50 of 100. */
async function measureIngest(origin: string): Promise<{ single: number; batched: number }> {
  const login = await fetch(`${origin}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operatorId: OPERATOR.id, password: OPERATOR.password, deviceId: 'BENCH' }) });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` };
  const make = (i: number) => ({
    clientId: ulid(), receiptNumber: `K1023456-261128-BENCH-${String(i).padStart(4, '0')}`, kioskCode: 'K1023456', deviceId: 'BENCH', operatorId: OPERATOR.id,
    createdAt: new Date().toISOString(), lang: 'hi', name: 'परिवादी', mobile: '9876543210', areaType: 'rural', districtCode: 'jaipur', departmentCode: 'phed',
    description: `शिकायत ${i}: गाँव में पीने का पानी नहीं आ रहा है, कृपया शीघ्र कार्यवाही करें।`, consent: true,
  });
  const post = async (records: unknown[]) => {
    const r = await fetch(`${origin}/api/sync/grievances`, { method: 'POST', headers, body: JSON.stringify({ grievances: records }) });
    if (!r.ok) throw new Error(`ingest answered ${r.status}: ${await r.text()}`);
    await r.json();
  };
  let t0 = performance.now();
  for (let i = 0; i < 500; i++) await post([make(100_000 + i)]);
  const single = 500 / ((performance.now() - t0) / 1000);
  t0 = performance.now();
  for (let b = 0; b < 50; b++) await post(Array.from({ length: 100 }, (_, i) => make(200_000 + b * 100 + i)));
  const batched = 5000 / ((performance.now() - t0) / 1000);
  return { single, batched };
}

async function triage(browser: Browser, url: string) {
  console.log('on-device triage in the worker');
  const app = await openApp(browser, url);
  const texts = readFileSync(join(ROOT, 'src/triage/corpus/test.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { text: string }).text);
  // The app's own triage worker, called as the page calls it (src/triage/bridge.ts): each `classify` is a
  // message to the worker and its answer, timed in the page. Baseline: `modelInfo`, the same round trip
  // with no work, alternating with it, so what the model itself takes is the difference.
  await installWorkerCall(app.page);
  const times = await app.page.evaluate(async ({ worker, texts }) => {
    const call = (globalThis as unknown as { benchWorkerCall(w: Worker, path: string[], args: unknown[]): Promise<unknown> }).benchWorkerCall;
    const w = new Worker(worker, { type: 'module' });
    await call(w, ['classify'], ['warm up']); // the model decoded before the clock starts
    const classify: number[] = [];
    const trip: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const text of texts) {
        let t0 = performance.now();
        const r = await call(w, ['classify'], [text]) as { department?: unknown };
        classify.push(performance.now() - t0);
        if (typeof r?.department !== 'string') throw new Error(`classify answered ${JSON.stringify(r).slice(0, 200)}`);
        t0 = performance.now();
        await call(w, ['modelInfo'], []);
        trip.push(performance.now() - t0);
      }
    }
    w.terminate();
    return { classify, trip };
  }, { worker: workerAsset('triage.worker'), texts });
  const stats = { p50: pct(times.classify, 50), p95: pct(times.classify, 95), tripP50: pct(times.trip, 50), tripP95: pct(times.trip, 95) };
  await app.close();
  record({ name: 'triage p50 per grievance (page → worker → page)', value: round(stats.p50, 3), unit: 'ms', better: 'lower', baseline: { name: 'the same round trip with no work (modelInfo) p50', value: round(stats.tripP50, 3) } });
  record({ name: 'triage p95 per grievance (page → worker → page)', value: round(stats.p95, 3), unit: 'ms', better: 'lower', baseline: { name: 'the same round trip with no work (modelInfo) p95', value: round(stats.tripP95, 3) } });
  record({ name: 'triage model (gzip)', value: round(gz(join(ROOT, 'src/triage/model.json')) / 1024, 1), unit: 'KiB', better: 'lower' });
}

/**
 * Attachments: a 12-megapixel photo made in the page and compressed in the media worker; the bytes a
 * grievance with a photo and a PDF puts on the wire when the app syncs it (baseline: the original files);
 * and the resumed-upload overhead of the device's upload client (src/sync/upload.ts, in Node) against the
 * real server with 30% of chunk PUTs faulted (bytes sent ÷ file size; 1 is perfect).
 */
async function attachments(browser: Browser, url: string, origin: string, proxy: FaultProxy) {
  console.log('attachments: photo compression in the worker, bytes on the wire, resumed-upload overhead');
  const app = await openApp(browser, url);
  const N = 3;
  let wire: { perGrievance: number; originals: number; photoIn: number; photoOut: number; ms: number[]; width: number; height: number };
  try {
    const limits: unknown = await app.page.evaluate(async () => (await (await fetch('/api/config')).json()).attachments);
    await app.setOffline(true);
    await installWorkerCall(app.page);
    wire = await app.page.evaluate(async ({ worker, grievances, op, n, pdfBase64, limits }) => {
      // The app's media worker, called as src/media/media-bridge.ts calls it (its `prepare`).
      const call = (globalThis as unknown as { benchWorkerCall(w: Worker, path: string[], args: unknown[]): Promise<any> }).benchWorkerCall;
      const mw = new Worker(worker, { type: 'module' });
      const gx = await import(grievances);
      const store = typeof gx.registerGrievance === 'function' ? gx : Object.values(gx).find((v: any) => typeof v?.registerGrievance === 'function') as any;
      const pdfBytes = Uint8Array.from(atob(pdfBase64), (ch: string) => ch.charCodeAt(0));
      const ms: number[] = [];
      let originals = 0, photoIn = 0, photoOut = 0, width = 0, height = 0;
      for (let i = 0; i < n; i++) {
        // A camera-like 4000×3000 JPEG (gradients, shapes, sensor noise), different each time. Inline, not a
        // named function: tsx's keepNames would wrap it in a helper that does not exist in the page.
        const w = 4000, h = 3000;
        const c = new OffscreenCanvas(w, h);
        const ctx = c.getContext('2d')!;
        const g = ctx.createLinearGradient(0, 0, w, h);
        g.addColorStop(0, '#8aa'); g.addColorStop(0.5, '#c96'); g.addColorStop(1, '#345');
        ctx.fillStyle = g; ctx.fillRect(0, 0, w, h);
        for (let k = 0; k < 400; k++) { ctx.fillStyle = `hsl(${(k * 37 + i * 11) % 360} 50% ${30 + (k % 40)}%)`; ctx.fillRect((k * 997 + i * 101) % w, (k * 613) % h, 150, 90); }
        const img = ctx.getImageData(0, 0, w, h);
        let seed = i + 7;
        for (let k = 0; k < img.data.length; k += 4) { seed = (seed * 1103515245 + 12345) >>> 0; const d = (seed >>> 24) % 24 - 12; img.data[k] += d; img.data[k + 1] += d; img.data[k + 2] += d; }
        ctx.putImageData(img, 0, 0);
        const input = await c.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
        const t0 = performance.now();
        const p = await call(mw, ['prepare'], [input, { name: `IMG_${i}.jpg`, type: 'image/jpeg' }, limits]);
        ms.push(performance.now() - t0);
        const docBytes = pdfBytes.slice();
        docBytes[docBytes.length - 20] = i; // a different document each time (content-addressed: a repeat would be free)
        const d = await call(mw, ['prepare'], [new Blob([docBytes]), { name: `bill-${i}.pdf`, type: 'application/pdf' }, limits]);
        if (!p.ok || !d.ok) throw new Error(`prepare failed: ${p.key ?? d.key}`);
        originals += input.size + docBytes.length;
        photoIn += input.size; photoOut += p.attachment.bytes; width = p.attachment.width; height = p.attachment.height;
        await store.registerGrievance({
          name: 'परिवादी बेंचमार्क', mobile: '9876543210', areaType: 'rural', districtCode: 'jaipur', departmentCode: 'phed',
          description: `शिकायत ${i}: हैंडपंप खराब है, फ़ोटो और बिजली का बिल संलग्न है।`, consent: true,
        }, { kioskCode: op.kiosk, operatorId: op.id, lang: 'hi', attachments: [p.attachment, d.attachment] });
      }
      mw.terminate();
      return { perGrievance: 0, originals: originals / n, photoIn: photoIn / n, photoOut: photoOut / n, ms, width, height };
    }, { worker: workerAsset('media.worker'), grievances: chunk('grievances'), op: OPERATOR, n: N, pdfBase64: pdf(100_000).toString('base64'), limits });
    proxy.setSchedule(() => 'ok');
    const before = proxy.traffic.bodyBytes;
    await app.setOffline(false);
    const t0 = Date.now();
    for (;;) {
      const s = await states(app.page);
      if ((s.synced ?? 0) >= N && !s.saved && !s.sending) break;
      if (Date.now() - t0 > 120_000) throw new Error(`attachments not synced after 120 s: ${JSON.stringify(s)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    wire.perGrievance = (proxy.traffic.bodyBytes - before) / N;
  } finally {
    await app.close();
  }
  const median = pct(wire.ms, 50);
  console.log(`    photo ${round(wire.photoIn / 1024, 0)} KiB → ${round(wire.photoOut / 1024, 0)} KiB, ${wire.width}×${wire.height}; per-photo ms ${wire.ms.map((x) => Math.round(x)).join(', ')} (first includes starting the worker)`);
  record({ name: 'photo compression, 12 MP in the worker (median)', value: Math.round(median), unit: 'ms', better: 'lower' });
  record({ name: 'compressed photo size (from a 12 MP camera JPEG)', value: round(wire.photoOut / 1024, 1), unit: 'KiB', better: 'lower', baseline: { name: 'camera JPEG', value: round(wire.photoIn / 1024, 1) } });
  record({ name: 'bytes on the wire per grievance (12 MP photo + 100 KB PDF)', value: round(wire.perGrievance / 1024, 1), unit: 'KiB', better: 'lower', baseline: { name: 'original files', value: round(wire.originals / 1024, 1) } });

  // Resumed-upload overhead: the device's upload client in Node, through a proxy that faults 30% of chunk PUTs.
  const faulty = await startFaultProxy(origin, { faultPath: /^\/api\/attachments\//, faultMethods: ['PUT'], next: faultSchedule(17, 0.3, ['500', '502', '503', '429', 'reset', 'drop-after-commit']) });
  try {
    const login = await fetch(`${origin}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operatorId: OPERATOR.id, password: OPERATOR.password, deviceId: 'BENC2' }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    let sent = 0, size = 0, requests = 0;
    for (let i = 0; i < 8; i++) {
      const bytes = pdf(1_000_000 + i);
      const r = await uploadAttachment({ sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, blob: new Blob([new Uint8Array(bytes)]) }, {
        fetch: (u, init) => fetch(u, { ...init, headers: { ...Object.fromEntries(new Headers(init.headers)), authorization: `Bearer ${accessToken}` } }),
        baseUrl: faulty.url, chunkBytes: 256 * 1024, maxFailures: 10, sleep: async () => undefined,
      });
      if (r.kind !== 'complete') throw new Error(`upload ${i}: ${JSON.stringify(r)}`);
      sent += r.sent; size += bytes.length; requests += r.requests;
    }
    console.log(`    8 × 1 MB through 30% faulted chunks: ${faulty.applied.filter((f) => f !== 'ok').length} faults, ${requests} requests`);
    record({ name: 'resumed-upload overhead (bytes sent ÷ file size, 30% of chunks faulted)', value: round(sent / size, 3), unit: 'ratio', better: 'lower', baseline: { name: 'no faults', value: 1 } });
  } finally {
    await faulty.close();
  }
}

const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);
const server = await startServer({ postgres: process.env.BENCH_SERVER_DB === 'postgres' });
console.log(`server database: ${process.env.BENCH_SERVER_DB === 'postgres' ? 'PostgreSQL' : 'embedded PGlite'}`);
const browser = await launch();
try {
  if (want('first-load')) await firstLoad(browser, server.proxy.url);
  if (want('enqueue')) await enqueueLatency(browser, server.proxy.url);
  if (want('replay')) await replayComparison(browser, server.proxy.url, server.proxy, record);
  if (only.includes('replay-batched')) await replayComparison(browser, server.proxy.url, server.proxy, record, true);
  if (want('ingest')) await serverIngest(server.origin);
  if (want('slow-clients')) await slowClients(record);
  if (want('handover')) await handoverBench(record);
  if (want('chat')) await chatBench(record);
  if (want('triage')) await triage(browser, server.proxy.url);
  if (want('attachments')) await attachments(browser, server.proxy.url, server.origin, server.proxy);
  if (want('lighthouse')) await lighthouseSignIn(server.origin, record);
  if (want('scale')) { console.log('state scale (PostgreSQL, several processes; bench/scale.ts)'); await scaleBench(record); }
  if (want('reports')) { console.log("leaders' reports (bench/reports.ts)"); await reportsBenchAll(record); }
} finally {
  await browser.close();
  await server.close();
}
writeFileSync(join(ROOT, 'bench-results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\n| benchmark | value | unit | better |\n| --- | --- | --- | --- |');
for (const r of results) console.log(`| ${r.name} | ${r.value} | ${r.unit} | ${r.better} |`);
console.log('\nwrote bench-results.json');
