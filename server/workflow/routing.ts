/**
 * Routing: which officer receives a grievance at a level (L1 on registration; L2–L4 on escalation; L1 of
 * another department on a transfer there).
 *
 * Rules (table routing_rules, migration 5; an example set in reference/routing-rules.json) map a
 * department, optionally narrowed by category, district, place (the LGD code of a tehsil, block or urban
 * body, as the grievance's tehsilCode; or, below the tehsil, `gp:CODE`, `village:CODE` or `ward:CODE` for a
 * gram panchayat, village or ward the grievance names) and area type, to the account holding the post at
 * each level. For a level, the most specific matching rule that names an account for that level wins
 * (a place below the tehsil > a place > category > district > area type, then the rule id). A named account that does not exist, is disabled, or is not an
 * officer (or nodal officer) of the grievance's department and district is skipped, and the skip is
 * recorded with the decision.
 *
 * Without a usable rule: the officer account of that department, district and level (ACCEPTANCE.md: an
 * L1 officer created with a department and district receives that department's new grievances in that
 * district); for L2–L4 also a state-level officer of that level (no district); otherwise the
 * department's nodal officer (of the district, else state-level), visibly: the decision says why. When
 * several officers qualify, the one holding the fewest open grievances gets it.
 */
import * as z from 'zod/mini';
import { DepartmentCode, DistrictCode, type Level, LEVELS, operatorKey } from '../../src/domain/accounts';
import type { MessageKey } from '../../src/domain/messages';
import { departmentByCode } from '../../src/domain/reference';
import { LgdCode, OperatorId } from '../../src/domain/schemas';
import { CategoryCode, OPEN_STATUSES } from '../../src/domain/workflow';
import type { Queryable } from '../store/db';

/** A place below the tehsil in a rule: `gp:`, `village:` or `ward:` and its LGD code (codes of different kinds overlap). */
export const LocalPlaceRef = z.string({ error: 'err.tehsil' }).check(z.regex(/^(gp|village|ward):\d{1,7}$/, 'err.tehsil'));
export const RuleId = z.string({ error: 'err.invalid' }).check(z.regex(/^[A-Za-z0-9._:-]{1,80}$/, 'err.invalid'));

/** One rule as written in a rules file or given to `admin routing set`. */
export const RoutingRule = z.strictObject({
  id: RuleId,
  department: DepartmentCode,
  category: z.optional(CategoryCode),
  district: z.optional(DistrictCode),
  place: z.optional(z.union([LgdCode, LocalPlaceRef], { error: 'err.tehsil' })),
  area: z.optional(z.enum(['rural', 'urban'], { error: 'err.areaType' })),
  levels: z.strictObject({ L1: z.optional(OperatorId), L2: z.optional(OperatorId), L3: z.optional(OperatorId), L4: z.optional(OperatorId) })
    .check(z.refine((l) => Object.values(l).some(Boolean), { message: 'err.level' })),
  note: z.optional(z.string().check(z.maxLength(300))),
}).check(z.refine((r) => !r.category || !!departmentByCode(r.department)?.categories.some((c) => c.code === r.category), { message: 'err.category', path: ['category'] }));
export type RoutingRule = z.infer<typeof RoutingRule>;

export const RulesFile = z.object({ note: z.optional(z.string()), rules: z.array(RoutingRule) }).check(z.superRefine((f, ctx) => {
  const ids = new Set<string>();
  const keys = new Set<string>();
  f.rules.forEach((r, i) => {
    if (ids.has(r.id)) ctx.addIssue({ code: 'custom', message: `duplicate rule id "${r.id}"`, path: ['rules', i, 'id'], input: r.id });
    if (keys.has(matchKey(r))) ctx.addIssue({ code: 'custom', message: `rule "${r.id}" matches exactly what an earlier rule matches`, path: ['rules', i], input: r.id });
    ids.add(r.id);
    keys.add(matchKey(r));
  });
}));

const matchKey = (r: RoutingRule) => [r.department, r.category, r.district, r.place, r.area].map((v) => v ?? '').join('|');

/** Where a grievance is, as routing sees it. */
export interface Place {
  departmentCode: string;
  categoryCode: string | null;
  districtCode: string;
  /** The LGD code of its tehsil, block or urban body (tehsilCode), if known. */
  placeCode: string | null;
  /** Below the tehsil: `gp:CODE`, `village:CODE`, `ward:CODE` of the grievance (LGD codes). */
  localPlaces: readonly string[];
  areaType: string;
}

/** What a grievance (or the routing tester) says about where it is. */
export interface PlaceFields {
  departmentCode: string; categoryCode?: string | null; districtCode: string; areaType: string;
  tehsilCode?: string | null; blockCode?: string | null; gramPanchayatCode?: string | null; villageCode?: string | null; wardCode?: string | null;
}

/** The routing Place of a grievance's fields: the one place both ingest, actions and the routing tester build it. */
export const placeFrom = (f: PlaceFields): Place => ({
  departmentCode: f.departmentCode, categoryCode: f.categoryCode ?? null, districtCode: f.districtCode, areaType: f.areaType,
  placeCode: f.tehsilCode ?? f.blockCode ?? null,
  localPlaces: [f.gramPanchayatCode && `gp:${f.gramPanchayatCode}`, f.villageCode && `village:${f.villageCode}`, f.wardCode && `ward:${f.wardCode}`]
    .filter((x): x is string => !!x),
});

export const matches = (r: RoutingRule, p: Place) =>
  r.department === p.departmentCode && (!r.category || r.category === p.categoryCode) && (!r.district || r.district === p.districtCode)
  && (!r.place || r.place === p.placeCode || p.localPlaces.includes(r.place)) && (!r.area || r.area === p.areaType);

export const specificity = (r: RoutingRule) => (r.place ? (r.place.includes(':') ? 24 : 8) : 0) + (r.category ? 4 : 0) + (r.district ? 2 : 0) + (r.area ? 1 : 0);

/** The rules naming an account for `level` that match `p`, best first. Pure. */
export function ruleCandidates(rules: readonly RoutingRule[], p: Place, level: Level): { ruleId: string; accountId: string }[] {
  return rules
    .filter((r) => r.levels[level] && matches(r, p))
    .sort((a, b) => specificity(b) - specificity(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => ({ ruleId: r.id, accountId: r.levels[level]! }));
}

/** An officer or nodal account as routing needs it. */
export interface Officer { id: string; role: 'officer' | 'nodal'; level: Level | null; department: string; district: string | null; disabled: boolean }

export type Via = 'rule' | 'district-officer' | 'state-officer' | 'nodal';
/** Why a grievance went where it went: a message key per way (the UI shows it in either language). */
export const VIA_REASON: Record<Via | 'none', MessageKey> = {
  rule: 'route.rule', 'district-officer': 'route.districtOfficer', 'state-officer': 'route.stateOfficer', nodal: 'route.nodal', none: 'route.none',
};

export interface Decision {
  holderId: string | null;
  level: Level;
  via: Via | 'none';
  ruleId?: string;
  /** Rule accounts passed over, and why. */
  skipped: { ruleId: string; accountId: string; why: 'no-account' | 'disabled' | 'out-of-scope' }[];
}

/** The officers and rules of some departments, loaded once per batch or action. */
export interface RoutingContext {
  decide(p: Place, level: Level): Decision;
}

const usable = (o: Officer | undefined, p: Place): 'no-account' | 'disabled' | 'out-of-scope' | null =>
  !o ? 'no-account' : o.disabled ? 'disabled' : o.department !== p.departmentCode || (o.district !== null && o.district !== p.districtCode) ? 'out-of-scope' : null;

/** Pure: the decision for `p` at `level`, given rules, officers and how many open grievances each holds (updated as it assigns). */
export function routingContext(rules: readonly RoutingRule[], officers: readonly Officer[], openCounts: Map<string, number>): RoutingContext {
  const byId = new Map(officers.map((o) => [operatorKey(o.id), o]));
  const leastLoaded = (list: Officer[]) =>
    list.sort((a, b) => (openCounts.get(a.id) ?? 0) - (openCounts.get(b.id) ?? 0) || (operatorKey(a.id) < operatorKey(b.id) ? -1 : 1))[0];
  const active = (o: Officer) => !o.disabled;
  return {
    decide(p, level) {
      const skipped: Decision['skipped'] = [];
      const pick = (o: Officer, via: Via, ruleId?: string): Decision => {
        openCounts.set(o.id, (openCounts.get(o.id) ?? 0) + 1);
        return { holderId: o.id, level, via, ...(ruleId && { ruleId }), skipped };
      };
      for (const c of ruleCandidates(rules, p, level)) {
        const o = byId.get(operatorKey(c.accountId));
        const why = usable(o, p);
        if (!why) return pick(o!, 'rule', c.ruleId);
        skipped.push({ ...c, why });
      }
      const ofDept = officers.filter((o) => active(o) && o.department === p.departmentCode);
      const district = ofDept.filter((o) => o.role === 'officer' && o.level === level && o.district === p.districtCode);
      if (district.length > 0) return pick(leastLoaded(district), 'district-officer');
      if (level !== 'L1') {
        const state = ofDept.filter((o) => o.role === 'officer' && o.level === level && o.district === null);
        if (state.length > 0) return pick(leastLoaded(state), 'state-officer');
      }
      const nodal = ofDept.filter((o) => o.role === 'nodal' && o.district === p.districtCode);
      const stateNodal = ofDept.filter((o) => o.role === 'nodal' && o.district === null);
      if (nodal.length > 0 || stateNodal.length > 0) return pick(leastLoaded(nodal.length > 0 ? nodal : stateNodal), 'nodal');
      return { holderId: null, level, via: 'none', skipped };
    },
  };
}

type RuleRow = { id: string; department_code: string; category_code: string | null; district_code: string | null; place_code: string | null; area_type: 'rural' | 'urban' | null; l1: string | null; l2: string | null; l3: string | null; l4: string | null; note: string | null };

const toRule = (r: RuleRow): RoutingRule => {
  const levels: RoutingRule['levels'] = {};
  for (const l of LEVELS) {
    const v = r[l.toLowerCase() as 'l1'];
    if (v) levels[l] = v;
  }
  return {
    id: r.id, department: r.department_code, ...(r.category_code && { category: r.category_code }), ...(r.district_code && { district: r.district_code }),
    ...(r.place_code && { place: r.place_code }), ...(r.area_type && { area: r.area_type }), levels, ...(r.note && { note: r.note }),
  };
};

/** The stored rules (of `departments`, or all), in id order. */
export async function listRules(q: Queryable, departments?: readonly string[]): Promise<RoutingRule[]> {
  const rows = await q.query<RuleRow>(
    `SELECT id, department_code, category_code, district_code, place_code, area_type, l1, l2, l3, l4, note FROM routing_rules
      WHERE $1::text[] IS NULL OR department_code = ANY($1::text[]) ORDER BY id`, [departments ? [...departments] : null]);
  return rows.map(toRule);
}

/** Creates or replaces rules by id. A rule matching exactly what another rule (another id) matches is refused by the unique index. */
export async function upsertRules(q: Queryable, rules: readonly RoutingRule[], now: Date): Promise<void> {
  if (rules.length === 0) return;
  const rows = rules.map((r) => ({
    id: r.id, department_code: r.department, category_code: r.category ?? null, district_code: r.district ?? null, place_code: r.place ?? null,
    area_type: r.area ?? null, l1: r.levels.L1 ?? null, l2: r.levels.L2 ?? null, l3: r.levels.L3 ?? null, l4: r.levels.L4 ?? null, note: r.note ?? null,
  }));
  await q.query(
    `INSERT INTO routing_rules (id, department_code, category_code, district_code, place_code, area_type, l1, l2, l3, l4, note, updated_at)
     SELECT id, department_code, category_code, district_code, place_code, area_type, l1, l2, l3, l4, note, $2::timestamptz
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, department_code text, category_code text, district_code text, place_code text,
            area_type text, l1 text, l2 text, l3 text, l4 text, note text)
     ON CONFLICT (id) DO UPDATE SET department_code = excluded.department_code, category_code = excluded.category_code,
       district_code = excluded.district_code, place_code = excluded.place_code, area_type = excluded.area_type,
       l1 = excluded.l1, l2 = excluded.l2, l3 = excluded.l3, l4 = excluded.l4, note = excluded.note, updated_at = excluded.updated_at`,
    [JSON.stringify(rows), now.toISOString()]);
}

/** Deletes rules by id; returns the ids that existed. */
export async function removeRules(q: Queryable, ids: readonly string[]): Promise<string[]> {
  const rows = await q.query<{ id: string }>('DELETE FROM routing_rules WHERE id = ANY($1::text[]) RETURNING id', [[...ids]]);
  return rows.map((r) => r.id);
}

/** Officer and nodal accounts of `departments`. */
export async function loadOfficers(q: Queryable, departments: readonly string[]): Promise<Officer[]> {
  if (departments.length === 0) return [];
  return q.query<Officer>(
    `SELECT id, role, level, department_codes[1] AS department, district_code AS district, disabled FROM accounts
      WHERE role IN ('officer', 'nodal') AND department_codes[1] = ANY($1::text[])`, [[...new Set(departments)]]);
}

/** Loads what routing needs for grievances of `departments` (three queries, whatever the number of grievances). */
export async function loadRouting(q: Queryable, departments: readonly string[], opts: { parallel?: boolean } = {}): Promise<RoutingContext> {
  const depts = [...new Set(departments)];
  // One after the other unless told otherwise: `q` may be a transaction's single connection.
  const [rules, officers] = opts.parallel
    ? await Promise.all([listRules(q, depts), loadOfficers(q, depts)])
    : [await listRules(q, depts), await loadOfficers(q, depts)];
  const ids = officers.map((o) => o.id);
  const counts = ids.length === 0 ? [] : await q.query<{ holder_id: string; n: number }>(
    `SELECT holder_id, count(*)::int AS n FROM grievances WHERE status = ANY($2::text[]) AND holder_id = ANY($1::text[]) GROUP BY holder_id`,
    [ids, [...OPEN_STATUSES]]);
  return routingContext(rules, officers, new Map(counts.map((c) => [c.holder_id, c.n])));
}
