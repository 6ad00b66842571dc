/**
 * Filing and reading grievances for Open311 clients (../routes/open311.ts declares the routes). A filed
 * request becomes an ordinary grievance through the same ingest as a kiosk's sync: numbered exactly once,
 * routed to its officer and audited in one transaction; it carries the integrating system's kiosk code, so
 * a system reads back only what it filed.
 */
import { ulid } from 'ulidx';
import { message, type MessageKey } from '../../src/domain/messages';
import { normalizeMobile } from '../../src/domain/identity';
import { receiptNumber } from '../../src/domain/numbers';
import { type Open311NewRequest, type Open311Request, open311Status, parseServiceCode } from '../../src/domain/open311';
import { departmentByCode } from '../../src/domain/reference';
import { GrievanceSubmission } from '../../src/domain/schemas';
import { fieldErrorsFromZod } from '../errors';
import type { AuditLog } from '../store/audit';
import type { Db } from '../store/db';
import type { GrievanceStore } from '../store/grievances';
import type { PreparedRouting, Workflow } from '../workflow/service';
import { type ApiKeyHolder, nextReceiptSeq } from './api-keys';

/** A refusal in GeoReport's form: an HTTP status and `{ code, description }` items (English / Hindi). */
export class Open311Problem extends Error {
  constructor(readonly status: 400 | 403 | 404, readonly items: { code: number; description: string }[]) {
    super(items.map((i) => i.description).join('; '));
  }
}
const both = (key: MessageKey | string) => `${message(key, 'en')} / ${message(key, 'hi')}`;
export const problem = (status: 400 | 403 | 404, key: MessageKey, field?: string) =>
  new Open311Problem(status, [{ code: status, description: `${field ? `${field}: ` : ''}${both(key)}` }]);

const OPEN311_DEVICE = '311AP'; // a device id of the schema's alphabet, for grievances filed through Open311

export interface Open311Deps { db: Db; store: GrievanceStore; audit: AuditLog; workflow: Pick<Workflow, 'prepareRouting' | 'onRegistered'>; clock: () => Date }

/** Files one request as a grievance; returns its official number. */
export async function fileRequest(deps: Open311Deps, holder: ApiKeyHolder, r: Open311NewRequest, ip: string): Promise<string> {
  const service = parseServiceCode(r.service_code);
  if (!service) throw problem(404, 'open311.service', 'service_code');
  const districtCode = r.jurisdiction_id ?? holder.districtCode;
  if (!districtCode) throw problem(400, 'open311.jurisdiction', 'jurisdiction_id');
  const point = r.lat && r.long ? { lat: Number(r.lat), long: Number(r.long) } : undefined;
  if (point && Math.abs(point.lat) > 90) throw problem(400, 'err.invalid', 'lat');
  if (point && Math.abs(point.long) > 180) throw problem(400, 'err.invalid', 'long');
  const place = r.address_string?.trim() || (point ? `${r.lat}, ${r.long}` : '');
  if (!place) throw problem(400, 'open311.location', 'address_string');
  const now = deps.clock();
  const candidate = {
    clientId: ulid(),
    receiptNumber: receiptNumber(holder.kioskCode, now, OPEN311_DEVICE, await nextReceiptSeq(deps.db, holder.id)),
    kioskCode: holder.kioskCode,
    deviceId: OPEN311_DEVICE,
    operatorId: `open311.${holder.id}`,
    createdAt: now.toISOString(),
    lang: /[\u0900-\u097F]/.test(r.description) ? 'hi' : 'en',
    name: [r.first_name, r.last_name].filter(Boolean).join(' ').trim(),
    mobile: normalizeMobile(r.phone ?? '') ?? r.phone ?? '',
    address: place,
    areaType: 'urban',
    districtCode,
    departmentCode: service.departmentCode,
    ...(service.categoryCode && { categoryCode: service.categoryCode }),
    description: r.description.trim(),
    consent: true, // the integrating system collects the citizen's consent (README: Open311)
  };
  const parsed = GrievanceSubmission.safeParse(candidate, { reportInput: true });
  if (!parsed.success) {
    const toWire: Record<string, string> = { name: 'first_name', mobile: 'phone', address: 'address_string', description: 'description', districtCode: 'jurisdiction_id' };
    throw new Open311Problem(400, fieldErrorsFromZod(parsed.error.issues).map((e) => ({ code: 400, description: `${toWire[e.path] ?? e.path}: ${both(e.code)}` })));
  }
  const who = { actorId: `open311:${holder.id}`, actorRole: 'api', deviceId: OPEN311_DEVICE, ip };
  const [result] = await deps.store.ingestBatch([parsed.data], {
    prepare: (fresh) => deps.workflow.prepareRouting(fresh),
    onCreated: async (tx, created, prepared) => {
      if (point) for (const c of created) await tx.query('INSERT INTO grievance_locations (grievance_number, lat, long) VALUES ($1, $2, $3)', [c.number, point.lat, point.long]);
      // At once (RETURNING), not deferred with the routing's UPDATE of the same row (./write-batch.ts).
      await tx.query("UPDATE grievances SET channel = 'open311' WHERE number = ANY($1::text[]) RETURNING number", [created.map((c) => c.number)]);
      await deps.audit.append(created.map((c) => ({ ...who, action: 'grievance.register', target: c.number, details: { clientId: c.record.clientId, receiptNumber: c.record.receiptNumber, kioskCode: c.record.kioskCode, via: 'open311' } })), tx);
      await deps.workflow.onRegistered(tx, created, who, prepared as PreparedRouting);
    },
  });
  if (result.status !== 'created') throw new Error(`an Open311 request was not stored: ${result.status}`);
  return result.number;
}

type Row = {
  number: string; department_code: string; category_code: string | null; status: string; description: string; address: string | null;
  pin: string | null; created_at: Date; due_at: Date | null; updated_at: Date; note: string | null; lat: number | null; long: number | null;
};

/** The requests `holder` filed, newest first (GeoReport: at most 1,000; without dates, the last 90 days). */
export async function readRequests(db: Db, holder: ApiKeyHolder, f: { ids?: string[]; serviceCode?: string; status?: 'open' | 'closed'; start?: string; end?: string }): Promise<Open311Request[]> {
  const service = f.serviceCode ? parseServiceCode(f.serviceCode) : undefined;
  if (f.serviceCode && !service) return [];
  const noWindow = !!f.ids?.length;
  const rows = await db.query<Row>(
    `SELECT g.number, g.department_code, g.category_code, g.status, g.description, g.address, g.pin, g.created_at, g.due_at,
            coalesce(e.at, g.received_at) AS updated_at, e.note, loc.lat, loc.long
       FROM grievances g
       LEFT JOIN grievance_locations loc ON loc.grievance_number = g.number
       LEFT JOIN LATERAL (SELECT at, note FROM grievance_events WHERE grievance_number = g.number ORDER BY id DESC LIMIT 1) e ON true
      WHERE g.kiosk_code = $1
        AND ($2::text[] IS NULL OR g.number = ANY($2::text[]))
        AND ($3::text IS NULL OR g.department_code = $3) AND ($4::text IS NULL OR g.category_code = $4)
        AND ($5::text IS NULL OR (g.status IN ('disposed', 'closed')) = ($5 = 'closed'))
        AND g.created_at >= coalesce($6::timestamptz, CASE WHEN $8 THEN '-infinity'::timestamptz ELSE now() - interval '90 days' END)
        AND g.created_at <= coalesce($7::timestamptz, 'infinity'::timestamptz)
      ORDER BY g.created_at DESC, g.number LIMIT 1000`,
    [holder.kioskCode, f.ids?.length ? f.ids : null, service?.departmentCode ?? null, service?.categoryCode ?? null, f.status ?? null, f.start ?? null, f.end ?? null, noWindow]);
  return rows.map(toRequest);
}

function toRequest(r: Row): Open311Request {
  const dept = departmentByCode(r.department_code);
  const cat = dept?.categories.find((c) => c.code === r.category_code);
  return {
    service_request_id: r.number,
    status: open311Status(r.status),
    status_notes: r.note,
    service_name: cat ? `${dept!.en}: ${cat.en}` : dept?.en ?? r.department_code,
    service_code: r.category_code ? `${r.department_code}.${r.category_code}` : r.department_code,
    description: r.description,
    agency_responsible: dept?.en ?? r.department_code,
    service_notice: null,
    requested_datetime: r.created_at.toISOString(),
    updated_datetime: r.updated_at.toISOString(),
    expected_datetime: r.due_at?.toISOString() ?? null,
    address: r.address,
    address_id: null,
    zipcode: r.pin,
    lat: r.lat,
    long: r.long,
    media_url: null,
  };
}
