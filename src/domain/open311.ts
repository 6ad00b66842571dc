/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) as this system speaks it: the wire shapes
 * and how they map onto departments, categories and statuses. A service is a department's category
 * (`phed.no-supply`) or a department as a whole (`phed`); the jurisdiction is a district code; a request
 * is a grievance, its `service_request_id` the official grievance number; `open` is every status before
 * disposal (and reopened), `closed` is disposed or closed.
 */
import { freeText } from './text';
import * as z from 'zod/mini';
import { DEPARTMENTS, departmentByCode, DISTRICT_CODES } from './reference';
import type { Status } from './workflow';

/** One service of GET services.json. */
export const Open311Service = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.literal('realtime'),
  keywords: z.string(),
  group: z.string(),
});
export type Open311Service = z.infer<typeof Open311Service>;
export const Open311Services = z.array(Open311Service);

/** Every department and each of its categories as a service (names in English, Hindi in keywords). */
export function open311Services(): Open311Service[] {
  return DEPARTMENTS.flatMap((d) => [
    { service_code: d.code, service_name: d.en, description: `${d.en} (${d.hi})`, metadata: false, type: 'realtime' as const, keywords: d.hi, group: d.en },
    ...d.categories.map((c) => ({
      service_code: `${d.code}.${c.code}`, service_name: `${d.en}: ${c.en}`, description: `${c.en} (${c.hi})`, metadata: false, type: 'realtime' as const, keywords: c.hi, group: d.en,
    })),
  ]);
}

/** `phed.no-supply` → the department and category codes, or null when it names no service. */
export function parseServiceCode(code: string): { departmentCode: string; categoryCode?: string } | null {
  const [dept, cat, ...rest] = code.split('.');
  const d = departmentByCode(dept ?? '');
  if (!d || rest.length > 0) return null;
  if (cat === undefined) return { departmentCode: d.code };
  return d.categories.some((c) => c.code === cat) ? { departmentCode: d.code, categoryCode: cat } : null;
}

/** Free text from an integrating system: the same storable-text rule as every other field (./text.ts). */
const text = (max: number) => freeText(0, max, 'err.invalid');
const decimal = z.string().check(z.regex(/^-?\d{1,3}(\.\d{1,12})?$/, 'err.invalid'));

/** POST requests.json (form-encoded); fields GeoReport defines that are not used here are accepted and ignored. */
export const Open311NewRequest = z.object({
  api_key: text(200),
  service_code: text(100),
  jurisdiction_id: z.optional(z.enum(DISTRICT_CODES, { error: 'err.district' })),
  description: text(4000),
  address_string: z.optional(text(300)),
  lat: z.optional(decimal),
  long: z.optional(decimal),
  first_name: z.optional(text(60)),
  last_name: z.optional(text(60)),
  phone: z.optional(text(20)),
  email: z.optional(text(200)),
  device_id: z.optional(text(100)),
  account_id: z.optional(text(100)),
  media_url: z.optional(text(500)),
});
export type Open311NewRequest = z.infer<typeof Open311NewRequest>;

/** The answer to POST requests.json. */
export const Open311Created = z.array(z.object({ service_request_id: z.string(), service_notice: z.string(), account_id: z.null() }));

/** GET requests.json's filters (and the key). */
export const Open311Query = z.object({
  api_key: text(200),
  service_request_id: z.optional(text(2000)),
  service_code: z.optional(text(100)),
  status: z.optional(z.enum(['open', 'closed'])),
  start_date: z.optional(z.iso.datetime({ offset: true })),
  end_date: z.optional(z.iso.datetime({ offset: true })),
  jurisdiction_id: z.optional(z.enum(DISTRICT_CODES)),
});
export const Open311KeyQuery = z.object({ api_key: text(200), jurisdiction_id: z.optional(z.enum(DISTRICT_CODES)) });

/** One request as GET requests.json / requests/{id}.json show it. */
export const Open311Request = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.nullable(z.string()),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string(),
  agency_responsible: z.string(),
  service_notice: z.nullable(z.string()),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.nullable(z.string()),
  address: z.nullable(z.string()),
  address_id: z.null(),
  zipcode: z.nullable(z.string()),
  lat: z.nullable(z.number()),
  long: z.nullable(z.number()),
  media_url: z.null(),
});
export type Open311Request = z.infer<typeof Open311Request>;
export const Open311Requests = z.array(Open311Request);

/** GeoReport's error list: `[{ code, description }]`. */
export const Open311Errors = z.array(z.object({ code: z.number(), description: z.string() }));

export const open311Status = (s: Status | string): 'open' | 'closed' => (s === 'disposed' || s === 'closed' ? 'closed' : 'open');
