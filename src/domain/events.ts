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
export const CampReport = z.object({
  event: CampEvent,
  ...Counts,
  byDepartment: z.array(z.object({ departmentCode: z.string(), ...Counts })),
});
export type CampReport = z.infer<typeof CampReport>;
