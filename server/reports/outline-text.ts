/**
 * Turns the <text> elements of an infographic SVG into outlines (<path>), shaped by fontkit with Noto Sans
 * Devanagari, before resvg rasterises it. resvg-js 2.6.2 (the newest published) misplaces the glyphs of
 * reordered Devanagari clusters (the ि matra; the word space after them), so "दिसंबर" came out garbled;
 * fontkit's Indic shaper (also what the PDF uses) places them right. The SVG served to browsers keeps
 * its <text>: browsers shape it themselves, and screen readers read it.
 */
import { createRequire } from 'node:module';
import { devanagariFontFiles } from './render-png-fonts';

interface Glyph { path: { translate(x: number, y: number): { toSVG(): string } } }
interface Font { unitsPerEm: number; layout(text: string): { glyphs: Glyph[]; positions: { xAdvance: number; xOffset: number; yOffset: number }[] } }

let fonts: { regular: Font; bold: Font } | undefined;
function loadFonts() {
  if (!fonts) {
    const fontkit = createRequire(import.meta.url)('fontkit') as { openSync(path: string): Font };
    const files = devanagariFontFiles();
    fonts = { regular: fontkit.openSync(files.regular), bold: fontkit.openSync(files.bold) };
  }
  return fonts;
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const attrsOf = (s: string) => Object.fromEntries([...s.matchAll(/([a-zA-Z-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));

/** One line of text as a path: `x`, `y` the baseline start (or middle/end, per `anchor`), `size` in px. */
export function textPath(text: string, x: number, y: number, size: number, bold: boolean, anchor: string): string {
  const font = bold ? loadFonts().bold : loadFonts().regular;
  const run = font.layout(text);
  let pen = 0;
  let d = '';
  run.glyphs.forEach((g, i) => {
    const p = run.positions[i];
    d += g.path.translate(pen + p.xOffset, p.yOffset).toSVG();
    pen += p.xAdvance;
  });
  const scale = size / font.unitsPerEm;
  const width = pen * scale;
  const left = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x;
  return `<path transform="translate(${left.toFixed(2)} ${y}) scale(${scale.toFixed(6)} ${(-scale).toFixed(6)})" d="${d}"`;
}

/** The SVG with every single-line <text x y font-size [font-weight] [fill] [text-anchor]> as a filled <path>. */
export function outlineText(svg: string): string {
  return svg.replace(/<text ([^>]*)>([^<]*)<\/text>/g, (_, rawAttrs: string, content: string) => {
    const a = attrsOf(rawAttrs);
    const path = textPath(unescape(content), Number(a.x), Number(a.y), Number(a['font-size']), Number(a['font-weight'] ?? 400) >= 600, a['text-anchor'] ?? 'start');
    return `${path} fill="${a.fill ?? '#000000'}"/>`;
  });
}
