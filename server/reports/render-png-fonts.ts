/**
 * Noto Sans Devanagari as TTF files for the server's renderers (resvg, fontkit, pdfmake), from
 * @expo-google-fonts/noto-sans-devanagari (Google Fonts' build, OFL). The @fontsource package the browser
 * uses ships only WOFF/WOFF2 subsets (devanagari, latin, latin-ext separately), which resvg cannot load.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The TTF files of Noto Sans Devanagari regular and bold. */
export function devanagariFontFiles(): { regular: string; bold: string } {
  const root = dirname(require.resolve('@expo-google-fonts/noto-sans-devanagari/package.json'));
  return {
    regular: join(root, '400Regular', 'NotoSansDevanagari_400Regular.ttf'),
    bold: join(root, '700Bold', 'NotoSansDevanagari_700Bold.ttf'),
  };
}
