/**
 * What the device accepts as an attachment and how it makes a photo small, as pure functions (no DOM,
 * no IndexedDB): used by the media worker (src/media/prepare-attachment.ts) and the intake form, and
 * unit-tested in Node. The server's rules (src/domain/attachments.ts, attachment-sniff.ts) are the
 * ground truth; these refuse at the form what the server would refuse later, and a little more
 * (files too big to decode safely on an old kiosk PC).
 */
import { ATTACHMENT_TYPES, AttachmentName, extensionOf, MiB, KiB, type AttachmentLimits, type AttachmentRef, type AttachmentType } from '../domain/attachments';

/** A file made ready on the device: its final bytes (what is hashed, stored and uploaded) and how to show it. */
export interface PreparedAttachment extends AttachmentRef {
  name: string;
  blob: Blob;
  /** A small JPEG as a data URL (photos only); kept on the device after the blob is pruned. */
  thumbnail?: string;
  width?: number;
  height?: number;
}

/** A refusal: a message key of the one dictionary (src/ui/i18n.ts) and its placeholders. */
export interface Refusal { key: string; vars?: Record<string, string | number> }

export type PrepareResult = { ok: true; attachment: PreparedAttachment } | ({ ok: false } & Refusal);

/** Photos are re-encoded to at most this long side (px)… */
export const MAX_LONG_SIDE = 1600;
/** …and this many bytes, when the quality steps allow (the server's hard limit per photo is 1 MB). */
export const TARGET_IMAGE_BYTES = 300 * KiB;
/** Thumbnails for the receipt and the outbox (long side, px). */
export const THUMB_SIDE = 160;
/**
 * The largest photo the device will decode: a 48-megapixel phone photo is ~12 MB; bigger files are refused
 * before decoding (an old kiosk PC may not have the memory). Documents and voice notes: the server's limit.
 */
export const MAX_IMAGE_INPUT_BYTES = 16 * MiB;
/** JPEG qualities tried in turn until the photo fits TARGET_IMAGE_BYTES. */
export const QUALITY_STEPS = [0.82, 0.72, 0.62, 0.52, 0.42, 0.34] as const;
/** If the lowest quality is still too big, the photo is made smaller by these factors in turn. */
export const SCALE_STEPS = [1, 0.8, 0.64, 0.5] as const;
/** A voice note's length limit (the recorder stops by itself). */
export const MAX_VOICE_MS = 2 * 60_000;

const kindOf = (type: string): 'image' | 'document' | 'audio' | 'other' | null => {
  const t = type.split(';')[0].trim().toLowerCase();
  if (!t || t === 'application/octet-stream') return null; // says nothing
  if (t.startsWith('image/')) return 'image';
  if (t === 'application/pdf') return 'document';
  if (t.startsWith('audio/') || t === 'video/webm' || t === 'video/ogg') return 'audio'; // some browsers label recordings video/*
  return 'other';
};
const kindOfExtension = (name: string): 'image' | 'document' | 'audio' | null => {
  const ext = extensionOf(name);
  if (!ext) return null;
  for (const rule of Object.values(ATTACHMENT_TYPES)) if ((rule.extensions as readonly string[]).includes(ext)) return rule.kind;
  return null; // an unknown extension is ignored: the content decides, and the name gets the right one
};

/**
 * Whether the name or the declared type claims another kind of file than the content is (an HTML page
 * called photo.jpg, a PDF sent as image/png). A photo named .png that is really a JPEG is not a lie worth
 * refusing: it is re-encoded and renamed anyway.
 */
export function liesAboutType(sniffed: AttachmentType, claimed: { name: string; type: string }): boolean {
  const kind = ATTACHMENT_TYPES[sniffed].kind;
  const declared = kindOf(claimed.type);
  const named = kindOfExtension(claimed.name);
  return (declared !== null && declared !== kind) || (named !== null && named !== kind);
}

/** The type's limit as the server advertises it (falls back to the built-in table). */
export function maxBytesOf(type: AttachmentType, limits: AttachmentLimits): number {
  return limits.types.find((t) => t.type === type)?.maxBytes ?? ATTACHMENT_TYPES[type].maxBytes;
}
/** Whether the server (as advertised) accepts this type at all. */
export const typeAccepted = (type: AttachmentType, limits: AttachmentLimits) => limits.types.length === 0 || limits.types.some((t) => t.type === type);

/**
 * A safe name to show and send: the base name only (anything before a / or \ is dropped), without
 * control or reserved characters, leading dots or "..", at most 80 characters before the extension, and
 * an extension that fits the type (the content's, not the one the file came with). `fallback` (e.g.
 * "photo") when nothing usable is left.
 */
export function sanitiseName(raw: string, type: AttachmentType, fallback: string): string {
  const allowed = ATTACHMENT_TYPES[type].extensions as readonly string[];
  const base = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const ext = extensionOf(base);
  let stem = ext ? base.slice(0, -(ext.length + 1)) : base;
  stem = stem.replace(/[\u0000-\u001F\u007F<>:"|?*]/g, '').replace(/\.{2,}/g, '.').replace(/^[.\s]+|[.\s]+$/g, '').replace(/\s+/g, ' ');
  stem = [...stem].slice(0, 80).join('').replace(/[.\s]+$/, '');
  const name = `${stem || fallback}.${ext && allowed.includes(ext) ? ext : allowed[0]}`;
  return AttachmentName.safeParse(name).success ? name : `${fallback}.${allowed[0]}`;
}

/** Width and height scaled down (never up) so the long side is at most `maxSide`, rounded, at least 1. */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * Encodes at falling quality, then at falling size, until the result is at most `target` bytes; the
 * smallest result when nothing reaches it. `encode(width, height, quality)` does the drawing and encoding.
 */
export async function encodeWithin(
  encode: (width: number, height: number, quality: number) => Promise<Blob>,
  size: { width: number; height: number },
  target = TARGET_IMAGE_BYTES,
): Promise<{ blob: Blob; width: number; height: number; quality: number; tries: number }> {
  let best: { blob: Blob; width: number; height: number; quality: number } | undefined;
  let tries = 0;
  for (const scale of SCALE_STEPS) {
    const w = Math.max(1, Math.round(size.width * scale));
    const h = Math.max(1, Math.round(size.height * scale));
    for (const quality of QUALITY_STEPS) {
      const blob = await encode(w, h, quality);
      tries++;
      if (!best || blob.size < best.blob.size) best = { blob, width: w, height: h, quality };
      if (blob.size <= target) return { blob, width: w, height: h, quality, tries };
    }
  }
  return { ...best!, tries };
}

/** Where a grievance's attachments stand against the per-grievance limits ("2 of 5 files, 0.6 of 10 MB"). */
export interface Tally { count: number; bytes: number; maxCount: number; maxBytes: number }

export const tally = (list: readonly { bytes: number }[], limits: AttachmentLimits): Tally =>
  ({ count: list.length, bytes: list.reduce((n, a) => n + a.bytes, 0), maxCount: limits.maxPerGrievance, maxBytes: limits.maxTotalBytes });

/** Why `next` cannot join `list` (count, total or the same file twice), or null when it can. */
export function refuseAddition(list: readonly { sha256: string; bytes: number }[], next: { sha256: string; bytes: number }, limits: AttachmentLimits): Refusal | null {
  if (list.some((a) => a.sha256 === next.sha256)) return { key: 'err.attachmentDuplicate' };
  if (list.length >= limits.maxPerGrievance) return { key: 'err.attachmentCount' };
  if (tally(list, limits).bytes + next.bytes > limits.maxTotalBytes) return { key: 'err.attachmentsTotal' };
  return null;
}

/** Megabytes as the form shows them: one decimal, rounded up (a small file is "0.1", not "0"), no ".0" ("10"). */
export const megabytes = (bytes: number) => String(Math.ceil(Math.round((bytes / MiB) * 1000) / 100) / 10);
