/**
 * Attachments on the wire, shared by the device and the server: the limits the server advertises, what
 * a grievance says about its attachments, and the upload protocol's headers and answers.
 *
 * Upload protocol (server/routes/attachments.ts; content-addressed and resumable):
 *   GET /api/attachments/:sha256/status      → UploadStatus: `absent` (send from byte 0), `partial`
 *                                              (send from `received`), `complete` (nothing to send)
 *   PUT /api/attachments/:sha256             body: raw bytes of one chunk (≤ chunkBytes),
 *       Content-Type: application/octet-stream (or the file's own type; it must then match the content)
 *       Content-Range: bytes <start>-<end>/<total>   (end inclusive, as in HTTP)
 *                                            → UploadStatus after the chunk (`partial` or `complete`)
 *   GET /api/attachments/:sha256             the file, to authorised users only
 * Each chunk is written at its offset; a chunk that repeats bytes the server already has must repeat them
 * exactly. When the last byte arrives the server checks the SHA-256 and sniffs the type from the content.
 * A blob is stored once, however many grievances (or kiosks) refer to it.
 */
import * as z from 'zod/mini';
import { storable } from './text';

export const KiB = 1024;
export const MiB = 1024 * KiB;

/** What the server accepts, by the type it sniffs from the content (never the name or a declared type). */
export const ATTACHMENT_TYPES = {
  'image/jpeg': { maxBytes: 1 * MiB, extensions: ['jpg', 'jpeg'], kind: 'image' },
  'image/png': { maxBytes: 1 * MiB, extensions: ['png'], kind: 'image' },
  'image/webp': { maxBytes: 1 * MiB, extensions: ['webp'], kind: 'image' },
  'application/pdf': { maxBytes: 5 * MiB, extensions: ['pdf'], kind: 'document' },
  'audio/webm': { maxBytes: 2 * MiB, extensions: ['webm', 'weba'], kind: 'audio' },
  'audio/ogg': { maxBytes: 2 * MiB, extensions: ['ogg', 'oga', 'opus'], kind: 'audio' },
  'audio/mp4': { maxBytes: 2 * MiB, extensions: ['m4a', 'mp4', 'aac'], kind: 'audio' },
} as const satisfies Record<string, { maxBytes: number; extensions: readonly string[]; kind: 'image' | 'document' | 'audio' }>;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;
export const ATTACHMENT_TYPE_NAMES = Object.keys(ATTACHMENT_TYPES) as [AttachmentType, ...AttachmentType[]];

/** The limits, as GET /api/config advertises them. */
export const ATTACHMENT_LIMITS = {
  /** The largest single file of any type (each type has its own, below). */
  maxBytes: Math.max(...Object.values(ATTACHMENT_TYPES).map((t) => t.maxBytes)),
  maxPerGrievance: 5,
  maxTotalBytes: 10 * MiB,
  /** The largest chunk one PUT may carry (and the size a device should send). */
  chunkBytes: 256 * KiB,
  /** Images whose header declares more than this are refused (decompression bombs). */
  maxPixels: 40_000_000,
  maxSide: 12_000,
  types: ATTACHMENT_TYPE_NAMES.map((type) => ({ type, maxBytes: ATTACHMENT_TYPES[type].maxBytes, extensions: [...ATTACHMENT_TYPES[type].extensions] })),
};

export const AttachmentLimits = z.object({
  maxBytes: z.number(),
  maxPerGrievance: z.number(),
  maxTotalBytes: z.number(),
  chunkBytes: z.number(),
  maxPixels: z.number(),
  maxSide: z.number(),
  types: z.array(z.object({ type: z.string(), maxBytes: z.number(), extensions: z.array(z.string()) })),
});
export type AttachmentLimits = z.infer<typeof AttachmentLimits>;

/** A blob's name on the server: the SHA-256 of its bytes, 64 lowercase hex digits. */
export const Sha256 = z.string({ error: 'err.attachmentId' }).check(z.regex(/^[0-9a-f]{64}$/, 'err.attachmentId'));

/**
 * The name the operator saw (for the receipt and the officer's list; never used as a path). No path
 * separators, control characters, a leading dot or `..`; its extension, if any, must fit the type.
 */
export const AttachmentName = z.string({ error: 'err.attachmentName' }).check(
  z.refine(storable, { message: 'err.attachmentName', abort: true }), // NUL or a lone surrogate: not storable (src/domain/text.ts)
  z.normalize('NFC'), z.trim(),
  z.refine((s) => s.length >= 1 && s.length <= 100 && !/[/\\\u0000-\u001F\u007F<>:"|?*]/.test(s) && !s.startsWith('.') && !s.includes('..'), 'err.attachmentName'),
);

/** The extension of `name` (lower case), or null when it has none. */
export const extensionOf = (name: string): string | null => {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m ? m[1].toLowerCase() : null;
};

/** One attachment as a grievance refers to it: the blob must already be complete on the server. */
export const AttachmentRef = z.strictObject({
  sha256: Sha256,
  bytes: z.int({ error: 'err.attachmentSize' }).check(z.minimum(1, 'err.attachmentEmpty'), z.maximum(ATTACHMENT_LIMITS.maxBytes, 'err.attachmentTooLarge')),
  type: z.enum(ATTACHMENT_TYPE_NAMES, { error: 'err.attachmentType' }),
  name: z.optional(AttachmentName),
}).check(z.superRefine((a, ctx) => {
  const rule = ATTACHMENT_TYPES[a.type];
  if (a.bytes > rule.maxBytes) ctx.addIssue({ code: 'custom', message: 'err.attachmentTooLarge', path: ['bytes'], input: a.bytes });
  const ext = a.name === undefined || !AttachmentName.safeParse(a.name).success ? null : extensionOf(a.name); // a bad name is reported once
  if (ext !== null && !(rule.extensions as readonly string[]).includes(ext))
    ctx.addIssue({ code: 'custom', message: 'err.attachmentName', path: ['name'], input: a.name });
}));
export type AttachmentRef = z.infer<typeof AttachmentRef>;

/** A grievance's attachments, in the order shown: within the count and total limits, each blob once. */
export const GrievanceAttachments = z.array(AttachmentRef).check(
  z.maxLength(ATTACHMENT_LIMITS.maxPerGrievance, 'err.attachmentCount'),
  z.superRefine((list, ctx) => {
    if (list.reduce((n, a) => n + a.bytes, 0) > ATTACHMENT_LIMITS.maxTotalBytes)
      ctx.addIssue({ code: 'custom', message: 'err.attachmentsTotal', input: list });
    if (new Set(list.map((a) => a.sha256)).size !== list.length)
      ctx.addIssue({ code: 'custom', message: 'err.attachmentDuplicate', input: list });
  }),
);

/** Where an upload stands, from the status route and every PUT. */
export const UploadStatus = z.object({
  sha256: z.string(),
  /** absent: nothing yet; partial: the first `received` bytes are on the server; complete: stored and checked. */
  state: z.enum(['absent', 'partial', 'complete']),
  received: z.number(),
  /** When complete: the size and the type the server sniffed from the content. */
  bytes: z.optional(z.number()),
  type: z.optional(z.string()),
});
export type UploadStatus = z.infer<typeof UploadStatus>;

/** The Content-Range header of a chunk: `bytes start-end/total`, end inclusive. */
export const contentRange = (start: number, endExclusive: number, total: number) => `bytes ${start}-${endExclusive - 1}/${total}`;

/** Parses a chunk's Content-Range; null when it is not `bytes start-end/total` with start ≤ end < total. */
export function parseContentRange(header: string | undefined): { start: number; end: number; total: number } | null {
  const m = header === undefined ? null : /^bytes (\d{1,12})-(\d{1,12})\/(\d{1,12})$/.exec(header.trim());
  if (!m) return null;
  const [start, end, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return start <= end && end < total ? { start, end, total } : null;
}
