/**
 * SVG → PNG on the server with resvg (@resvg/resvg-js, a native renderer), the text first outlined by
 * fontkit with Noto Sans Devanagari (./outline-text.ts says why), so nothing depends on system fonts.
 */
import { Resvg } from '@resvg/resvg-js';
import { INFOGRAPHIC_WIDTH } from '../../src/domain/infographic';
import { outlineText } from './outline-text';

export { devanagariFontFiles } from './render-png-fonts';

/** The PNG of an SVG, `width` pixels wide (1080 by default, the infographic's own size). */
export function svgToPng(svg: string, width = INFOGRAPHIC_WIDTH): Buffer {
  const resvg = new Resvg(outlineText(svg), { fitTo: { mode: 'width', value: width }, font: { loadSystemFonts: false } });
  return resvg.render().asPng();
}
