/**
 * Makes a picked file or a recorded voice note ready to attach, in the media worker: checks it from its
 * bytes (never its name or declared type), refuses what would be refused later, re-encodes photos small,
 * names it safely and hashes it (SHA-256, the name it has on the server).
 *
 * Order matters: the type is sniffed and an image's header dimensions are checked BEFORE anything is
 * decoded, so a decompression bomb (a tiny file claiming a gigapixel canvas) never reaches the decoder.
 * The image codec is passed in so the logic runs in Node tests with a stand-in (no OffscreenCanvas there).
 */
import { dimensionsAllowed, imageComplete, imageDimensions, SNIFF_BYTES, sniffType } from '../domain/attachment-sniff';
import { ATTACHMENT_LIMITS, ATTACHMENT_TYPES, type AttachmentLimits, type AttachmentType } from '../domain/attachments';
import {
  encodeWithin, fitWithin, liesAboutType, MAX_IMAGE_INPUT_BYTES, MAX_LONG_SIDE, maxBytesOf, megabytes, sanitiseName,
  THUMB_SIDE, TARGET_IMAGE_BYTES, typeAccepted, type PrepareResult,
} from './attachment-rules';

/** Decoding, drawing and encoding images; the worker's is browserCodec(). */
export interface ImageCodec<I = unknown, C = unknown> {
  /** Decodes with EXIF orientation applied (width and height as the photo is seen). Rejects when corrupt. */
  decode(blob: Blob): Promise<{ image: I; width: number; height: number }>;
  /** Draws the image scaled to width × height on a white background (a JPEG has no transparency). */
  draw(image: I, width: number, height: number): C;
  encode(canvas: C, type: 'image/jpeg', quality: number): Promise<Blob>;
  release(image: I): void;
}

/** createImageBitmap + OffscreenCanvas (workers in Chrome, Edge, Firefox, Safari 16.4+). */
export function browserCodec(): ImageCodec<ImageBitmap, OffscreenCanvas> {
  return {
    // imageOrientation 'from-image': the EXIF orientation of a phone photo is applied while decoding, so
    // the re-encoded JPEG (which carries no EXIF) stands the right way up.
    decode: async (blob) => {
      const image = await createImageBitmap(blob, { imageOrientation: 'from-image' });
      return { image, width: image.width, height: image.height };
    },
    draw: (image, width, height) => {
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, width, height);
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(image, 0, 0, width, height);
      return canvas;
    },
    encode: (canvas, type, quality) => canvas.convertToBlob({ type, quality }),
    release: (image) => image.close(),
  };
}

/** SHA-256 of the bytes, as 64 lowercase hex digits. */
export async function sha256Hex(bytes: BufferSource): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A data: URL of a small blob (thumbnails), without FileReader (not in Node). */
async function dataUrl(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${blob.type || 'image/jpeg'};base64,${btoa(s)}`;
}

const FALLBACK_NAME: Record<'image' | 'document' | 'audio', string> = { image: 'photo', document: 'document', audio: 'voice-note' };
const refuse = (key: string, vars?: Record<string, string | number>): PrepareResult => ({ ok: false, key, ...(vars && { vars }) });

/**
 * Checks and prepares one file. `claimed` is what the browser said (file name and type): used only to
 * name the result and to catch a file that pretends to be another kind.
 */
export async function prepareAttachment(file: Blob, claimed: { name: string; type: string }, limits: AttachmentLimits, codec: ImageCodec = browserCodec()): Promise<PrepareResult> {
  if (file.size === 0) return refuse('err.attachmentEmpty');
  const type = sniffType(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
  if (!type || !typeAccepted(type, limits) || liesAboutType(type, claimed)) return refuse('err.attachmentType');
  const kind = ATTACHMENT_TYPES[type].kind;
  const inputLimit = kind === 'image' ? MAX_IMAGE_INPUT_BYTES : maxBytesOf(type, limits);
  if (file.size > inputLimit) return refuse('att.tooLarge', { size: megabytes(file.size), max: megabytes(inputLimit) });

  // The bytes are copied out of the file now: what is hashed is exactly what is stored and sent, even if
  // the file on disk changes or disappears afterwards.
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (kind !== 'image') {
    const blob = new Blob([bytes], { type });
    return { ok: true, attachment: { sha256: await sha256Hex(bytes), bytes: bytes.length, type, blob, name: sanitiseName(claimed.name, type, FALLBACK_NAME[kind]) } };
  }
  return prepareImage(bytes, type, claimed, limits, codec);
}

async function prepareImage(bytes: Uint8Array<ArrayBuffer>, type: AttachmentType, claimed: { name: string }, limits: AttachmentLimits, codec: ImageCodec): Promise<PrepareResult> {
  const declared = imageDimensions(type, bytes);
  if (declared === null || declared === 'corrupt' || !imageComplete(type, bytes)) return refuse('err.attachmentCorrupt');
  if (!dimensionsAllowed(declared, { ...ATTACHMENT_LIMITS, maxSide: limits.maxSide, maxPixels: limits.maxPixels })) return refuse('err.attachmentDimensions', { width: declared.width, height: declared.height });

  let decoded: Awaited<ReturnType<ImageCodec['decode']>>;
  try {
    decoded = await codec.decode(new Blob([bytes], { type }));
  } catch {
    return refuse('err.attachmentCorrupt');
  }
  try {
    const size = fitWithin(decoded.width, decoded.height, MAX_LONG_SIDE);
    let drawn: { w: number; h: number; canvas: unknown } | undefined; // drawn once per size, encoded per quality
    const out = await encodeWithin((w, h, q) => {
      if (drawn?.w !== w || drawn.h !== h) drawn = { w, h, canvas: codec.draw(decoded.image, w, h) };
      return codec.encode(drawn.canvas, 'image/jpeg', q);
    }, size, TARGET_IMAGE_BYTES);
    if (out.blob.size > maxBytesOf('image/jpeg', limits)) return refuse('err.attachmentTooLarge');
    const thumb = fitWithin(decoded.width, decoded.height, THUMB_SIDE);
    const thumbnail = await dataUrl(await codec.encode(codec.draw(decoded.image, thumb.width, thumb.height), 'image/jpeg', 0.6));
    const final = new Uint8Array(await out.blob.arrayBuffer());
    return {
      ok: true,
      attachment: {
        sha256: await sha256Hex(final), bytes: final.length, type: 'image/jpeg', blob: new Blob([final], { type: 'image/jpeg' }),
        name: sanitiseName(claimed.name, 'image/jpeg', FALLBACK_NAME.image), thumbnail, width: out.width, height: out.height,
      },
    };
  } finally {
    codec.release(decoded.image);
  }
}
