/**
 * The grievance workflow over HTTP: the officer's queue, a grievance's detail, officers' actions, the
 * citizen's feedback and reopen (taken by an operator for the citizen; the status lookup is ./status.ts), the
 * secretary's daily review and the reports. The rules are in ../workflow and ../reports; these handlers
 * parse, call and answer. Actions are idempotent on their actionId (see ../workflow/service.ts).
 */
import type { FastifyRequest } from 'fastify';
import { parseGrievanceNumber } from '../../src/domain/numbers';
import { ActionRequest, type Actor, FeedbackRequest, ReopenRequest } from '../../src/domain/workflow';
import {
  ActionResult, GrievanceDetail, NumberParams, PendingQuery, PendingReport, Queue, ReviewItem, ReviewList, ReviewMarkRequest, ReviewParams,
  ReviewReport, ReviewReportQuery,
} from '../../src/domain/workflow-api';
import { principalOf } from '../auth/guard';
import { ApiProblem, fieldError, parseBody } from '../errors';
import { markReviewed, todaysReview } from '../reports/daily-review';
import { pendingReport } from '../reports/pending';
import { reviewReport } from '../reports/review-report';
import type { AuditLog } from '../store/audit';
import type { Db } from '../store/db';
import type { Workflow } from '../workflow/service';
import { grievanceDetail, officerQueue } from '../workflow/views';
import type { ApiRoute } from './registry';

export interface WorkflowRouteDeps { db: Db; workflow: Workflow; audit: AuditLog; clock: () => Date }

/** The official number in the path, its check digit verified. */
function numberOf(request: FastifyRequest): string {
  const { number } = parseBody(NumberParams, request.params);
  if (!parseGrievanceNumber(number)) throw new ApiProblem(400, 'api.invalid', [fieldError('number', 'status.checkDigit')]);
  return number;
}

const callerOf = (request: FastifyRequest) => {
  const p = principalOf(request);
  return { actor: { kind: 'account', account: p.account } as Actor, account: p.account, caller: { ip: request.ip, deviceId: p.deviceId } };
};

const REFUSALS = {
  403: '`auth.forbidden` (role), `wf.role`, `wf.outOfScope` (another department or place), `wf.notHolder`, `wf.citizenCode` (another kiosk without the citizen\'s code), `otp.none`, `otp.wrong`, `otp.locked`, `otp.expired` (the code sent does not prove it)',
  404: '`wf.notFound`: no grievance has this number',
  409: 'Refused in the present state, nothing changed: `wf.stale` (the grievance moved on since expectedVersion), `wf.state`, `wf.notDisposed`, `wf.reopenNotDisposed`, `wf.reopenWindow`, `wf.topLevel`, `wf.noTarget`, `wf.target`, `wf.sameHolder`, `wf.actionConflict` (actionId reused for another action)',
} as const;

export function workflowRoutes(deps: WorkflowRouteDeps): ApiRoute[] {
  const { db, workflow, clock } = deps;
  return [
    {
      method: 'GET',
      url: '/api/officer/queue',
      summary: 'The open grievances the signed-in officer holds, soonest due first (time left, warning, overdue)',
      response: Queue,
      auth: { roles: ['officer', 'nodal'] },
      handler: async (request) => officerQueue(db, principalOf(request).account, clock()),
    },
    {
      method: 'GET',
      url: '/api/grievances/:number',
      summary: "A grievance with its full history and attachments for those who work it; the citizen-facing view for the registering kiosk's operators",
      params: NumberParams,
      response: GrievanceDetail,
      auth: { roles: ['operator', 'officer', 'nodal', 'secretary', 'admin'] },
      errors: { 403: REFUSALS[403], 404: REFUSALS[404] },
      handler: async (request) => grievanceDetail(db, numberOf(request), principalOf(request).account, clock(), workflow.config),
    },
    {
      method: 'POST',
      url: '/api/grievances/:number/actions',
      summary: 'Take one workflow action (assign, start, transfer, request-info, dispose, feedback, reopen, close, escalate); idempotent on actionId, refused when stale',
      params: NumberParams,
      body: ActionRequest,
      response: ActionResult,
      auth: { roles: ['officer', 'nodal', 'secretary', 'admin'] },
      errors: REFUSALS,
      async handler(request) {
        const number = numberOf(request);
        const req = parseBody(ActionRequest, request.body);
        const { actor, caller } = callerOf(request);
        return workflow.act(number, req, actor, caller);
      },
    },
    {
      method: 'POST',
      url: '/api/grievances/:number/feedback',
      summary: "Record the citizen's satisfaction with a disposed grievance (the registering kiosk's operator, or another kiosk's with the citizen's one-time `code`); satisfied closes it; idempotent on actionId",
      params: NumberParams,
      body: FeedbackRequest,
      response: ActionResult,
      auth: { roles: ['operator'] },
      errors: REFUSALS,
      async handler(request) {
        const number = numberOf(request);
        const { actionId, expectedVersion, satisfaction, note, code } = parseBody(FeedbackRequest, request.body);
        const { actor, caller } = callerOf(request);
        return workflow.act(number, { actionId, expectedVersion, action: { type: 'feedback', satisfaction, ...(note && { note }) }, code }, actor, caller);
      },
    },
    {
      method: 'POST',
      url: '/api/grievances/:number/reopen',
      summary: "Reopen a disposed grievance for the citizen (the registering kiosk, or another with the citizen's `code`), with a reason, within the reopen window; it goes back to its officer; idempotent on actionId",
      params: NumberParams,
      body: ReopenRequest,
      response: ActionResult,
      auth: { roles: ['operator'] },
      errors: REFUSALS,
      async handler(request) {
        const number = numberOf(request);
        const { actionId, expectedVersion, reason, code } = parseBody(ReopenRequest, request.body);
        const { actor, caller } = callerOf(request);
        return workflow.act(number, { actionId, expectedVersion, action: { type: 'reopen', reason }, code }, actor, caller);
      },
    },
    {
      method: 'GET',
      url: '/api/reviews/today',
      summary: "The secretary's 10 pending grievances for today (oldest, nearest escalation, reopened, low-satisfaction categories; none from the previous list); the same all day",
      response: ReviewList,
      auth: { roles: ['secretary'] },
      async handler(request) {
        const account = principalOf(request).account;
        if (account.role !== 'secretary') throw new Error('unreachable: the guard admits secretaries only');
        return todaysReview(db, account, clock());
      },
    },
    {
      method: 'POST',
      url: '/api/reviews/:id',
      summary: 'Mark an item of your review list reviewed, with a note and/or an instruction (which goes into the grievance history)',
      params: ReviewParams,
      body: ReviewMarkRequest,
      response: ReviewItem,
      auth: { roles: ['secretary'] },
      errors: { 404: '`review.notFound`: not an item of your list', 409: '`review.done`: already reviewed with other words' },
      async handler(request) {
        const { id } = parseBody(ReviewParams, request.params);
        const body = parseBody(ReviewMarkRequest, request.body);
        const { account, caller } = callerOf(request);
        return markReviewed(db, deps.audit, account, id, body, clock(), caller);
      },
    },
    {
      method: 'GET',
      url: '/api/reports/reviews',
      summary: 'Reviews listed and done per secretary per day (a secretary sees their own)',
      query: ReviewReportQuery,
      response: ReviewReport,
      auth: { roles: ['secretary', 'admin'] },
      handler: async (request) => reviewReport(db, principalOf(request).account, parseBody(ReviewReportQuery, request.query), clock()),
    },
    {
      method: 'GET',
      url: '/api/reports/pending',
      summary: 'Pending grievances by department and district in age buckets, escalations, reopen rate and satisfaction; `bucket` lists the grievances',
      query: PendingQuery,
      response: PendingReport,
      auth: { roles: ['nodal', 'secretary', 'admin'] },
      errors: { 403: '`auth.forbidden`, or `wf.outOfScope`: a department or district outside yours' },
      handler: async (request) => pendingReport(db, principalOf(request).account, parseBody(PendingQuery, request.query), clock()),
    },
  ];
}
