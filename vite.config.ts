import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import type { Plugin } from 'vite';

/**
 * The web fonts are requested with the first scripts (`<link rel="preload">` in index.html) instead of
 * after the first render has found text that needs them: the page is drawn by script, so on a first visit
 * the fonts are there by the time text is, and nothing jumps when they arrive (issue 17 item 5).
 */
function preloadFonts(pattern: RegExp): Plugin {
  return {
    name: 'sampark-preload-fonts',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const fonts = Object.keys(ctx.bundle ?? {}).filter((f) => pattern.test(f)).sort();
        return fonts.map((f) => ({ tag: 'link', attrs: { rel: 'preload', as: 'font', type: 'font/woff2', crossorigin: '', href: `/${f}` }, injectTo: 'head' as const }));
      },
    },
  };
}

/**
 * The service worker runs the same data modules (src/db) as the pages, on the lite engine instead of Dexie
 * (src/db/lite: the Dexie API subset they use, 2.5 KiB instead of 32 KiB gzip; issue 16 target ≤ 45 KiB).
 * Only the service worker's build resolves `dexie` to it; pages, workers and tests keep Dexie.
 */
function dexieLite(): Plugin {
  const engine = fileURLToPath(new URL('./src/db/lite/index.ts', import.meta.url));
  return { name: 'sampark-sw-dexie-lite', enforce: 'pre', resolveId: (id) => (id === 'dexie' ? engine : null) };
}

/** Unit tests of the data modules the service worker runs, also run on the lite engine ('sw-lite' project below). */
const SW_LITE_TESTS = ['outbox', 'outbox-ahead', 'outbox-attention', 'outbox-poison', 'actions-queue', 'auth', 'camp-actions', 'camp-token-log', 'tokens', 'attachments-outbox', 'outbox-transactions', 'in-flight']
  .map((f) => `tests/unit/${f}.test.ts`);

const manifest = JSON.parse(readFileSync(new URL('./manifest.webmanifest', import.meta.url), 'utf8'));

export default defineConfig({
  plugins: [
    preact(),
    preloadFonts(/noto-sans-devanagari-devanagari-400-normal-[\w-]+\.woff2$/),
    VitePWA({
      strategies: 'injectManifest', srcDir: 'sw', filename: 'sw.ts', // emits dist/sw.js
      injectRegister: false, // registered by src/ui/sw-client.ts with workbox-window
      manifest,
      // png/webmanifest are added by the plugin itself (TOOLCHAIN.md: listing them duplicates entries)
      injectManifest: { globPatterns: ['**/*.{js,css,html,woff2,json}'], maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        buildPlugins: { vite: [dexieLite()] } },
    }),
  ],
  worker: { format: 'es' },
  build: { target: 'es2020', sourcemap: false },
  // Two files at a time (2 cores), each in a worker thread of one process rather than in a child process of its
  // own (vitest's default): files stay isolated (a module graph and a process.env per file), but V8 shares
  // compiled WebAssembly within a process, so PGlite starts ~1 s sooner after the first (a new cluster: 3.4 s in
  // a fresh process, 2.0–2.4 s in another thread of the same one). Whole vitest run: 437 s → 337 / 355 s.
  test: { testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: true, maxWorkers: 2, pool: 'threads',
    projects: [
      // On PostgreSQL each worker has its own database (tests/support/vitest-global-setup.ts).
      { extends: true, test: { name: 'unit+server', include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts'], environment: 'node',
        globalSetup: ['tests/support/vitest-global-setup.ts'], setupFiles: ['tests/support/vitest-worker-db.ts'] } },
      // The data modules' tests again, on the service worker's lite engine (src/db/lite; tests/support/lite-dexie.ts).
      { extends: true, resolve: { alias: [{ find: /^dexie$/, replacement: fileURLToPath(new URL('./tests/support/lite-dexie.ts', import.meta.url)) }] },
        test: { name: 'sw-lite', include: SW_LITE_TESTS, environment: 'node', env: { SW_LITE: '1' } } },
    ] },
});
