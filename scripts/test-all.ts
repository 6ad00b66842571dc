/**
 * `npm test`: the typecheck, the build, the server and unit tests (vitest) and the end-to-end tests
 * (Playwright) — the same four steps as `npm run typecheck && npm run build && vitest run && playwright test`,
 * but not one after the other:
 *
 *   build → Playwright      (the end-to-end tests serve the built dist/)
 *   vitest                  (it needs no build: its servers serve their own small dist)
 *   typecheck               (nothing waits for it; if it fails, everything is stopped)
 *
 * Each phase alone leaves part of the two cores idle (waits on the browser, the disk, child processes,
 * timers: the whole sequential run used 133 % CPU of 200 %), so running them side by side finishes sooner:
 * on this shared 2-core machine, 8 server files + 13 end-to-end tests took 358 s one after the other and
 * 271 s side by side (README "Test run speed"). The programs the tests start (tests/support/bundles.ts) are
 * bundled once here, before either runs, so neither global setup rewrites a file the other's tests are
 * starting.
 *
 * Output: each line is prefixed with its step (`unit │`, `e2e │`…), as the two runs interleave. A failed
 * typecheck or build stops everything at once; a failing test run lets the other finish, then the exit
 * code is 1 and the failed steps are named at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { buildBundles, ROOT } from '../tests/support/bundles';

const children = new Set<ChildProcess>();
const failed: string[] = [];
let stopping = false;

/** Runs `npm run <script>`, its output prefixed with `label`; resolves to whether it succeeded. */
function step(label: string, script: string): Promise<boolean> {
  if (stopping) return Promise.resolve(false); // not started: an earlier step failed
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('npm', ['run', '--silent', script], { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    const prefix = `${label.padEnd(9)}│ `;
    for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream }).on('line', (line) => process.stdout.write(prefix + line + '\n'));
    child.on('close', (code, signal) => {
      children.delete(child);
      const ok = code === 0;
      process.stdout.write(`${prefix}── npm run ${script}: ${ok ? 'passed' : `failed (${signal ?? `exit ${code}`})`} in ${Math.round((Date.now() - started) / 1000)} s\n`);
      if (!ok) failed.push(script);
      resolve(ok);
    });
  });
}

function stopAll(): void {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => { stopAll(); process.exit(130); });

const started = Date.now();
await buildBundles(); // names .tmp/bin in SAMPARK_TEST_BIN; the global setups see SAMPARK_TEST_BUNDLES_BUILT and leave it
process.env.SAMPARK_TEST_BUNDLES_BUILT = '1';

const unit = step('unit', 'test:unit');
// A tree that does not typecheck or build is not worth testing further: either failure stops everything.
const typecheck = step('typecheck', 'typecheck').then((ok) => ok || stopAll());
const chain = (async () => {
  if (!(await step('build', 'build'))) return stopAll();
  await step('e2e', 'test:e2e');
})();
await Promise.all([unit, typecheck, chain]);

const took = Math.round((Date.now() - started) / 1000);
console.log(failed.length ? `npm test: FAILED (${[...new Set(failed)].join(', ')}) after ${took} s` : `npm test: all passed in ${took} s`);
process.exitCode = failed.length ? 1 : 0;
