/**
 * The device's attachment checks and photo compression, in Node. Node has no createImageBitmap or
 * OffscreenCanvas, so the codec is a stand-in whose JPEG size follows pixels × quality like a real one;
 * the real codec (the same prepareAttachment, in the media worker) is exercised in
 * tests/e2e/attachments.spec.ts and bench/run.ts.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ATTACHMENT_LIMITS, AttachmentName, KiB, MiB } from '../../src/domain/attachments';
import {
  encodeWithin, fitWithin, liesAboutType, megabytes, refuseAddition, sanitiseName, tally, TARGET_IMAGE_BYTES,
} from '../../src/media/attachment-rules';
import { prepareAttachment, type ImageCodec } from '../../src/media/prepare-attachment';
import { ebml, IMPOSTORS, jpegHeader, pdf, png } from '../server/attachment-files';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** JPEG-ish output whose size is about 0.35 byte per pixel at quality 1 (a photo of paper, roughly). */
function fakeCodec(opts: { orientation?: 'swap'; fail?: boolean } = {}) {
  const calls = { decode: 0, encode: [] as { w: number; h: number; q: number; bytes: number }[] };
  const codec: ImageCodec<{ width: number; height: number }, { w: number; h: number }> = {
    async decode(blob) {
      calls.decode++;
      if (opts.fail) throw new Error('decode failed');
      const b = new Uint8Array(await blob.arrayBuffer());
      const width = (b[16] << 24) | (b[17] << 16) | (b[18] << 8) | b[19];
      const height = (b[20] << 24) | (b[21] << 16) | (b[22] << 8) | b[23];
      return opts.orientation === 'swap' ? { image: { width: height, height: width }, width: height, height: width } : { image: { width, height }, width, height };
    },
    draw: (_image, w, h) => ({ w, h }),
    async encode(c, _type, q) {
      const bytes = Math.round(c.w * c.h * q * 0.35);
      calls.encode.push({ w: c.w, h: c.h, q, bytes });
      const out = new Uint8Array(bytes);
      out.set([0xff, 0xd8, 0xff, 0xe0]);
      return new Blob([out], { type: 'image/jpeg' });
    },
    release: () => undefined,
  };
  return { codec: codec as ImageCodec, calls };
}
const file = (bytes: Uint8Array, type = '') => new Blob([new Uint8Array(bytes)], { type });

describe('attachments on the device', () => {
  describe('photo size', () => {
    it('fits the long side within 1600 px, never enlarging, keeping the proportions', () => {
      expect(fitWithin(4000, 3000, 1600)).toEqual({ width: 1600, height: 1200 });
      expect(fitWithin(3000, 4000, 1600)).toEqual({ width: 1200, height: 1600 });
      expect(fitWithin(800, 600, 1600)).toEqual({ width: 800, height: 600 });
      expect(fitWithin(12000, 10, 1600)).toEqual({ width: 1600, height: 1 });
    });

    it('steps the quality down until the photo is at most ~300 KB, then the size', async () => {
      const { codec, calls } = fakeCodec();
      const encode = (w: number, h: number, q: number) => codec.encode({ w, h }, 'image/jpeg', q);
      const out = await encodeWithin(encode, { width: 1600, height: 1200 });
      expect(out.blob.size).toBeLessThanOrEqual(TARGET_IMAGE_BYTES);
      expect(out).toMatchObject({ width: 1600, height: 1200, quality: 0.42 });
      expect(calls.encode.map((c) => c.q)).toEqual([0.82, 0.72, 0.62, 0.52, 0.42]);
      // A photo that is too big at every quality is made smaller.
      const dense = (w: number, h: number, q: number) => Promise.resolve(new Blob([new Uint8Array(Math.round(w * h * q * 0.9))]));
      const smaller = await encodeWithin(dense, { width: 1600, height: 1200 });
      expect(smaller.width).toBeLessThan(1600);
      expect(smaller.blob.size).toBeLessThanOrEqual(TARGET_IMAGE_BYTES);
    });
  });

  describe('names', () => {
    it('keeps only a clean base name with an extension that fits the content', () => {
      expect(sanitiseName('../../etc/passwd.jpg', 'image/jpeg', 'photo')).toBe('passwd.jpg');
      expect(sanitiseName('C:\\Users\\Meena\\My Photo.PNG', 'image/jpeg', 'photo')).toBe('My Photo.jpg');
      expect(sanitiseName('..hidden.pdf', 'application/pdf', 'document')).toBe('hidden.pdf');
      expect(sanitiseName('<script>a|b?.pdf', 'application/pdf', 'document')).toBe('scriptab.pdf');
      expect(sanitiseName('bill\u0000.PDF', 'application/pdf', 'document')).toBe('bill.pdf');
      expect(sanitiseName('', 'audio/webm', 'voice-note')).toBe('voice-note.webm');
      expect(sanitiseName('...', 'image/jpeg', 'photo')).toBe('photo.jpg');
      expect(sanitiseName('बिजली का बिल.pdf', 'application/pdf', 'document')).toBe('बिजली का बिल.pdf');
      const long = sanitiseName(`${'क'.repeat(300)}.pdf`, 'application/pdf', 'document');
      expect([...long].length).toBeLessThanOrEqual(84);
      for (const n of ['passwd.jpg', 'My Photo.jpg', long]) expect(AttachmentName.safeParse(n).success).toBe(true);
    });

    it('tells a file that claims to be another kind of file', () => {
      expect(liesAboutType('application/pdf', { name: 'photo.jpg', type: 'image/jpeg' })).toBe(true);
      expect(liesAboutType('image/png', { name: 'scan.pdf', type: '' })).toBe(true);
      expect(liesAboutType('image/png', { name: 'photo.jpg', type: 'image/jpeg' })).toBe(false); // a photo misnamed: re-encoded anyway
      expect(liesAboutType('audio/webm', { name: '', type: 'audio/webm;codecs=opus' })).toBe(false);
      expect(liesAboutType('application/pdf', { name: 'bill', type: 'application/octet-stream' })).toBe(false);
    });
  });

  describe('limits per grievance', () => {
    it('counts files and bytes and refuses a sixth file, a total over 10 MB and the same file twice', () => {
      const list = [{ sha256: 'a', bytes: 400 * KiB }, { sha256: 'b', bytes: 214 * KiB }];
      const t = tally(list, ATTACHMENT_LIMITS);
      expect(t).toEqual({ count: 2, bytes: 614 * KiB, maxCount: 5, maxBytes: 10 * MiB });
      expect(`${t.count} of ${t.maxCount} files, ${megabytes(t.bytes)} of ${megabytes(t.maxBytes)} MB`).toBe('2 of 5 files, 0.6 of 10 MB');
      expect(refuseAddition(list, { sha256: 'a', bytes: 1 }, ATTACHMENT_LIMITS)).toEqual({ key: 'err.attachmentDuplicate' });
      const five = Array.from({ length: 5 }, (_, i) => ({ sha256: String(i), bytes: 1 }));
      expect(refuseAddition(five, { sha256: 'x', bytes: 1 }, ATTACHMENT_LIMITS)).toEqual({ key: 'err.attachmentCount' });
      expect(refuseAddition([{ sha256: 'p', bytes: 5 * MiB }, { sha256: 'q', bytes: 4.5 * MiB }], { sha256: 'r', bytes: MiB }, ATTACHMENT_LIMITS)).toEqual({ key: 'err.attachmentsTotal' });
      expect(refuseAddition(list, { sha256: 'c', bytes: MiB }, ATTACHMENT_LIMITS)).toBeNull();
      expect([0, 2 * KiB, MiB, 20 * MiB + 1, 1.25 * MiB].map(megabytes)).toEqual(['0', '0.1', '1', '20', '1.3']);
    });
  });

  describe('prepare', () => {
    it('re-encodes a large photo to a JPEG of at most ~300 KB and 1600 px, hashed and thumbnailed', async () => {
      const { codec, calls } = fakeCodec();
      const input = png(2400, 1800); // ~13 MB, stored pixels
      const r = await prepareAttachment(file(input, 'image/png'), { name: 'IMG_2041.png', type: 'image/png' }, ATTACHMENT_LIMITS, codec);
      if (!r.ok) throw new Error(r.key);
      const a = r.attachment;
      expect(a).toMatchObject({ type: 'image/jpeg', name: 'IMG_2041.jpg', width: 1600, height: 1200 });
      expect(a.bytes).toBeLessThanOrEqual(TARGET_IMAGE_BYTES);
      expect(a.bytes).toBe(a.blob.size);
      expect(a.sha256).toBe(sha(new Uint8Array(await a.blob.arrayBuffer())));
      expect(a.thumbnail).toMatch(/^data:image\/jpeg;base64,/);
      expect(calls.encode.at(-1)).toMatchObject({ w: 160, h: 120 }); // the thumbnail
    });

    it('keeps the orientation the decoder reports (EXIF applied): a portrait stays portrait', async () => {
      const { codec } = fakeCodec({ orientation: 'swap' });
      const r = await prepareAttachment(file(png(2400, 1800)), { name: 'p.png', type: 'image/png' }, ATTACHMENT_LIMITS, codec);
      expect(r.ok && { w: r.attachment.width, h: r.attachment.height }).toEqual({ w: 1200, h: 1600 });
    });

    it('refuses a decompression bomb from its header, before decoding', async () => {
      const { codec, calls } = fakeCodec();
      const bomb = png(16, 16, { declared: { width: 50_000, height: 50_000 } });
      const r = await prepareAttachment(file(bomb), { name: 'bomb.png', type: 'image/png' }, ATTACHMENT_LIMITS, codec);
      expect(r).toMatchObject({ ok: false, key: 'err.attachmentDimensions' });
      expect(calls.decode).toBe(0);
      const wide = await prepareAttachment(file(jpegHeader(20_000, 100)), { name: 'w.jpg', type: 'image/jpeg' }, ATTACHMENT_LIMITS, codec);
      expect(wide).toMatchObject({ ok: false, key: 'err.attachmentDimensions' });
    });

    it('refuses corrupt images (truncated, or the decoder gives up), empty files and files lying about their type', async () => {
      const { codec, calls } = fakeCodec();
      const whole = png(64, 64);
      const claimed = { name: 'x.png', type: 'image/png' };
      expect(await prepareAttachment(file(whole.subarray(0, whole.length - 40)), claimed, ATTACHMENT_LIMITS, codec)).toMatchObject({ ok: false, key: 'err.attachmentCorrupt' });
      expect(await prepareAttachment(file(whole.subarray(0, 20)), claimed, ATTACHMENT_LIMITS, codec)).toMatchObject({ ok: false, key: 'err.attachmentCorrupt' });
      expect(calls.decode).toBe(0);
      expect(await prepareAttachment(file(whole), claimed, ATTACHMENT_LIMITS, fakeCodec({ fail: true }).codec)).toMatchObject({ ok: false, key: 'err.attachmentCorrupt' });
      expect(await prepareAttachment(file(new Uint8Array(0)), claimed, ATTACHMENT_LIMITS, codec)).toMatchObject({ ok: false, key: 'err.attachmentEmpty' });
      for (const [kind, bytes] of Object.entries(IMPOSTORS))
        expect(await prepareAttachment(file(bytes, 'image/jpeg'), { name: `photo-${kind}.jpg`, type: 'image/jpeg' }, ATTACHMENT_LIMITS, codec), kind).toMatchObject({ ok: false, key: 'err.attachmentType' });
      // A real PDF that says it is a photo.
      expect(await prepareAttachment(file(pdf(100), 'image/jpeg'), { name: 'photo.jpg', type: 'image/jpeg' }, ATTACHMENT_LIMITS, codec)).toMatchObject({ ok: false, key: 'err.attachmentType' });
    });

    it('refuses a 20 MB file with its size, and passes a PDF and a voice note through byte for byte', async () => {
      const { codec } = fakeCodec();
      const big = new Uint8Array(20 * MiB);
      big.set(new TextEncoder().encode('%PDF-1.7\n'));
      expect(await prepareAttachment(file(big), { name: 'scan.pdf', type: 'application/pdf' }, ATTACHMENT_LIMITS, codec))
        .toEqual({ ok: false, key: 'att.tooLarge', vars: { size: '20', max: '5' } });
      const hugePhoto = new Uint8Array(20 * MiB);
      hugePhoto.set(png(8, 8).subarray(0, 64));
      expect(await prepareAttachment(file(hugePhoto), { name: 'big.png', type: 'image/png' }, ATTACHMENT_LIMITS, codec)).toMatchObject({ ok: false, key: 'att.tooLarge', vars: { size: '20', max: '16' } });

      const doc = pdf(40_000);
      const r = await prepareAttachment(file(doc, 'application/pdf'), { name: '../bill.pdf', type: 'application/pdf' }, ATTACHMENT_LIMITS, codec);
      if (!r.ok) throw new Error(r.key);
      expect(r.attachment).toMatchObject({ type: 'application/pdf', name: 'bill.pdf', bytes: doc.length, sha256: sha(doc) });
      expect(Buffer.from(await r.attachment.blob.arrayBuffer()).equals(doc)).toBe(true);

      const note = ebml('webm', 30_000);
      const v = await prepareAttachment(file(note, 'audio/webm;codecs=opus'), { name: '', type: 'audio/webm;codecs=opus' }, ATTACHMENT_LIMITS, codec);
      expect(v.ok && v.attachment).toMatchObject({ type: 'audio/webm', name: 'voice-note.webm', sha256: sha(note) });
    });
  });
});
