/** Reading back what the leaders' reports write: a PNG decoded, a PDF's structure, the figures in an infographic SVG. */
import { inflateSync } from 'node:zlib';
import { asciiDigits } from '../../src/domain/digits';

/** Decodes a PNG's chunks (signature, IHDR, every IDAT inflated): its size, and that the pixel data is all there. */
export function decodePng(png: Buffer): { width: number; height: number; bitDepth: number; colorType: number } {
  if (!png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('not a PNG');
  let off = 8;
  let ihdr: Buffer | undefined;
  const idat: Buffer[] = [];
  while (off < png.length) {
    const len = png.readUInt32BE(off);
    const type = png.toString('latin1', off + 4, off + 8);
    const data = png.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') ihdr = data;
    if (type === 'IDAT') idat.push(data);
    off += 12 + len;
    if (type === 'IEND') break;
  }
  if (!ihdr) throw new Error('no IHDR');
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const bitDepth = ihdr[8];
  const colorType = ihdr[9];
  const channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  const raw = inflateSync(Buffer.concat(idat));
  const expected = height * (1 + Math.ceil((width * channels * bitDepth) / 8));
  if (raw.length !== expected) throw new Error(`pixel data is ${raw.length} bytes, expected ${expected}`);
  return { width, height, bitDepth, colorType };
}

/** A PDF's header, trailer and page tree: the page count and the embedded font names. */
export function pdfSummary(pdf: Buffer): { version: string; pages: number; fonts: string[] } {
  const text = pdf.toString('latin1');
  const version = /^%PDF-(\d\.\d)/.exec(text)?.[1];
  if (!version) throw new Error('not a PDF');
  if (!/%%EOF\s*$/.test(text)) throw new Error('no %%EOF');
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  if (!(startxref > 0) || !text.startsWith('xref', startxref)) throw new Error('startxref does not point at the xref table');
  const counts = [...text.matchAll(/\/Type \/Pages[\s\S]*?\/Count (\d+)/g)].map((m) => Number(m[1]));
  const fonts = [...new Set([...text.matchAll(/\/BaseFont \/([A-Za-z0-9+\-_]+)/g)].map((m) => m[1]))];
  return { version, pages: Math.max(0, ...counts), fonts };
}

/** The headline figures as printed in an infographic (class ig-…), in ASCII digits. */
export function svgFigures(svg: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of svg.matchAll(/class="ig-([a-z]+)">([^<]*)</g)) out[m[1]] = asciiDigits(m[2]).replace(/,/g, '');
  return out;
}
