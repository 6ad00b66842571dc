import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

/** Chromium: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own browser. */
const executablePath = process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/**
 * The specs whose tests take longest (30–66 s each on a quiet 2-core machine, 2026-12-03), run first: the
 * workers take tests in project order, then file order, so the short ones fill the end of the run instead
 * of one long test keeping a worker busy while the other has nothing left to do. Every spec is in exactly
 * one of the two projects.
 */
const LONG_FIRST = ['layout', 'soak', 'tabs-and-updates', 'workflow', 'camp', 'places-and-a11y', 'leader-dashboards'].map((f) => `**/${f}.spec.ts`);

export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts', // bundles the admin CLI that server.exportAll() runs
  // Two at a time: each test has its own server (in its worker) and browser context; 2 cores. Tests of one
  // file may run on both workers (no spec shares state between its tests), so a long file does not leave
  // the other worker idle at the end of the run.
  workers: 2,
  fullyParallel: true,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: [['list']],
  projects: [
    { name: 'long', testMatch: LONG_FIRST },
    { name: 'rest', testIgnore: LONG_FIRST },
  ],
  use: {
    headless: true,
    serviceWorkers: 'allow',
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
    },
  },
});
