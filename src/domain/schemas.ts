/**
 * The wire contract: zod/mini schemas used by the intake form, the outbox, the service worker and the
 * server. Every message is a key of ./messages.ts. zod/mini (not classic zod) keeps ~17 KiB off the
 * first-load JavaScript (see shared PERF-NOTES §2.4).
 */
import * as z from 'zod/mini';
import { categoryCodesOf, DEPARTMENT_CODES, DISTRICT_CODES } from './reference-codes';
import { RECEIPT_PATTERN } from './numbers';
import { AttachmentLimits, GrievanceAttachments } from './attachments';
import { freeText } from './text';

const text = freeText;
const optional = <T extends z.ZodMiniType>(s: T) => z.optional(s);

/** Crockford base32 ULID: sortable by time, unique without coordination. */
export const ClientId = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'err.invalid'));
export const Mobile = z.string({ error: 'err.mobile' }).check(z.regex(/^[6-9]\d{9}$/, 'err.mobile'));
export const KioskCode = z.string({ error: 'err.kiosk' }).check(z.regex(/^K\d{1,12}$/, 'err.kiosk'));
/** A camp or Sampark Diwas (src/domain/events.ts): a ULID made by the server. */
export const EventId = z.string({ error: 'event.unknown' }).check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'event.unknown'));
export const LgdCode = z.string({ error: 'err.tehsil' }).check(z.regex(/^\d{1,7}$/, 'err.tehsil'));
/** A device's own id: 5 Crockford base32 characters, made once per device (it appears in receipt numbers). */
export const DeviceId = z.string({ error: 'err.invalid' }).check(z.regex(/^[0-9A-HJKMNP-TV-Z]{5}$/, 'err.invalid'));
/** An account's sign-in name (the "Operator ID"): compared case-insensitively, kept as typed. */
export const OperatorId = z.string({ error: 'err.operatorId' }).check(z.regex(/^[A-Za-z0-9._@-]{1,64}$/, 'err.operatorId'));

/** Lengths of the intake's free-text fields: the schema below and the form's `maxLength` (src/ui/intake) use these. */
export const INTAKE_LIMITS = { name: { min: 2, max: 100 }, address: { min: 0, max: 300 }, description: { min: 10, max: 4000 } } as const;
const limited = (f: keyof typeof INTAKE_LIMITS, message: string) => text(INTAKE_LIMITS[f].min, INTAKE_LIMITS[f].max, message);

/** What the operator fills in (after ../domain/intake.ts has normalised the typed text). */
export const IntakeFields = z.strictObject({
  name: limited('name', 'err.name').check(z.regex(/^[^\d\u0966-\u096F<>{}[\]\\\u0000-\u001F]+$/, 'err.name')),
  mobile: Mobile,
  janAadhaarId: optional(z.string().check(z.regex(/^\d{10,11}$/, 'err.janAadhaar'))),
  aadhaarLast4: optional(z.string().check(z.regex(/^\d{4}$/, 'err.aadhaar'))),
  /** The full Aadhaar sealed on the device with the server's public key (RSA-OAEP, base64). */
  aadhaarSealed: optional(z.string().check(z.regex(/^[A-Za-z0-9+/=]{16,1400}$/, 'err.aadhaar'))),
  address: optional(limited('address', 'err.address')),
  pin: optional(z.string().check(z.regex(/^3[0-4]\d{4}$/, 'err.pin'))),
  areaType: z.enum(['rural', 'urban'], { error: 'err.areaType' }),
  districtCode: z.enum(DISTRICT_CODES, { error: 'err.district' }),
  /** LGD sub-district (tehsil) code. */
  tehsilCode: optional(LgdCode),
  /** LGD block (panchayat samiti) code: a separate field, since tehsil and block codes overlap. */
  blockCode: optional(LgdCode),
  /** LGD codes below the tehsil (issue 15): the gram panchayat and village (rural), the ward (urban). */
  gramPanchayatCode: optional(LgdCode),
  villageCode: optional(LgdCode),
  wardCode: optional(LgdCode),
  departmentCode: z.enum(DEPARTMENT_CODES, { error: 'err.department' }),
  categoryCode: optional(z.string({ error: 'err.category' }).check(z.regex(/^[a-z0-9-]{1,40}$/, 'err.category'))),
  description: limited('description', 'err.description'),
  consent: z.literal(true, { error: 'err.consent' }),
});
export type IntakeFields = z.infer<typeof IntakeFields>;

/** A category must belong to its department; Aadhaar's last 4 and its sealed form travel together. */
const crossChecks = (v: IntakeFields, ctx: z.core.$RefinementCtx<IntakeFields>) => {
  if (v.categoryCode && !categoryCodesOf(v.departmentCode).includes(v.categoryCode))
    ctx.addIssue({ code: 'custom', message: 'err.category', path: ['categoryCode'], input: v.categoryCode });
  if (!!v.aadhaarLast4 !== !!v.aadhaarSealed)
    ctx.addIssue({ code: 'custom', message: 'err.aadhaar', path: ['aadhaarLast4'], input: v.aadhaarLast4 });
};
export const Intake = IntakeFields.check(z.superRefine(crossChecks));

/**
 * What the on-device triage suggested for this grievance (the last suggestion shown to the operator) and
 * whether the operator kept it: `accepted` is true exactly when the registered department, and the
 * category if one was suggested, are the suggested ones. Stored on the server to measure the model and to
 * retrain it (`npm run admin -- retrain`).
 */
export const TriageRecord = z.strictObject({
  modelVersion: z.string().check(z.regex(/^triage-r?[0-9a-f]{12}$/, 'err.invalid')),
  suggestedDepartment: z.enum(DEPARTMENT_CODES, { error: 'err.department' }),
  suggestedCategory: optional(z.string({ error: 'err.category' }).check(z.regex(/^[a-z0-9-]{1,40}$/, 'err.category'))),
  confidence: z.number({ error: 'err.invalid' }).check(z.gte(0, 'err.invalid'), z.lte(1, 'err.invalid')),
  accepted: z.boolean({ error: 'err.invalid' }),
});
export type TriageRecord = z.infer<typeof TriageRecord>;
/** What the intake form registers: its fields, and the triage suggestion it showed (if any). */
export type IntakeWithTriage = IntakeFields & { triage?: TriageRecord };

/** Whether the registered department/category are the suggested ones (what `accepted` must say). */
export const keptSuggestion = (t: Pick<TriageRecord, 'suggestedDepartment' | 'suggestedCategory'>, departmentCode: string, categoryCode?: string) =>
  t.suggestedDepartment === departmentCode && (!t.suggestedCategory || t.suggestedCategory === categoryCode);

/** One grievance as queued on the device and sent to the server. */
export const GrievanceSubmission = z
  .strictObject({
    ...IntakeFields.shape,
    clientId: ClientId,
    receiptNumber: z.string().check(z.regex(RECEIPT_PATTERN, 'err.invalid')),
    kioskCode: KioskCode,
    deviceId: DeviceId,
    /** The operator who registered it. Optional on the wire (older queued records); the server requires it. */
    operatorId: optional(OperatorId),
    createdAt: z.iso.datetime({ offset: true, error: 'err.invalid' }),
    lang: z.enum(['hi', 'en']),
    /** Files already uploaded to /api/attachments (src/domain/attachments.ts), in the order shown. */
    attachments: optional(GrievanceAttachments),
    /** The triage suggestion shown when it was registered, if any. */
    triage: optional(TriageRecord),
    /** The camp or Sampark Diwas it was registered at (src/domain/events.ts), if any. */
    eventId: optional(EventId),
  })
  .check(z.superRefine(crossChecks), z.superRefine((v, ctx) => {
    const tr = v.triage;
    if (tr && tr.suggestedCategory && !categoryCodesOf(tr.suggestedDepartment).includes(tr.suggestedCategory))
      ctx.addIssue({ code: 'custom', message: 'err.category', path: ['triage', 'suggestedCategory'], input: tr.suggestedCategory });
    if (tr && tr.accepted !== keptSuggestion(tr, v.departmentCode, v.categoryCode))
      ctx.addIssue({ code: 'custom', message: 'err.invalid', path: ['triage', 'accepted'], input: tr.accepted });
  }));
export type GrievanceSubmission = z.infer<typeof GrievanceSubmission>;

/** Largest batch the server takes in one request (PERF-NOTES: 100-250 sits at the floor). */
export const MAX_BATCH = 100;

/** POST /api/sync/grievances: each record is parsed on its own so one bad record never fails the batch. */
export const SyncRequest = z.strictObject({
  grievances: z.array(z.unknown()).check(z.minLength(1), z.maxLength(MAX_BATCH)),
});

export const FieldError = z.object({ path: z.string(), code: z.string(), message: z.string(), messageHi: z.string() });
export type FieldError = z.infer<typeof FieldError>;

export const SyncResult = z.discriminatedUnion('status', [
  z.object({ clientId: z.string(), status: z.literal('created'), number: z.string(), receivedAt: z.string() }),
  z.object({ clientId: z.string(), status: z.literal('duplicate'), number: z.string(), receivedAt: z.string() }),
  z.object({ clientId: z.string(), status: z.literal('conflict'), number: z.string(), message: z.string(), messageHi: z.string() }),
  z.object({ clientId: z.nullable(z.string()), status: z.literal('invalid'), errors: z.array(FieldError) }),
]);
export type SyncResult = z.infer<typeof SyncResult>;
export const SyncResponse = z.object({ results: z.array(SyncResult) });
export type SyncResponse = z.infer<typeof SyncResponse>;

/** Every 4xx/5xx from the API. */
export const ApiError = z.object({
  error: z.string(),
  message: z.string(),
  messageHi: z.string(),
  fields: z.optional(z.array(FieldError)),
});
export type ApiError = z.infer<typeof ApiError>;

/**
 * GET /api/health: `ok` when the server can take work; `degraded` (with HTTP 503) when it cannot take
 * new data for a reason it says, e.g. low free disk space where it stores the database or attachments.
 */
export const Health = z.union([
  z.object({ status: z.literal('ok') }),
  z.object({
    status: z.literal('degraded'),
    reasons: z.array(z.object({ code: z.literal('disk.low'), where: z.enum(['database', 'attachments']), freeMb: z.number(), minFreeMb: z.number() })),
  }),
]);

/** GET /api/config: what a device needs before it can work offline. */
export const ServerConfig = z.object({
  aadhaarKey: z.string(), // SPKI, base64: the public key that seals Aadhaar on the device
  maxBatch: z.number(),
  /** What /api/attachments accepts (absent from servers that predate attachments). */
  attachments: z.optional(AttachmentLimits),
});
export type ServerConfig = z.infer<typeof ServerConfig>;
