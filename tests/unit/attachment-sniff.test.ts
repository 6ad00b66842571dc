/** The content sniffer and image-header reader (src/domain/attachment-sniff.ts), and the attachment schemas. */
import { describe, expect, it } from 'vitest';
import { dimensionsAllowed, imageComplete, imageDimensions, sniffType } from '../../src/domain/attachment-sniff';
import { AttachmentRef, contentRange, GrievanceAttachments, parseContentRange } from '../../src/domain/attachments';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];

describe('sniffType', () => {
  it('knows each accepted type by its magic bytes', () => {
    expect(sniffType(bytes([0xff, 0xd8, 0xff, 0xe1]))).toBe('image/jpeg');
    expect(sniffType(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(sniffType(bytes('RIFF', le32(100), 'WEBP'))).toBe('image/webp');
    expect(sniffType(bytes('%PDF-1.7'))).toBe('application/pdf');
    expect(sniffType(bytes('OggS', [0, 2]))).toBe('audio/ogg');
    expect(sniffType(bytes([0, 0, 0, 0x20], 'ftypM4A ', [0, 0, 0, 0]))).toBe('audio/mp4');
    expect(sniffType(bytes([0, 0, 0, 0x18], 'ftypisom'))).toBe('audio/mp4');
    expect(sniffType(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], 'webm'))).toBe('audio/webm');
  });
  it('refuses everything else, near misses included', () => {
    for (const b of [
      bytes('RIFF', le32(100), 'WAVE'), bytes('%PDF'), bytes(' %PDF-1.4'), bytes([0x89], 'PNX'), bytes('<svg'), bytes('GIF89a'), bytes('MZ'),
      bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88], 'matroska'), bytes([0, 0, 0, 0x18], 'ftypqt  '), bytes([]),
    ]) expect(sniffType(b)).toBeNull();
  });
});

describe('imageDimensions', () => {
  it('reads a JPEG frame header after EXIF and fill bytes, progressive too', () => {
    const exif = [0xff, 0xe1, 0x00, 0x08, 1, 2, 3, 4, 5, 6];
    const sof2 = [0xff, 0xff, 0xff, 0xc2, 0x00, 0x11, 0x08, 0x04, 0xb0, 0x06, 0x40]; // 1200 high, 1600 wide
    expect(imageDimensions('image/jpeg', bytes([0xff, 0xd8], exif, sof2))).toEqual({ width: 1600, height: 1200 });
    expect(imageDimensions('image/jpeg', bytes([0xff, 0xd8], exif))).toBeNull(); // needs more bytes
  });
  it('reads the three WEBP headers', () => {
    const head = (chunk: string, data: number[]) => bytes('RIFF', le32(100), 'WEBP', chunk, le32(data.length), data);
    // VP8 (lossy): frame tag, start code, 14-bit width and height.
    expect(imageDimensions('image/webp', head('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 0x40, 0x06, 0xb0, 0x04]))).toEqual({ width: 1600, height: 1200 });
    // VP8L (lossless): signature 0x2f, then width-1 and height-1 in 14 bits each.
    const bits = (1600 - 1) | ((1200 - 1) << 14);
    expect(imageDimensions('image/webp', head('VP8L', [0x2f, ...le32(bits), 0]))).toEqual({ width: 1600, height: 1200 });
    expect(imageDimensions('image/webp', head('VP8 ', [0, 0, 0, 1, 2, 3, 0, 0, 0, 0]))).toBe('corrupt');
  });
  it('applies the bomb limits: 12,000 px a side, 40 megapixels', () => {
    expect(dimensionsAllowed({ width: 12_000, height: 3_000 })).toBe(true);
    expect(dimensionsAllowed({ width: 12_001, height: 10 })).toBe(false);
    expect(dimensionsAllowed({ width: 7_000, height: 7_000 })).toBe(false);
  });
  it('tells a complete image from a truncated one', () => {
    expect(imageComplete('image/jpeg', bytes([0xff, 0xd8, 0xff, 0xd9]))).toBe(true);
    expect(imageComplete('image/jpeg', bytes([0xff, 0xd8, 0xff, 0xc0, 0, 0]))).toBe(false);
    expect(imageComplete('image/webp', bytes('RIFF', le32(4), 'WEBP'))).toBe(true);
    expect(imageComplete('image/webp', bytes('RIFF', le32(40), 'WEBP'))).toBe(false);
  });
});

describe('attachment schemas', () => {
  const sha = 'a'.repeat(64);
  it('checks each reference against its type: size limit and name extension', () => {
    expect(AttachmentRef.safeParse({ sha256: sha, bytes: 900_000, type: 'image/jpeg', name: 'photo.JPG' }).success).toBe(true);
    expect(AttachmentRef.safeParse({ sha256: sha, bytes: 2_000_000, type: 'image/jpeg' }).error?.issues[0].message).toBe('err.attachmentTooLarge');
    expect(AttachmentRef.safeParse({ sha256: sha, bytes: 2_000_000, type: 'application/pdf', name: 'बिजली बिल.pdf' }).success).toBe(true);
    expect(AttachmentRef.safeParse({ sha256: sha, bytes: 100, type: 'image/png', name: 'bill.pdf' }).error?.issues[0].message).toBe('err.attachmentName');
    expect(AttachmentRef.safeParse({ sha256: sha.toUpperCase(), bytes: 100, type: 'image/png' }).error?.issues[0].message).toBe('err.attachmentId');
    expect(AttachmentRef.safeParse({ sha256: sha, bytes: 100, type: 'image/svg+xml' }).error?.issues[0].message).toBe('err.attachmentType');
    expect(AttachmentRef.safeParse({ sha256: sha, bytes: 1.5, type: 'image/png' }).success).toBe(false);
  });
  it('keeps a grievance within 5 files and 10 MB, each file once', () => {
    const ref = (i: number, bytes = 100) => ({ sha256: String(i).repeat(64), bytes, type: 'application/pdf' as const });
    expect(GrievanceAttachments.safeParse([1, 2, 3, 4, 5].map((i) => ref(i))).success).toBe(true);
    expect(GrievanceAttachments.safeParse([1, 2, 3, 4, 5, 6].map((i) => ref(i))).error?.issues[0].message).toBe('err.attachmentCount');
    expect(GrievanceAttachments.safeParse([1, 2, 3].map((i) => ref(i, 4 * 1024 * 1024))).error?.issues[0].message).toBe('err.attachmentsTotal');
  });
  it('writes and reads Content-Range', () => {
    expect(contentRange(0, 262_144, 700_000)).toBe('bytes 0-262143/700000');
    expect(parseContentRange('bytes 0-262143/700000')).toEqual({ start: 0, end: 262_143, total: 700_000 });
    for (const bad of ['bytes 5-4/10', 'bytes 0-10/10', 'bytes */10', 'bytes 0-1/2/3', undefined]) expect(parseContentRange(bad)).toBeNull();
  });
});
