import { readFileSync } from 'node:fs';
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
      injectManifest: { globPatterns: ['**/*.{js,css,html,woff2,json}'], maximumFileSizeToCacheInBytes: 4 * 1024 * 1024 },
    }),
  ],
  worker: { format: 'es' },
  build: { target: 'es2020', sourcemap: false },
  test: { include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 120_000, // Two files at a time (2 cores); on PostgreSQL each worker has its own database (tests/support/vitest-global-setup.ts).
    fileParallelism: true, maxWorkers: 2, globalSetup: ['tests/support/vitest-global-setup.ts'], setupFiles: ['tests/support/vitest-worker-db.ts'] },
});
