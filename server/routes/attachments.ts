/**
 * Attachment routes (the protocol is described in src/domain/attachments.ts):
 *   GET /api/attachments/:sha256/status   operators: where this device's upload stands
 *   PUT /api/attachments/:sha256          operators: one chunk, with Content-Range
 *   GET /api/attachments/:sha256          anyone signed in who may open a grievance referring to it (its view's scope)
 * Every refusal is an ApiError with a message key; nothing of a refused upload stays on disk or in the
 * database. Served files carry the type sniffed at upload, `nosniff`, `Content-Disposition: attachment`
 * (inline for images), `Cache-Control: private, no-store` (kiosk PCs are shared) and a sandboxing CSP.
 */
import * as z from 'zod/mini';
import { ROLES } from '../../src/domain/accounts';
import { ATTACHMENT_LIMITS, ATTACHMENT_TYPE_NAMES, ATTACHMENT_TYPES, type AttachmentType, parseContentRange, Sha256, UploadStatus } from '../../src/domain/attachments';
import type { AttachmentService } from '../attachments/service';
import { principalOf } from '../auth/guard';
import { ApiProblem, fieldErrorsFromZod } from '../errors';
import type { ApiRoute } from './registry';

const Params = z.strictObject({ sha256: Sha256 });

/** The :sha256 parameter, or a 400 naming it. */
function shaOf(params: unknown): string {
  const p = Params.safeParse(params, { reportInput: true });
  if (!p.success) throw new ApiProblem(400, 'err.attachmentId', fieldErrorsFromZod(p.error.issues));
  return p.data.sha256;
}

/** The signed-in operator as an uploader (the guard admits operators only on these routes). */
function uploaderOf(request: Parameters<ApiRoute['handler']>[0]) {
  const p = principalOf(request);
  if (p.account.role !== 'operator') throw new ApiProblem(403, 'auth.forbidden');
  return { accountId: p.account.id, kioskCode: p.account.kioskCode, deviceId: p.deviceId, ip: request.ip };
}

const isType = (t: string): t is AttachmentType => Object.hasOwn(ATTACHMENT_TYPES, t);

/** The served file's Content-Disposition: a harmless ASCII name made from the hash, never the device's. */
const disposition = (sha256: string, type: AttachmentType) =>
  `${ATTACHMENT_TYPES[type].kind === 'image' ? 'inline' : 'attachment'}; filename="${sha256.slice(0, 16)}.${ATTACHMENT_TYPES[type].extensions[0]}"`;

const RANGE_HELP = '`bytes <start>-<end>/<total>`, end inclusive; each chunk at most chunkBytes (GET /api/config)';

export const attachmentRoutes = (service: AttachmentService): ApiRoute[] => [
  {
    method: 'GET',
    url: '/api/attachments/:sha256/status',
    summary: "Where this device's upload of a file stands: absent (start at 0), partial (continue at `received`), or complete",
    params: Params,
    response: UploadStatus,
    auth: { roles: ['operator'] },
    handler: async (request) => service.status(shaOf(request.params), uploaderOf(request)),
  },
  {
    method: 'PUT',
    url: '/api/attachments/:sha256',
    summary: 'Upload one chunk of a file named by its SHA-256; the last chunk completes it (hash, type and limits checked). Once complete, a repeat is a no-op',
    params: Params,
    headers: {
      'Content-Range': { description: RANGE_HELP, required: true, example: 'bytes 0-262143/700000' },
    },
    rawBody: {
      types: ['application/octet-stream', ...ATTACHMENT_TYPE_NAMES],
      description: "The chunk's bytes. Content-Type application/octet-stream, or the file's type (which must then match its content)",
    },
    response: UploadStatus,
    bodyLimit: ATTACHMENT_LIMITS.chunkBytes,
    auth: { roles: ['operator'] },
    // Each upload in flight holds a chunk, and its last one the whole file while it is checked (≤ 5 MB):
    // more at once are answered 503 + Retry-After, which a device treats like any failed chunk.
    maxInFlight: 16,
    errors: {
      400: '`err.attachmentId` (not a SHA-256), `err.attachmentRange` (Content-Range missing, malformed, past the total, not the body\'s length, or a first chunk too short to tell the type), `err.attachmentEmpty`',
      409: '`err.attachmentOffset`: the chunk starts past what the server has (ask for the status); `err.attachmentOverlap`: it disagrees with bytes already received (the upload restarts at 0)',
      413: '`err.attachmentTooLarge`: the file is over its type\'s limit (or the chunk over chunkBytes: `api.tooLarge`)',
      415: '`err.attachmentType`: the content is not an accepted type, or not the type declared',
      422: '`err.attachmentHash` (content does not match the SHA-256), `err.attachmentCorrupt`, `err.attachmentDimensions` (an image too large in pixels); the upload restarts at 0',
      429: "`err.attachmentQuota`: the kiosk's attachment bytes for today (India time, ATTACHMENT_QUOTA_MB_PER_DAY) are used up; Retry-After says until midnight",
    },
    async handler(request) {
      const sha256 = shaOf(request.params);
      const uploader = uploaderOf(request);
      if (!Buffer.isBuffer(request.body)) throw new ApiProblem(415, 'api.mediaType');
      const header = request.headers['content-range'];
      const declared = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      return service.put(sha256, uploader, {
        body: request.body,
        range: parseContentRange(header),
        emptyTotal: typeof header === 'string' && /\/0\s*$/.test(header),
        declaredType: isType(declared) ? declared : undefined,
      });
    },
  },
  {
    method: 'GET',
    url: '/api/attachments/:sha256',
    summary: 'The file, to those who may open a grievance that refers to it (the grievance view\'s scope: the registering kiosk, its holder and former holders, officers above its level, nodal officers and secretaries in scope, admins)',
    params: Params,
    response: z.unknown(),
    rawResponse: { types: ATTACHMENT_TYPE_NAMES, description: 'The file, with the type sniffed from its content at upload' },
    auth: { roles: ROLES },
    errors: { 404: '`err.attachmentNotFound`: no such file, or not one this account may see' },
    async handler(request, reply) {
      const sha256 = shaOf(request.params);
      const p = principalOf(request);
      const file = await service.open(sha256, p.account, { deviceId: p.deviceId, ip: request.ip });
      if (!file) throw new ApiProblem(404, 'err.attachmentNotFound');
      reply.headers({
        'content-type': file.type,
        'content-length': String(file.bytes),
        'content-disposition': disposition(sha256, file.type),
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
        'content-security-policy': "default-src 'none'; img-src 'self'; media-src 'self'; sandbox; frame-ancestors 'none'",
      });
      return reply.send(file.stream);
    },
  },
];
