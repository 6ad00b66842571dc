/**
 * Camps and Rajasthan Sampark Diwas (issue 12 item 1; shapes in src/domain/events.ts):
 *   POST /api/events  an admin or nodal officer creates one; the officers and operators it names must be
 *                     accounts of those roles (400 `event.noAccount` naming the field otherwise)
 *   GET  /api/events/:id/report  the camp report: registered, disposed, pending, disposed on the spot, by
 *                     department; tokens issued and served, median and 90th percentile wait, per counter
 *   POST /api/events/:id/tokens  a desk device's token log, stored once per token id (server/reports/camp-report.ts)
 *   GET  /api/events  admins and nodal officers: from 30 days back on; operators and officers: those they
 *                     take part in, from yesterday on (what a device downloads before leaving for the camp)
 */
import { ulid } from 'ulidx';
import { CampEvent, CampEventInput, CampEventList, CampReport, CampTokenLog, CampTokenResult, EventIdParams } from '../../src/domain/events';
import { operatorKey } from '../../src/domain/accounts';
import { principalOf } from '../auth/guard';
import { campFigures } from '../reports/camp-report';
import { ApiProblem, fieldError, parseBody } from '../errors';
import type { AuditLog } from '../store/audit';
import type { Db } from '../store/db';
import type { ApiRoute } from './registry';

type Row = {
  id: string; kind: CampEvent['kind']; name: string; event_date: Date | string; district_code: string; tehsil_code: string | null;
  venue: string; department_codes: string[]; officer_ids: string[]; operator_ids: string[]; created_by: string; created_at: Date | string;
};
const COLUMNS = 'id, kind, name, event_date::text AS event_date, district_code, tehsil_code, venue, department_codes, officer_ids, operator_ids, created_by, created_at';

const toEvent = (r: Row): CampEvent => ({
  id: r.id, kind: r.kind, name: r.name, date: String(r.event_date).slice(0, 10), districtCode: r.district_code,
  ...(r.tehsil_code && { tehsilCode: r.tehsil_code }), venue: r.venue, departments: r.department_codes,
  officers: r.officer_ids, operators: r.operator_ids, createdBy: r.created_by, createdAt: new Date(r.created_at).toISOString(),
});

/** YYYY-MM-DD in India time, `days` from `now`. */
const indiaDate = (now: Date, days = 0) => new Date(now.getTime() + 5.5 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

export function eventRoutes(deps: { db: Db; audit: AuditLog; clock: () => Date }): ApiRoute[] {
  const { db, audit, clock } = deps;
  return [
    {
      method: 'POST',
      url: '/api/events',
      summary: 'Create a Rajasthan Sampark Diwas or a village camp: date, district, tehsil, venue, departments, officers present and operators taking part',
      body: CampEventInput,
      response: CampEvent,
      auth: { roles: ['admin', 'nodal'] },
      async handler(request) {
        const caller = principalOf(request);
        const input = parseBody(CampEventInput, request.body);
        const officers = [...new Set(input.officers.map(operatorKey))];
        const operators = [...new Set(input.operators.map(operatorKey))];
        const found = await db.query<{ id: string; role: string }>('SELECT lower(id) AS id, role FROM accounts WHERE lower(id) = ANY($1::text[])', [[...officers, ...operators]]);
        const role = new Map(found.map((a) => [a.id, a.role]));
        const bad = [
          ...input.officers.flatMap((id, i) => (['officer', 'nodal'].includes(role.get(operatorKey(id)) ?? '') ? [] : [fieldError(`officers.${i}`, 'event.noAccount')])),
          ...input.operators.flatMap((id, i) => (role.get(operatorKey(id)) === 'operator' ? [] : [fieldError(`operators.${i}`, 'event.noAccount')])),
        ];
        if (bad.length > 0) throw new ApiProblem(400, 'api.invalid', bad);
        const id = ulid();
        const now = clock().toISOString();
        const [row] = await db.transaction(async (tx) => {
          const rows = await tx.query<Row>(
            `INSERT INTO camp_events (id, kind, name, event_date, district_code, tehsil_code, venue, department_codes, officer_ids, operator_ids, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${COLUMNS}`,
            [id, input.kind, input.name, input.date, input.districtCode, input.tehsilCode ?? null, input.venue, input.departments, officers, operators, caller.account.id, now]);
          await audit.append({ action: 'event.create', actorId: caller.account.id, actorRole: caller.role, target: id, deviceId: caller.deviceId, ip: request.ip, details: { kind: input.kind, date: input.date, districtCode: input.districtCode, operators: operators.length } }, tx);
          return rows;
        });
        return toEvent(row);
      },
    },
    {
      method: 'GET',
      url: '/api/events',
      summary: 'Camps and Sampark Diwas: all recent and coming ones (admins, nodal officers), or those the caller takes part in (operators, officers)',
      response: CampEventList,
      auth: { roles: ['operator', 'officer', 'nodal', 'secretary', 'admin'] },
      async handler(request) {
        const caller = principalOf(request);
        const now = clock();
        const all = caller.role === 'admin' || caller.role === 'nodal' || caller.role === 'secretary';
        const rows = all
          ? await db.query<Row>(`SELECT ${COLUMNS} FROM camp_events WHERE event_date >= $1::date ORDER BY event_date, created_at LIMIT 500`, [indiaDate(now, -30)])
          : await db.query<Row>(
            `SELECT ${COLUMNS} FROM camp_events WHERE event_date >= $1::date AND ($2 = ANY(operator_ids) OR $2 = ANY(officer_ids))
              ORDER BY event_date, created_at LIMIT 100`, [indiaDate(now, -1), operatorKey(caller.account.id)]);
        return { events: rows.map(toEvent) };
      },
    },
    {
      method: 'GET',
      url: '/api/events/:id/report',
      summary: 'The camp report: grievances registered at the event, disposed (disposed or closed), pending and disposed on the spot, in all and by department; tokens issued, served and waiting times, per counter',
      params: EventIdParams,
      response: CampReport,
      auth: { roles: ['nodal', 'secretary', 'admin'] },
      errors: { 404: '`event.unknown`: no such event' },
      async handler(request): Promise<CampReport> {
        const { id } = parseParams(request.params);
        const [row] = await db.query<Row>(`SELECT ${COLUMNS} FROM camp_events WHERE id = $1`, [id]);
        if (!row) throw new ApiProblem(404, 'event.unknown');
        return { event: toEvent(row), ...(await campFigures(db, id)) };
      },
    },
    {
      method: 'POST',
      url: '/api/events/:id/tokens',
      summary: "A desk device's camp token log (issued, called, served times per token, counter): stored once per token id, sent again as it grows",
      params: EventIdParams,
      body: CampTokenLog,
      response: CampTokenResult,
      auth: { roles: ['operator', 'officer', 'nodal', 'admin'] },
      errors: { 403: '`camp.notTakingPart`: an operator or officer not named in the event', 404: '`event.unknown`: no such event' },
      async handler(request): Promise<CampTokenResult> {
        const { id } = parseParams(request.params);
        const log = parseBody(CampTokenLog, request.body);
        const caller = principalOf(request);
        const [ev] = await db.query<Row>(`SELECT ${COLUMNS} FROM camp_events WHERE id = $1`, [id]);
        if (!ev) throw new ApiProblem(404, 'event.unknown');
        const me = operatorKey(caller.account.id);
        if ((caller.role === 'operator' || caller.role === 'officer') && !ev.operator_ids.includes(me) && !ev.officer_ids.includes(me)) throw new ApiProblem(403, 'camp.notTakingPart');
        // A token's label names the device that gave it: a log carries that device's tokens only.
        const bad = log.tokens.flatMap((t, i) => (t.label.startsWith(`${log.deviceId}-`) ? [] : [fieldError(`tokens.${i}.label`, 'camp.tokens')]));
        if (bad.length > 0) throw new ApiProblem(400, 'api.invalid', bad);
        const now = clock().toISOString();
        const unique = [...new Map(log.tokens.map((t) => [t.id, t])).values()]; // one row may be changed once per statement
        const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
        return db.transaction(async (tx) => {
          const stored = await tx.query<{ id: string }>(
            `INSERT INTO camp_tokens AS c (id, event_id, device_id, label, n, counter, issued_at, called_at, served_at, sent_by, received_at)
             SELECT r.id, $2, $3, r.label, r.n, r.counter, r.issued_at, r.called_at, r.served_at, $4, $5
               FROM jsonb_to_recordset($1::jsonb) AS r(id text, label text, n int, counter int, issued_at timestamptz, called_at timestamptz, served_at timestamptz)
             ON CONFLICT (id) DO UPDATE SET called_at = coalesce(c.called_at, EXCLUDED.called_at), served_at = coalesce(c.served_at, EXCLUDED.served_at),
                    counter = coalesce(c.counter, EXCLUDED.counter)
              WHERE c.event_id = EXCLUDED.event_id AND c.device_id = EXCLUDED.device_id
                AND ((c.called_at IS NULL AND EXCLUDED.called_at IS NOT NULL) OR (c.served_at IS NULL AND EXCLUDED.served_at IS NOT NULL))
             RETURNING c.id`,
            [JSON.stringify(unique.map((t) => ({ id: t.id, label: t.label, n: t.n, counter: t.counter ?? null, issued_at: iso(t.issuedAt), called_at: iso(t.calledAt), served_at: iso(t.servedAt) }))),
              id, log.deviceId, caller.account.id, now]);
          if (stored.length > 0) {
            await audit.append({ action: 'event.tokens', actorId: caller.account.id, actorRole: caller.role, target: id, deviceId: caller.deviceId, ip: request.ip, details: { device: log.deviceId, received: log.tokens.length, stored: stored.length } }, tx);
          }
          return { received: log.tokens.length, stored: stored.length };
        });
      },
    },
  ];
}

const parseParams = (params: unknown) => {
  const p = EventIdParams.safeParse(params);
  if (!p.success) throw new ApiProblem(404, 'event.unknown');
  return p.data;
};
