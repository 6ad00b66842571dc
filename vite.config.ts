import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';

const manifest = JSON.parse(readFileSync(new URL('./manifest.webmanifest', import.meta.url), 'utf8'));

export default defineConfig({
  plugins: [
    preact(),
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
  test: { include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts'], environment: 'node', testTimeout: 30_000, hookTimeout: 60_000, fileParallelism: false },
});
