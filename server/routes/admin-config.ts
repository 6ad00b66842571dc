/**
 * The workflow's settings over HTTP (issue 15): routing rules with the "who would get this grievance?"
 * tester (the real routing code of ../workflow/routing.ts, the same call ingest makes), time limits and
 * the holiday calendar. Admins everywhere; nodal officers for the routing rules of their department (and
 * district, when they have one). Every change is audited.
 */
import type { Account } from '../../src/domain/accounts';
import { LEVELS } from '../../src/domain/accounts';
import { Holiday, HolidayDateBody, HolidayList, RoutingAnswer, RoutingProbe, RuleIdBody, TimeLimitList, TimeLimitSet } from '../../src/domain/admin';
import { WEEKLY_OFF } from '../../src/domain/working-days';
import * as z from 'zod/mini';
import { listHolidays, removeHoliday, saveHoliday } from '../admin/calendar';
import { ApiProblem, parseBody } from '../errors';
import { listAccounts } from '../store/accounts';
import type { AuditLog } from '../store/audit';
import type { Db } from '../store/db';
import { listRules, loadRouting, placeFrom, removeRules, RoutingRule, upsertRules, VIA_REASON } from '../workflow/routing';
import { loadTimeLimitRows, upsertTimeLimits } from '../workflow/time-limits';
import { adminCaller } from './admin';
import type { ApiRoute } from './registry';

export interface AdminConfigDeps { db: Db; audit: AuditLog; clock: () => Date }

/** Whether a nodal officer (or an admin) may see and change rules for this department and district. */
const inRuleScope = (a: Account, department: string, district: string | undefined) =>
  a.role === 'admin' || (a.role === 'nodal' && a.departments[0] === department && (!a.district || a.district === district));

const RuleList = z.object({ rules: z.array(RoutingRule) });
const Done = z.object({ ok: z.literal(true) });

export function adminConfigRoutes(deps: AdminConfigDeps): ApiRoute[] {
  const { db, audit, clock } = deps;
  const audited = (request: Parameters<typeof adminCaller>[0], action: string, target: string, details: Record<string, unknown> = {}) => {
    const c = adminCaller(request);
    return audit.append({ action, actorId: c.account.id, actorRole: c.account.role, target, ip: c.ip, deviceId: c.deviceId, details });
  };
  return [
    {
      method: 'GET', url: '/api/admin/routing', summary: 'The routing rules the caller may change (admin: all; nodal officer: their department and district)',
      response: RuleList, auth: { roles: ['admin', 'nodal'] },
      handler: async (request) => {
        const me = adminCaller(request).account;
        return { rules: (await listRules(db)).filter((r) => inRuleScope(me, r.department, r.district)) };
      },
    },
    {
      method: 'POST', url: '/api/admin/routing', summary: 'Creates or replaces a routing rule by its id',
      body: RoutingRule, response: RuleList, auth: { roles: ['admin', 'nodal'] },
      errors: { 403: '`auth.forbidden` or `admin.scope`', 409: '`admin.exists`: another rule matches exactly the same grievances' },
      handler: async (request) => {
        const rule = parseBody(RoutingRule, request.body);
        const me = adminCaller(request).account;
        const before = (await listRules(db)).find((r) => r.id === rule.id);
        if (!inRuleScope(me, rule.department, rule.district) || (before && !inRuleScope(me, before.department, before.district))) throw new ApiProblem(403, 'admin.scope');
        try {
          await upsertRules(db, [rule], clock());
        } catch (err) {
          if (/routing_rules_match|unique/i.test(String((err as Error).message))) throw new ApiProblem(409, 'admin.exists');
          throw err;
        }
        await audited(request, 'admin.routing-set', rule.id, { rule });
        return { rules: [rule] };
      },
    },
    {
      method: 'POST', url: '/api/admin/routing/remove', summary: 'Removes a routing rule', body: RuleIdBody, response: Done, auth: { roles: ['admin', 'nodal'] },
      errors: { 403: '`admin.scope`', 404: '`admin.notFound`' },
      handler: async (request) => {
        const { id } = parseBody(RuleIdBody, request.body);
        const rule = (await listRules(db)).find((r) => r.id === id);
        if (!rule) throw new ApiProblem(404, 'admin.notFound');
        if (!inRuleScope(adminCaller(request).account, rule.department, rule.district)) throw new ApiProblem(403, 'admin.scope');
        await removeRules(db, [id]);
        await audited(request, 'admin.routing-remove', id, { rule });
        return { ok: true };
      },
    },
    {
      method: 'POST', url: '/api/admin/routing/test', summary: 'Who would get a grievance of this department, category and place at each level, and why (the routing code that ingest uses; nothing is written)',
      body: RoutingProbe, response: RoutingAnswer, auth: { roles: ['admin', 'nodal'] }, errors: { 403: '`admin.scope`' },
      handler: async (request) => {
        const probe = parseBody(RoutingProbe, request.body);
        if (!inRuleScope(adminCaller(request).account, probe.departmentCode, probe.districtCode)) throw new ApiProblem(403, 'admin.scope');
        const routing = await loadRouting(db, [probe.departmentCode]);
        const names = new Map((await listAccounts(db)).map((a) => [a.id, a.name]));
        const place = placeFrom(probe);
        return {
          levels: LEVELS.map((level) => {
            const d = routing.decide(place, level);
            return { level, holderId: d.holderId, holderName: d.holderId ? names.get(d.holderId) ?? null : null, via: d.via, ruleId: d.ruleId ?? null, reason: VIA_REASON[d.via], skipped: d.skipped };
          }),
        };
      },
    },
    {
      method: 'GET', url: '/api/admin/time-limits', summary: "Working days allowed at each level, per department and category ('' = default)",
      response: TimeLimitList, auth: { roles: ['admin'] }, handler: async () => ({ rows: await loadTimeLimitRows(db) }),
    },
    {
      method: 'POST', url: '/api/admin/time-limits', summary: 'Sets the working days for a department (and category); applies to clocks started from now on',
      body: TimeLimitSet, response: TimeLimitList, auth: { roles: ['admin'] },
      handler: async (request) => {
        const { department, category, days } = parseBody(TimeLimitSet, request.body);
        await loadTimeLimitRows(db); // seeds the table first, so this row is not the only one
        await upsertTimeLimits(db, [{ department, category: category ?? '', days }], clock());
        await audited(request, 'admin.time-limit-set', `${department}/${category ?? ''}`, { days });
        return { rows: await loadTimeLimitRows(db) };
      },
    },
    {
      method: 'GET', url: '/api/admin/holidays', summary: 'The holiday calendar and the weekly offs (0 = Sunday): days on which no time limit runs',
      response: HolidayList, auth: { roles: ['admin'] }, handler: async () => ({ items: await listHolidays(db), weeklyOff: [...WEEKLY_OFF] }),
    },
    {
      method: 'POST', url: '/api/admin/holidays', summary: 'Adds or renames a holiday (India-time date)', body: Holiday, response: HolidayList, auth: { roles: ['admin'] },
      handler: async (request) => {
        await saveHoliday(db, audit, adminCaller(request), parseBody(Holiday, request.body), clock());
        return { items: await listHolidays(db), weeklyOff: [...WEEKLY_OFF] };
      },
    },
    {
      method: 'POST', url: '/api/admin/holidays/remove', summary: 'Removes a holiday', body: HolidayDateBody, response: HolidayList, auth: { roles: ['admin'] },
      errors: { 404: '`admin.notFound`' },
      handler: async (request) => {
        const { date } = parseBody(HolidayDateBody, request.body);
        if (!(await removeHoliday(db, audit, adminCaller(request), date))) throw new ApiProblem(404, 'admin.notFound');
        return { items: await listHolidays(db), weeklyOff: [...WEEKLY_OFF] };
      },
    },
  ];
}
