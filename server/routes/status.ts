/**
 * The kiosk's status lookup and the citizen's one-time code:
 *   GET  /api/status?q=…[&mobile=…]    what the query names: the citizen's view at the kiosk that registered
 *        it or with the citizen's matching mobile, else only where it stands (../workflow/views.ts)
 *   POST /api/status/code   { q }        sends a code to the citizen's mobile (../otp/otp.ts)
 *   POST /api/status/verify { q, code }  the citizen's view of what `q` names, open to feedback and reopen
 * Each is audited (`status.lookup`, `otp.request`, `otp.check`), a mobile number only masked.
 */
import { maskMobile, normalizeMobile } from '../../src/domain/identity';
import { CodeCheck, CodeRequest, CodeSent, OTP_MAX_TRIES } from '../../src/domain/otp';
import type { WorkflowConfig } from '../../src/domain/workflow';
import { StatusLookup, StatusQuery } from '../../src/domain/workflow-api';
import type { Principal } from '../auth/auth-service';
import { principalOf } from '../auth/guard';
import { ApiProblem, parseBody } from '../errors';
import { kioskRequester, type OtpService, type OtpSubject } from '../otp/otp';
import type { AuditLog } from '../store/audit';
import type { Db } from '../store/db';
import { findByQuery, lookupStatus } from '../workflow/views';
import type { ApiRoute } from './registry';

export interface StatusRouteDeps {
  db: Db;
  otp: OtpService;
  audit: AuditLog;
  clock: () => Date;
  config: WorkflowConfig;
  /** Asks the notification sender to run now (a citizen waits at the kiosk for the code). */
  sendSoon?: () => void;
}

type Found = Awaited<ReturnType<typeof findByQuery>>;

/** The kiosk operator calling (the guard admits operators only on these routes). */
function kioskOf(request: Parameters<ApiRoute['handler']>[0]): { principal: Principal; kioskCode: string } {
  const principal = principalOf(request);
  if (principal.account.role !== 'operator') throw new ApiProblem(403, 'auth.forbidden');
  return { principal, kioskCode: principal.account.kioskCode };
}

const callerOf = (p: Principal, ip: string) => ({ actorId: p.account.id, actorRole: p.account.role, deviceId: p.deviceId, ip });

/** Who a code goes to: the mobile typed, or the mobile of the grievance the number or receipt names. */
const subjectOf = (found: Found): OtpSubject =>
  found.by === 'mobile' ? { mobile: found.value } : { mobile: found.rows[0].mobile, number: found.rows[0].number };

/** The audit target and details of a query, never a full mobile number. */
const queryFacts = (found: Found) => ({
  target: found.by === 'mobile' ? null : found.value,
  details: { by: found.by, ...(found.by === 'mobile' && { mobile: maskMobile(found.value) }), found: found.rows.length },
});

export function statusRoutes(deps: StatusRouteDeps): ApiRoute[] {
  const { db, otp, audit, clock, config } = deps;
  const notFound = async (found: Found, action: string, caller: ReturnType<typeof callerOf>) => {
    const { target, details } = queryFacts(found);
    await audit.append({ action, target, ...caller, details: { ...details, sent: false, reason: 'no grievance' } });
    return new ApiProblem(404, 'wf.notFound');
  };
  return [
    {
      method: 'GET',
      url: '/api/status',
      summary: "Status for a citizen by official number (13 digits, check digit), receipt number or mobile number. The kiosk that registered a grievance, or one that gives the citizen's matching `mobile`, gets the citizen's view (mobile masked); any other kiosk only where it stands (status, department, district, level, dates)",
      query: StatusQuery,
      response: StatusLookup,
      auth: { roles: ['operator'] },
      async handler(request) {
        const { q, mobile } = parseBody(StatusQuery, request.query);
        const { principal } = kioskOf(request);
        const found = await findByQuery(db, q);
        const result = await lookupStatus(db, found, principal.account, clock(), config, { mobile });
        const { target, details } = queryFacts(found);
        const shown = mobile ? normalizeMobile(mobile) : null;
        await audit.append({
          action: 'status.lookup', target, ...callerOf(principal, request.ip),
          details: { ...details, ...(mobile && { mobileShown: shown ? maskMobile(shown) : 'unreadable' }), citizenViews: result.results.filter((r) => r.view === 'citizen').length },
        });
        return result;
      },
    },
    {
      method: 'POST',
      url: '/api/status/code',
      summary: `Send a one-time code (6 digits, 10 minutes, ${OTP_MAX_TRIES} tries) by SMS to the citizen's mobile: the mobile of the grievance a number or receipt names, or the mobile number typed. With it (POST /api/status/verify) a kiosk that did not register the grievance sees the citizen's view and may record feedback or a reopen. Limited per mobile and per kiosk per hour`,
      body: CodeRequest,
      response: CodeSent,
      auth: { roles: ['operator'] },
      errors: { 404: '`wf.notFound`: nothing is registered under this number, receipt or mobile (no message is sent)' },
      async handler(request) {
        const { q } = parseBody(CodeRequest, request.body);
        const { principal, kioskCode } = kioskOf(request);
        const caller = callerOf(principal, request.ip);
        const found = await findByQuery(db, q);
        if (found.rows.length === 0) throw await notFound(found, 'otp.request', caller);
        const issued = await db.transaction((tx) => otp.issue(tx, {
          purpose: 'feedback', requester: kioskRequester(kioskCode), subject: subjectOf(found), lang: found.rows[0].lang === 'en' ? 'en' : 'hi', caller,
        }, clock()));
        if (!issued.ok) throw new ApiProblem(429, issued.reason, undefined, { 'retry-after': String(issued.retryAfterS) });
        deps.sendSoon?.();
        return { sent: true as const, expiresAt: issued.expiresAt.toISOString(), tries: OTP_MAX_TRIES };
      },
    },
    {
      method: 'POST',
      url: '/api/status/verify',
      summary: "Check the code the citizen received (POST /api/status/code) and answer the citizen's view of what `q` names, with feedback and reopen open to this kiosk while the code lasts (send the same `code` with them)",
      body: CodeCheck,
      response: StatusLookup,
      auth: { roles: ['operator'] },
      errors: {
        403: '`otp.none` (no code was sent for this from this kiosk), `otp.wrong`, `otp.locked` (3 wrong tries: send a new code), `otp.expired`',
        404: '`wf.notFound`: nothing is registered under this number, receipt or mobile',
      },
      async handler(request) {
        const { q, code } = parseBody(CodeCheck, request.body);
        const { principal, kioskCode } = kioskOf(request);
        const caller = callerOf(principal, request.ip);
        const found = await findByQuery(db, q);
        if (found.rows.length === 0) throw await notFound(found, 'otp.check', caller);
        const checked = await db.transaction((tx) => otp.check(tx, {
          wanted: 'feedback', requester: kioskRequester(kioskCode), subject: subjectOf(found), code, caller, use: 'status',
        }, clock()));
        if (!checked.ok) throw new ApiProblem(403, checked.reason);
        const result = await lookupStatus(db, found, principal.account, clock(), config, { citizenCode: true });
        const { target, details } = queryFacts(found);
        await audit.append({ action: 'status.lookup', target, ...caller, details: { ...details, withCode: true, citizenViews: result.results.length } });
        return result;
      },
    },
  ];
}
