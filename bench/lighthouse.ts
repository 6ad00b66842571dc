/**
 * `npm run bench -- lighthouse`: Lighthouse (pinned in package.json) on the sign-in page of the built app,
 * served by the real server (compressed files, cache headers), with Lighthouse's mobile defaults (a
 * mid-range phone, simulated slow 4G). Chromium is started here with a DevTools port for Lighthouse to
 * drive (CHROMIUM_PATH, else /usr/bin/chromium). Not part of `npm test`: a page load under simulated
 * throttling takes tens of seconds and its score moves with the machine's load.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import type { Result } from './run';

const freePort = () => new Promise<number>((resolve, reject) => {
  const s = createServer();
  s.once('error', reject);
  s.listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); });
});

/** Chromium with its DevTools endpoint on a free loopback port, in a throw-away profile. */
async function startChromium(): Promise<{ port: number; stop(): Promise<void> }> {
  const executable = process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  if (!executable) throw new Error('Lighthouse needs Chromium: set CHROMIUM_PATH or install /usr/bin/chromium');
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), 'sampark-lighthouse-'));
  const child = spawn(executable, [
    '--headless=new', `--remote-debugging-port=${port}`, '--remote-debugging-address=127.0.0.1', `--user-data-dir=${profile}`,
    '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', 'about:blank',
  ], { stdio: 'ignore' });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  for (let i = 0; ; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/json/version`)).ok) break; } catch { /* not up yet */ }
    if (i > 100 || child.exitCode !== null) throw new Error('Chromium did not open its DevTools port');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, stop: async () => { child.kill(); await exited; rmSync(profile, { recursive: true, force: true }); } };
}

/** Performance, accessibility and best practices (0–100) of `${origin}/?lang=…`, the sign-in page of a first visit. */
export async function lighthouseSignIn(origin: string, record: (r: Result) => void, lang: 'hi' | 'en' = 'hi'): Promise<void> {
  console.log(`Lighthouse (mobile defaults) on the sign-in page, ${lang}`);
  const chromium = await startChromium();
  try {
    const run = await lighthouse(`${origin}/?lang=${lang}`, {
      port: chromium.port, output: 'json', logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    });
    if (!run) throw new Error('Lighthouse returned nothing');
    if (process.env.LIGHTHOUSE_JSON) writeFileSync(process.env.LIGHTHOUSE_JSON, JSON.stringify(run.lhr)); // the whole report, to study
    const { categories, audits } = run.lhr;
    const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
    record({ name: `Lighthouse performance, sign-in page (mobile, ${lang})`, value: score('performance'), unit: 'score', better: 'higher' });
    record({ name: `Lighthouse accessibility, sign-in page (mobile, ${lang})`, value: score('accessibility'), unit: 'score', better: 'higher' });
    record({ name: `Lighthouse best practices, sign-in page (mobile, ${lang})`, value: score('best-practices'), unit: 'score', better: 'higher' });
    const ms = (id: string) => Math.round(audits[id]?.numericValue ?? 0);
    record({ name: `Lighthouse LCP, sign-in page (mobile, ${lang})`, value: ms('largest-contentful-paint'), unit: 'ms', better: 'lower' });
    record({ name: `Lighthouse total bytes, sign-in page (mobile, ${lang})`, value: Math.round(ms('total-byte-weight') / 1024), unit: 'KiB', better: 'lower' });
    // What kept a category below 100, so the figure can be acted on.
    for (const [id, cat] of Object.entries(categories)) {
      const failing = cat.auditRefs.filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 1).map((ref) => `${ref.id} (${audits[ref.id]?.displayValue ?? audits[ref.id]?.score})`);
      if (failing.length) console.log(`    ${id}: ${failing.join(', ')}`);
    }
  } finally {
    await chromium.stop();
  }
}
