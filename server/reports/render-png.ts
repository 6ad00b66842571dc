/**
 * SVG → PNG on the server with resvg (@resvg/resvg-js, a native renderer with text shaping) and Noto Sans
 * Devanagari as TTF files from @expo-google-fonts/noto-sans-devanagari. The @fontsource package the
 * browser uses ships only WOFF/WOFF2 subsets, which resvg cannot load; the expo package ships the
 * whole family as TTF (Google Fonts' build, OFL), so nothing is downloaded or converted at run time.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { INFOGRAPHIC_FONT, INFOGRAPHIC_WIDTH } from '../../src/domain/infographic';

const require = createRequire(import.meta.url);

/** The TTF files of Noto Sans Devanagari regular and bold (also used by the PDF). */
export function devanagariFontFiles(): { regular: string; bold: string } {
  const root = dirname(require.resolve('@expo-google-fonts/noto-sans-devanagari/package.json'));
  return {
    regular: join(root, '400Regular', 'NotoSansDevanagari_400Regular.ttf'),
    bold: join(root, '700Bold', 'NotoSansDevanagari_700Bold.ttf'),
  };
}

/** The PNG of an SVG, `width` pixels wide (1080 by default, the infographic's own size). */
export function svgToPng(svg: string, width = INFOGRAPHIC_WIDTH): Buffer {
  const fonts = devanagariFontFiles();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: { fontFiles: [fonts.regular, fonts.bold], loadSystemFonts: false, defaultFontFamily: INFOGRAPHIC_FONT, sansSerifFamily: INFOGRAPHIC_FONT },
  });
  return resvg.render().asPng();
}
