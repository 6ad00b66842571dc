/**
 * Rajasthan Sampark Diwas and village camps (issue 12 item 1), shared by the device and the server.
 *
 *   POST /api/events  (admin, nodal)  CampEventInput → CampEvent     an event is created
 *   GET  /api/events  (signed in)     → CampEventList                 admins and nodal officers: the recent and
 *                                                                      coming ones; an operator or officer: those
 *                                                                      they take part in, to keep on the device
 * A grievance registered while the operator has chosen an event carries its `eventId`
 * (GrievanceSubmission.eventId), stored with it and in `npm run admin -- export`.
 */
import * as z from 'zod/mini';
import { DEPARTMENT_CODES, DISTRICT_CODES } from './reference';
import { OperatorId, LgdCode } from './schemas';
import { freeText } from './text';

export { EventId } from './schemas';
export const EVENT_KINDS = ['sampark-diwas', 'camp'] as const;

const IsoDate = z.string({ error: 'err.date' }).check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'err.date'), z.refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'err.date'));

export const CampEventInput = z.strictObject({
  kind: z.enum(EVENT_KINDS, { error: 'event.kind' }),
  name: freeText(3, 120, 'event.name'),
  date: IsoDate,
  districtCode: z.enum(DISTRICT_CODES as [string, ...string[]], { error: 'err.district' }),
  /** The tehsil or block (LGD code), when the event is held for one. */
  tehsilCode: z.optional(LgdCode),
  venue: freeText(3, 200, 'event.venue'),
  departments: z.array(z.enum(DEPARTMENT_CODES as [string, ...string[]], { error: 'err.department' })).check(z.minLength(1, 'event.departments'), z.maxLength(60, 'event.departments')),
  /** Account IDs of the officers present (they may dispose on the spot). */
  officers: z.array(OperatorId).check(z.maxLength(100, 'event.people')),
  /** Account IDs of the operators (and so their devices) taking part. */
  operators: z.array(OperatorId).check(z.minLength(1, 'event.people'), z.maxLength(200, 'event.people')),
});
export type CampEventInput = z.infer<typeof CampEventInput>;

export const CampEvent = z.object({
  id: z.string(),
  kind: z.enum(EVENT_KINDS),
  name: z.string(),
  date: z.string(),
  districtCode: z.string(),
  tehsilCode: z.optional(z.string()),
  venue: z.string(),
  departments: z.array(z.string()),
  officers: z.array(z.string()),
  operators: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type CampEvent = z.infer<typeof CampEvent>;
export const CampEventList = z.object({ events: z.array(CampEvent) });
export type CampEventList = z.infer<typeof CampEventList>;

/** GET /api/events/:id/report: the camp report (issue 12 item 5), from the grievances that carry the event's id. */
export const EventIdParams = z.strictObject({ id: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'event.unknown')) });
const Counts = { registered: z.number(), disposed: z.number(), pending: z.number() };
/** Waiting time (token given to token called), in whole minutes; null when no token was called. */
const Waits = { served: z.number(), medianWaitMin: z.nullable(z.number()), p90WaitMin: z.nullable(z.number()) };
export const CampReport = z.object({
  event: CampEvent,
  ...Counts,
  /** Disposed at the camp by an officer present there (issue 12 item 3), of those registered at it. */
  onTheSpot: z.number(),
  byDepartment: z.array(z.object({ departmentCode: z.string(), ...Counts, onTheSpot: z.number() })),
  /** The desk devices' token logs (POST /api/events/:id/tokens): issued, served (called to a counter), waits. */
  tokens: z.object({ issued: z.number(), ...Waits, devices: z.number(), byCounter: z.array(z.object({ counter: z.number(), ...Waits })) }),
});
export type CampReport = z.infer<typeof CampReport>;

/**
 * POST /api/events/:id/tokens: a desk device's token log (issue 12 item 5), sent again as it grows (tokens
 * called, served). Each token is keyed by its `id` (a ULID made on the device at issue), so a resend, the
 * same log sent twice, or a token sent once given and again once called is stored once, with its latest times.
 */
const DeviceId = z.string({ error: 'err.invalid' }).check(z.regex(/^[0-9A-HJKMNP-TV-Z]{5}$/, 'err.invalid'));
const EpochMs = z.int({ error: 'camp.tokens' }).check(z.minimum(1_500_000_000_000, 'camp.tokens'), z.maximum(4_102_444_800_000, 'camp.tokens'));
export const CampTokenRecord = z.strictObject({
  id: z.string({ error: 'camp.tokens' }).check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'camp.tokens')),
  label: z.string({ error: 'camp.tokens' }).check(z.regex(/^[0-9A-HJKMNP-TV-Z]{5}-\d{3,6}$/, 'camp.tokens')),
  n: z.int({ error: 'camp.tokens' }).check(z.positive('camp.tokens'), z.maximum(999_999, 'camp.tokens')),
  issuedAt: EpochMs,
  calledAt: z.optional(EpochMs),
  servedAt: z.optional(EpochMs),
  counter: z.optional(z.int({ error: 'camp.tokens' }).check(z.positive('camp.tokens'), z.maximum(99, 'camp.tokens'))),
});
export type CampTokenRecord = z.infer<typeof CampTokenRecord>;
export const CampTokenLog = z.strictObject({
  deviceId: DeviceId,
  tokens: z.array(CampTokenRecord).check(z.minLength(1, 'camp.tokens'), z.maxLength(2000, 'camp.tokens')),
});
export type CampTokenLog = z.infer<typeof CampTokenLog>;
/** `stored`: tokens new to the server or with a time it did not have; the rest were already there as sent. */
export const CampTokenResult = z.object({ received: z.number(), stored: z.number() });
export type CampTokenResult = z.infer<typeof CampTokenResult>;
