/**
 * Triage over HTTP (issue 6):
 *
 * - POST /api/grievances/similar: an operator about to register a grievance asks whether the same citizen
 *   (same mobile number, or same Aadhaar: its hash is keyed here, so Aadhaar matching happens only on the
 *   server) has a similar one from the last 30 days, from any kiosk. Scored with the same triage code as
 *   the device. A POST, not a GET: the description and the sealed Aadhaar must not end up in a URL (access
 *   logs, proxies). The answer is minimal (number, day, department, category, status, score: no text,
 *   name or number of the citizen); every call is rate limited per account and audited (mobile masked).
 * - GET /api/triage/model: the current triage model for devices (ETag = its version; If-None-Match → 304).
 *   Operators only: a retrained model is made from citizens' grievances, so it is not handed to anyone
 *   who asks, although its hashed int8 weights say little about any one of them.
 */
import { gzipSync } from 'node:zlib';
import * as z from 'zod/mini';
import { DUPLICATE_WINDOW_DAYS, duplicateWindowStart, istDate, MAX_DUPLICATE_CANDIDATES, SimilarRequest, SimilarResponse, type SimilarItem } from '../../src/domain/duplicates';
import { DUPLICATE_THRESHOLD } from '../../src/triage/triage';
import type { AadhaarVault } from '../aadhaar/vault';
import { principalOf } from '../auth/guard';
import { ApiProblem, fieldError, parseBody } from '../errors';
import { rateLimiter } from '../rate-limit';
import type { AuditLog } from '../store/audit';
import type { Queryable } from '../store/db';
import type { TriageModels } from '../triage/models';
import type { ApiRoute } from './registry';

export interface TriageRouteDeps {
  db: Queryable;
  vault: AadhaarVault;
  audit: AuditLog;
  models: TriageModels;
  clock: () => Date;
  /** Duplicate checks per account per minute (SIMILAR_PER_ACCOUNT_PER_MIN). */
  similarPerMin: number;
}

const maskMobile = (m: string) => `XXXXXX${m.slice(-4)}`;

const Head = z.object({ classes: z.array(z.string()), bias: z.array(z.number()), temperature: z.number(), quantum: z.number(), data: z.string() });
/** The model file as documented (src/triage/model.ts ModelJson). */
const ModelFile = z.object({
  format: z.literal(1), version: z.string(), features: z.string(), normFloor: z.number(), department: Head, category: Head,
  trainedOn: z.object({ documents: z.number(), departments: z.number(), categories: z.number(), grievances: z.optional(z.number()) }),
  createdAt: z.optional(z.string()),
});
const ModelQuery = z.strictObject({
  /** The device's feature code (model.json "features"): a model made for other code is of no use to it. */
  features: z.optional(z.string().check(z.regex(/^f-[0-9a-f]{12}$/, 'err.invalid'))),
});

type Row = { number: string; description: string; department_code: string; category_code: string | null; status: string; created_at: Date; by_mobile: boolean; by_aadhaar: boolean };

export function triageRoutes(deps: TriageRouteDeps): ApiRoute[] {
  const { db, vault, audit, models, clock } = deps;
  const perAccount = rateLimiter({ limit: deps.similarPerMin, windowMs: 60_000, clock });
  const gzipped = new Map<string, Buffer>(); // version → gzip of its JSON (one entry: the current model)

  return [
    {
      method: 'POST',
      url: '/api/grievances/similar',
      summary: `The same citizen's grievances (same mobile, or same Aadhaar) from the last ${DUPLICATE_WINDOW_DAYS} days whose description is similar to this one: number, day, department, status and score only`,
      body: SimilarRequest,
      response: SimilarResponse,
      auth: { roles: ['operator'] },
      stores: false, // a read in a POST (the description stays out of URLs)
      errors: { 400: '`api.invalid`; `err.aadhaar`: the sealed Aadhaar does not open or does not end in aadhaarLast4' },
      async handler(request): Promise<SimilarResponse> {
        const caller = principalOf(request);
        const verdict = perAccount.hit(caller.account.id.toLowerCase());
        if (!verdict.ok) throw new ApiProblem(429, 'api.rateLimited', undefined, { 'retry-after': String(verdict.retryAfterS) });
        const body = parseBody(SimilarRequest, request.body);
        const aadhaarHash = body.aadhaarSealed && body.aadhaarLast4 ? vault.open(body.aadhaarSealed, body.aadhaarLast4) : null;
        if (body.aadhaarSealed && !aadhaarHash) throw new ApiProblem(400, 'api.invalid', [fieldError('aadhaarLast4', 'err.aadhaar')]);
        const since = new Date(duplicateWindowStart(clock()));
        const rows = await db.query<Row>(
          `SELECT number, description, department_code, category_code, status, created_at,
                  mobile = $1 AS by_mobile, coalesce(aadhaar_hash = $2, false) AS by_aadhaar
             FROM grievances
            WHERE (mobile = $1 OR aadhaar_hash = $2) AND created_at >= $3::timestamptz
            ORDER BY created_at DESC LIMIT $4::int`,
          [body.mobile, aadhaarHash, since.toISOString(), MAX_DUPLICATE_CANDIDATES]);
        const current = await models.current();
        const byNumber = new Map(rows.map((r) => [r.number, r]));
        const items: SimilarItem[] = current.triage.findDuplicates(body.text, rows.map((r) => ({ id: r.number, text: r.description }))).map((m) => {
          const r = byNumber.get(m.id)!;
          return {
            number: r.number, registeredOn: istDate(r.created_at), departmentCode: r.department_code, categoryCode: r.category_code,
            status: r.status, score: m.score, match: r.by_mobile && r.by_aadhaar ? 'both' : r.by_aadhaar ? 'aadhaar' : 'mobile',
          };
        });
        await audit.append({
          actorId: caller.account.id, actorRole: caller.role, deviceId: caller.deviceId, ip: request.ip, action: 'grievance.similar',
          target: maskMobile(body.mobile), details: { aadhaar: !!aadhaarHash, candidates: rows.length, matches: items.map((i) => i.number), model: current.version },
        });
        return { items, modelVersion: current.version, threshold: DUPLICATE_THRESHOLD };
      },
    },
    {
      method: 'GET',
      url: '/api/triage/model',
      summary: 'The current triage model file for devices (the newest published by `admin retrain`, else the built-in one); ETag is its version, If-None-Match answers 304',
      query: ModelQuery,
      headers: { 'if-none-match': { description: 'The version the device has, quoted: 304 when it is the current one', example: '"triage-0123456789ab"' } },
      response: ModelFile,
      auth: { roles: ['operator'] },
      errors: { 404: '`triage.noModel`: no model for the feature code the device named (another release): it keeps its own' },
      async handler(request, reply) {
        const { features } = parseBody(ModelQuery, request.query);
        const current = await models.current();
        if (features && features !== current.model.features) throw new ApiProblem(404, 'triage.noModel');
        const etag = `"${current.version}"`;
        reply.header('etag', etag).header('cache-control', 'private, no-cache').header('vary', 'accept-encoding');
        const wanted = String(request.headers['if-none-match'] ?? '').split(',').map((s) => s.trim().replace(/^W\//, ''));
        if (wanted.includes(etag)) return reply.code(304).send();
        reply.header('content-type', 'application/json; charset=utf-8');
        if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
          let gz = gzipped.get(current.version);
          if (!gz) { gzipped.clear(); gz = gzipSync(current.json); gzipped.set(current.version, gz); }
          return reply.header('content-encoding', 'gzip').send(gz);
        }
        return reply.send(current.json);
      },
    },
  ];
}
