/**
 * The server and the CLIs as the tests start them: each entry (server/index.ts, server/cli/admin.ts, src/triage/cli.ts)
 * bundled once per test run by esbuild, the same transform tsx applies file by file, into one ES module.
 * Under `node --import tsx` every start of one loads up to a few hundred TypeScript files through tsx's
 * loader thread, 5–30 s on this 2-core machine when it is busy; the bundle starts in 1–2 s. The packages
 * stay outside the bundle (loaded from node_modules as usual).
 *
 * The bundles go to `.tmp/bin/` (ignored by git): two levels below the repository like every server module
 * that finds a file next to the sources by `new URL('../../…', import.meta.url)` (reference/time-limits.json,
 * src/domain/reference, src/triage/corpus), so those still resolve to the same files.
 *
 * The test runs' global setups (tests/support/vitest-global-setup.ts, tests/e2e/global-setup.ts) build them
 * fresh and name the directory in SAMPARK_TEST_BIN; without it (a test started some other way, the
 * benchmarks) the helpers below fall back to tsx on the sources, as before. The tests that are about the
 * `npm run admin` script itself still run it.
 */
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

export const ENTRIES = { server: 'server/index.ts', admin: 'server/cli/admin.ts', triage: 'src/triage/cli.ts' } as const;
export type Entry = keyof typeof ENTRIES;

/** Where the global setups put the bundles. */
export const BIN_DIR = join(ROOT, '.tmp/bin');

/** Builds the bundles into BIN_DIR (about half a second) and names the directory in SAMPARK_TEST_BIN for the processes the run starts. */
export async function buildBundles(): Promise<void> {
  const { build } = await import('esbuild');
  await build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, file])),
    outdir: BIN_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  process.env.SAMPARK_TEST_BIN = BIN_DIR;
}

/**
 * What the global setups call: builds the bundles, unless `npm test` (scripts/test-all.ts) built them already
 * for both test runs, which then run side by side: one run's setup must not rewrite a bundle while the
 * other's tests are starting it.
 */
export async function ensureBundles(): Promise<void> {
  if (process.env.SAMPARK_TEST_BUNDLES_BUILT && process.env.SAMPARK_TEST_BIN) return;
  await buildBundles();
}

/**
 * The node arguments that run `entry`: its bundle when the run built them, else tsx on the source
 * (`node --import tsx server/…`, one process either way, so a child's pid is the program's own).
 */
export function entryArgs(entry: Entry): string[] {
  const bin = process.env.SAMPARK_TEST_BIN;
  return bin ? [join(bin, `${entry}.mjs`)] : ['--import', 'tsx', ENTRIES[entry]];
}

/** The repository's root: the working directory every test process is started in. */
export { ROOT };
