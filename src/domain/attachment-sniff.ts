/**
 * What a file really is, from its first bytes (magic numbers), and how big an image says it is, from its
 * header, without decoding it. Pure functions on bytes: the server decides with them, and a device can
 * use the same ones to refuse a file at the form before it is queued.
 *
 * Anything not recognised (HTML, SVG, JavaScript, executables, archives, Matroska video…) is null: the
 * list of what is accepted is short on purpose.
 */
import { ATTACHMENT_LIMITS, type AttachmentType } from './attachments';

const ascii = (b: Uint8Array, at: number, s: string) => {
  if (b.length < at + s.length) return false;
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
};
const bytesAt = (b: Uint8Array, at: number, sig: readonly number[]) => b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

/** The bytes a device should pass to sniffType at least (or the whole file when smaller). */
export const SNIFF_BYTES = 64;

/** MP4 brands of audio files (and the generic ones MediaRecorder and phones write for audio). */
const MP4_BRANDS = ['M4A ', 'M4B ', 'mp41', 'mp42', 'isom', 'iso2', 'iso5', 'iso6', 'dash', 'f4a '];

/** The type of a file from its first bytes, or null when it is not one the server accepts. */
export function sniffType(head: Uint8Array): AttachmentType | null {
  if (bytesAt(head, 0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (bytesAt(head, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return 'image/webp';
  if (ascii(head, 0, '%PDF-')) return 'application/pdf';
  if (ascii(head, 0, 'OggS')) return 'audio/ogg';
  if (bytesAt(head, 0, [0x1a, 0x45, 0xdf, 0xa3])) return ebmlDocType(head) === 'webm' ? 'audio/webm' : null;
  if (ascii(head, 4, 'ftyp')) {
    const brand = String.fromCharCode(...head.subarray(8, 12));
    return MP4_BRANDS.includes(brand) ? 'audio/mp4' : null;
  }
  return null;
}

/** The DocType of an EBML header (webm or matroska), looked for in its first bytes. */
function ebmlDocType(b: Uint8Array): string | null {
  for (let i = 4; i + 3 < Math.min(b.length, 64); i++) {
    if (b[i] === 0x42 && b[i + 1] === 0x82) {
      const size = b[i + 2] & 0x7f; // a one-byte EBML size (0x8n): DocTypes are short
      if ((b[i + 2] & 0x80) === 0 || i + 3 + size > b.length) return null;
      return String.fromCharCode(...b.subarray(i + 3, i + 3 + size));
    }
  }
  return null;
}

export type Dimensions = { width: number; height: number };

/**
 * The width and height an image's header declares: PNG IHDR, JPEG SOFn, WEBP VP8/VP8L/VP8X. `null` when
 * the bytes end before the header does (give it more) or the header is broken; `'corrupt'` when the
 * structure is wrong for sure.
 */
export function imageDimensions(type: AttachmentType, b: Uint8Array): Dimensions | 'corrupt' | null {
  const u16be = (i: number) => (b[i] << 8) | b[i + 1];
  const u32be = (i: number) => ((b[i] << 24) >>> 0) + (b[i + 1] << 16) + (b[i + 2] << 8) + b[i + 3];
  const u24le = (i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
  switch (type) {
    case 'image/png': {
      if (b.length < 24) return null;
      if (!ascii(b, 12, 'IHDR') || u32be(8) !== 13) return 'corrupt'; // IHDR must come first
      return positive(u32be(16), u32be(20));
    }
    case 'image/webp': {
      if (b.length < 16) return null;
      if (ascii(b, 12, 'VP8 ')) {
        if (b.length < 30) return null;
        if (!bytesAt(b, 23, [0x9d, 0x01, 0x2a])) return 'corrupt';
        return positive((b[26] | (b[27] << 8)) & 0x3fff, (b[28] | (b[29] << 8)) & 0x3fff);
      }
      if (ascii(b, 12, 'VP8L')) {
        if (b.length < 25) return null;
        if (b[20] !== 0x2f) return 'corrupt';
        const bits = (b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24)) >>> 0;
        return positive((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
      }
      if (ascii(b, 12, 'VP8X')) return b.length < 30 ? null : positive(u24le(24) + 1, u24le(27) + 1);
      return 'corrupt';
    }
    case 'image/jpeg': {
      let i = 2;
      for (;;) {
        while (i < b.length && b[i] === 0xff && b[i + 1] === 0xff) i++; // fill bytes
        if (i + 4 > b.length) return null;
        if (b[i] !== 0xff) return 'corrupt';
        const marker = b[i + 1];
        if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; } // no length
        if (marker === 0xd9 || marker === 0xda) return 'corrupt'; // end of image or scan data before any frame header
        const length = u16be(i + 2);
        if (length < 2) return 'corrupt';
        const sof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
        if (sof) {
          if (i + 9 > b.length) return null;
          return positive(u16be(i + 7), u16be(i + 5)); // precision, height, width
        }
        i += 2 + length;
      }
    }
    default:
      return null;
  }
}

const positive = (width: number, height: number): Dimensions | 'corrupt' => (width > 0 && height > 0 ? { width, height } : 'corrupt');

/** Whether declared dimensions are within the limits (no side above maxSide, no more than maxPixels). */
export const dimensionsAllowed = ({ width, height }: Dimensions, limits = ATTACHMENT_LIMITS) =>
  width <= limits.maxSide && height <= limits.maxSide && width * height <= limits.maxPixels;

/**
 * Whether an image's bytes run to their proper end: a PNG ends with its IEND chunk, a WEBP's RIFF size
 * matches the file, a JPEG has its end-of-image marker (some cameras append a little after it). Catches
 * truncated and stitched-together files that a header alone would pass.
 */
export function imageComplete(type: AttachmentType, b: Uint8Array): boolean {
  switch (type) {
    case 'image/png':
      return bytesAt(b, b.length - 12, [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
    case 'image/webp': {
      if (b.length < 12) return false;
      const riff = (b[4] | (b[5] << 8) | (b[6] << 16) | (b[7] << 24)) >>> 0;
      return riff + 8 === b.length || riff + 9 === b.length; // a pad byte is allowed
    }
    case 'image/jpeg': {
      for (let i = b.length - 2; i >= Math.max(2, b.length - 4096); i--) if (b[i] === 0xff && b[i + 1] === 0xd9) return true;
      return false;
    }
    default:
      return true;
  }
}
