/**
 * The wire shapes of the workflow routes (the officer's queue and grievance detail, actions, the kiosk's
 * status lookup, the secretary's daily review, the nodal officer's pendency report), shared by the
 * server, which answers with them, and the officer and kiosk screens, which parse them. The action
 * bodies themselves are in ./workflow.ts.
 */
import * as z from 'zod/mini';
import { DepartmentCode, DistrictCode, Level } from './accounts';
import { freeText, storable } from './text';
import { ACTION_TYPES, CategoryCode, OUTCOMES, SATISFACTIONS, STATUSES } from './workflow';

const nullable = <T extends z.ZodMiniType>(s: T) => z.nullable(s);
const Iso = z.string(); // an ISO 8601 instant (UTC)
export const Status = z.enum(STATUSES);
const Outcome = z.enum(OUTCOMES);
const Satisfaction = z.enum(SATISFACTIONS);
const ActionType = z.enum(ACTION_TYPES);

// ---- Requests: path and query parameters ----

/** `:number` in a path: the 13-digit official number (its check digit is checked by the handler). */
export const NumberParams = z.strictObject({ number: z.string({ error: 'status.checkDigit' }).check(z.regex(/^\d{13}$/, 'status.checkDigit')) });
/**
 * GET /api/status?q=: an official number, a receipt number or a mobile number, as typed; `mobile`: the
 * citizen's mobile number, which opens the citizen's view of their grievances at a kiosk that did not
 * register them.
 */
export const StatusQuery = z.strictObject({
  q: z.string({ error: 'status.query' }).check(z.refine(storable, { message: 'status.query', abort: true }), z.minLength(1, 'status.query'), z.maxLength(40, 'status.query')),
  mobile: z.optional(z.string({ error: 'err.mobile' }).check(z.maxLength(20, 'err.mobile'))),
});
/** `:id` of a daily-review item. */
export const ReviewParams = z.strictObject({ id: z.string({ error: 'review.notFound' }).check(z.regex(/^\d{1,18}$/, 'review.notFound')) });
const IsoDate = z.string({ error: 'report.range' }).check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'report.range'));
/** GET /api/reports/reviews?from&to (India Standard Time dates; default the last 7 days). */
export const ReviewReportQuery = z.strictObject({ from: z.optional(IsoDate), to: z.optional(IsoDate) });

export const AGE_BUCKETS = ['0-7', '8-15', '16-30', '31-60', '61-180', '180+'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];
/** The first day (of age since registration) of each bucket, in AGE_BUCKETS order. */
export const AGE_BUCKET_FROM: readonly number[] = [0, 8, 16, 31, 61, 181];

/**
 * GET /api/reports/pending: filters narrow the rows (department, district, category); `bucket` drills
 * down to the grievances of that age bucket within the filters.
 */
export const PendingQuery = z.strictObject({
  department: z.optional(DepartmentCode),
  district: z.optional(DistrictCode),
  category: z.optional(CategoryCode),
  bucket: z.optional(z.enum(AGE_BUCKETS, { error: 'report.bucket' })),
});
export type PendingQuery = z.infer<typeof PendingQuery>;

/** POST /api/reviews/:id: a note, an instruction to the holder, or both. */
export const ReviewMarkRequest = z.strictObject({
  note: z.optional(freeText(0, 1000, 'wf.note')),
  instruction: z.optional(freeText(0, 1000, 'wf.note')),
}).check(z.refine((r) => !!(r.note || r.instruction), { message: 'review.empty', path: ['note'] }));
export type ReviewMarkRequest = z.infer<typeof ReviewMarkRequest>;

// ---- Responses ----

/** One entry of a grievance's history: who did what, when, from which status to which. */
export const HistoryEvent = z.object({
  id: z.string(),
  at: Iso,
  /** register, assign, start, transfer, request-info, dispose, feedback, reopen, close, escalate; and the notes unrouted, warn, review. */
  action: z.string(),
  actorId: nullable(z.string()),
  /** operator, officer, nodal, secretary, admin, or system (routing, the escalation sweep). */
  actorRole: nullable(z.string()),
  from: nullable(z.string()),
  to: nullable(z.string()),
  holderId: nullable(z.string()),
  level: nullable(Level),
  note: nullable(z.string()),
  details: z.record(z.string(), z.unknown()),
});
export type HistoryEvent = z.infer<typeof HistoryEvent>;

export const Attachment = z.object({ sha256: z.string(), bytes: z.number(), type: z.string() });
export type Attachment = z.infer<typeof Attachment>;

/** GET /api/officer/queue: what the signed-in officer holds, soonest due first. */
export const QueueItem = z.object({
  number: z.string(),
  departmentCode: z.string(),
  categoryCode: nullable(z.string()),
  districtCode: z.string(),
  tehsilCode: nullable(z.string()),
  areaType: z.string(),
  status: Status,
  level: nullable(Level),
  receivedAt: Iso,
  assignedAt: nullable(Iso),
  dueAt: nullable(Iso),
  /** Milliseconds to the due time at `asOf`; negative when overdue. */
  msLeft: nullable(z.number()),
  /** The warning before the time limit has been given. */
  warned: z.boolean(),
  overdue: z.boolean(),
  reopenCount: z.number(),
  version: z.number(),
  /** The first 140 characters of the description. */
  excerpt: z.string(),
});
export type QueueItem = z.infer<typeof QueueItem>;
export const Queue = z.object({ asOf: Iso, items: z.array(QueueItem) });
export type Queue = z.infer<typeof Queue>;

/** A step of the history as the citizen is told it: no officer names, no internal notes. */
export const CitizenEvent = z.object({ at: Iso, action: z.string(), status: nullable(Status), note: nullable(z.string()) });

/** What a kiosk may tell a citizen about a grievance (status lookup, and the operator's view of it). */
export const CitizenStatus = z.object({
  number: z.string(),
  receiptNumber: z.string(),
  status: Status,
  departmentCode: z.string(),
  categoryCode: nullable(z.string()),
  districtCode: z.string(),
  /** Optional on the wire: answers of servers before issue 10 lack it. */
  level: z.optional(nullable(Level)),
  /** Masked: the last 4 digits only. */
  mobile: z.string(),
  registeredAt: Iso,
  updatedAt: Iso,
  disposedAt: nullable(Iso),
  outcome: nullable(Outcome),
  /** The disposing officer's remarks. */
  remarks: nullable(z.string()),
  satisfaction: nullable(Satisfaction),
  reopenCount: z.number(),
  /** Until when a reopen is accepted, once disposed. */
  reopenUntil: nullable(Iso),
  canGiveFeedback: z.boolean(),
  canReopen: z.boolean(),
  version: z.number(),
  history: z.array(CitizenEvent),
});
export type CitizenStatus = z.infer<typeof CitizenStatus>;

/**
 * What a kiosk that did not register a grievance sees from its number, receipt or mobile alone: where it
 * stands, and nothing about the citizen (no receipt, no mobile digits, no names, no remarks or notes).
 * `number` only when it was the query itself.
 */
export const LimitedStatus = z.object({
  view: z.literal('limited'),
  number: nullable(z.string()),
  status: Status,
  departmentCode: z.string(),
  districtCode: z.string(),
  level: nullable(Level),
  registeredAt: Iso,
  updatedAt: Iso,
  disposedAt: nullable(Iso),
});
export type LimitedStatus = z.infer<typeof LimitedStatus>;
/** One grievance found by a status lookup: the citizen's view (its kiosk, or the citizen's mobile or code shown), or the limited one. */
export const StatusResult = z.discriminatedUnion('view', [z.object({ view: z.literal('citizen'), ...CitizenStatus.shape }), LimitedStatus]);
export type StatusResult = z.infer<typeof StatusResult>;
export const StatusLookup = z.object({ query: z.enum(['number', 'receipt', 'mobile']), results: z.array(StatusResult) });
export type StatusLookup = z.infer<typeof StatusLookup>;

/** GET /api/grievances/:number for those who work it. */
export const OfficerView = z.object({
  view: z.literal('officer'),
  number: z.string(),
  receiptNumber: z.string(),
  kioskCode: z.string(),
  status: Status,
  version: z.number(),
  departmentCode: z.string(),
  categoryCode: nullable(z.string()),
  districtCode: z.string(),
  tehsilCode: nullable(z.string()),
  areaType: z.string(),
  citizen: z.object({
    name: z.string(),
    mobile: z.string(),
    address: nullable(z.string()),
    pin: nullable(z.string()),
    janAadhaarId: nullable(z.string()),
    /** Masked: XXXX XXXX 1234. */
    aadhaar: nullable(z.string()),
  }),
  description: z.string(),
  lang: z.string(),
  createdAt: Iso,
  receivedAt: Iso,
  holderId: nullable(z.string()),
  level: nullable(Level),
  assignedAt: nullable(Iso),
  dueAt: nullable(Iso),
  warnedAt: nullable(Iso),
  outcome: nullable(Outcome),
  remarks: nullable(z.string()),
  satisfaction: nullable(Satisfaction),
  disposedAt: nullable(Iso),
  closedAt: nullable(Iso),
  reopenCount: z.number(),
  escalationCount: z.number(),
  reopenUntil: nullable(Iso),
  /** What the caller may do now (src/domain/workflow.ts allowedActions). */
  allowedActions: z.array(ActionType),
  events: z.array(HistoryEvent),
  attachments: z.array(Attachment),
});
export type OfficerView = z.infer<typeof OfficerView>;
/** GET /api/grievances/:number for an operator of the kiosk that registered it. */
export const CitizenView = z.object({ view: z.literal('citizen'), ...CitizenStatus.shape, allowedActions: z.array(ActionType) });
export type CitizenView = z.infer<typeof CitizenView>;
export const GrievanceDetail = z.discriminatedUnion('view', [OfficerView, CitizenView]);
export type GrievanceDetail = z.infer<typeof GrievanceDetail>;

/** The answer to an accepted action (the same again for a repeated actionId). */
export const ActionResult = z.object({
  number: z.string(),
  status: Status,
  version: z.number(),
  holderId: nullable(z.string()),
  level: nullable(Level),
  dueAt: nullable(Iso),
  event: HistoryEvent,
});
export type ActionResult = z.infer<typeof ActionResult>;

/** Why a grievance is on a secretary's list. */
export const REVIEW_REASONS = ['oldest', 'nearestEscalation', 'reopened', 'lowSatisfaction'] as const;
export const ReviewItem = z.object({
  id: z.string(),
  rank: z.number(),
  reason: z.enum(REVIEW_REASONS),
  grievance: z.object({
    number: z.string(),
    departmentCode: z.string(),
    categoryCode: nullable(z.string()),
    districtCode: z.string(),
    status: Status,
    level: nullable(Level),
    holderId: nullable(z.string()),
    receivedAt: Iso,
    dueAt: nullable(Iso),
    reopenCount: z.number(),
    ageDays: z.number(),
  }),
  reviewedAt: nullable(Iso),
  note: nullable(z.string()),
  instruction: nullable(z.string()),
});
export type ReviewItem = z.infer<typeof ReviewItem>;
/** GET /api/reviews/today: the same list all day (date in India Standard Time). */
export const ReviewList = z.object({ date: z.string(), secretaryId: z.string(), items: z.array(ReviewItem) });
export type ReviewList = z.infer<typeof ReviewList>;

export const ReviewReport = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(z.object({ date: z.string(), secretaryId: z.string(), secretaryName: z.string(), listed: z.number(), reviewed: z.number() })),
});
export type ReviewReport = z.infer<typeof ReviewReport>;

const counts = {
  pending: z.number(),
  buckets: z.object(Object.fromEntries(AGE_BUCKETS.map((b) => [b, z.number()])) as Record<AgeBucket, z.ZodMiniNumber>),
  /** Pending grievances that have been escalated at least once. */
  escalatedPending: z.number(),
  /** Escalations of the grievances counted (all-time). */
  escalations: z.number(),
  /** Grievances disposed at least once, and of those the ones reopened: reopenRate = reopened ÷ disposed. */
  disposed: z.number(),
  reopened: z.number(),
  reopenRate: nullable(z.number()),
  /** Citizens reached after a disposal (satisfied or not; unreachable excluded), and the satisfied: satisfaction = satisfied ÷ reached. */
  reached: z.number(),
  satisfied: z.number(),
  satisfaction: nullable(z.number()),
  /** The same, counting only feedback given with the citizen's own one-time code (by chat, or at another kiosk with the code). */
  reachedVerified: z.number(),
  satisfiedVerified: z.number(),
  satisfactionVerified: nullable(z.number()),
};
export const PendingReport = z.object({
  asOf: Iso,
  filters: z.object({ department: nullable(z.string()), district: nullable(z.string()), category: nullable(z.string()), bucket: nullable(z.string()) }),
  rows: z.array(z.object({ departmentCode: z.string(), districtCode: z.string(), ...counts })),
  totals: z.object(counts),
  /** With `bucket`: the grievances of that bucket (oldest first, at most 500). */
  grievances: z.optional(z.array(z.object({
    number: z.string(), departmentCode: z.string(), categoryCode: nullable(z.string()), districtCode: z.string(), status: Status,
    level: nullable(Level), holderId: nullable(z.string()), receivedAt: Iso, dueAt: nullable(Iso), ageDays: z.number(), escalationCount: z.number(),
  }))),
});
export type PendingReport = z.infer<typeof PendingReport>;
