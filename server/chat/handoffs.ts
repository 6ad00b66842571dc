/**
 * The 181 helpline's desk (roles `agent` and `admin`): the citizen assistant's hand-offs.
 *   GET  /api/handoffs?status=open|closed|all    newest first (at most 200)
 *   GET  /api/handoffs/:ref                       one, with what was said (mobiles and codes masked)
 *   POST /api/handoffs/:ref/close { note }        closed with a note (audited `chat.handoff.close`)
 *   POST /api/handoffs/:ref/grievance IntakeFields  a grievance for the citizen (channel `chat`, routed like
 *        any), linked to the hand-off in the same transaction (audited `grievance.register`, `via: 181`)
 * Opening one is audited too (`chat.handoff.open`): the transcript is the citizen's words.
 */
import * as z from 'zod/mini';
import { HandoffClose, type HandoffDetail, HandoffDetail as HandoffDetailSchema, HandoffList, HandoffListQuery, HandoffRef, HandoffRegistered, type HandoffSummary } from '../../src/domain/handoffs';
import { IntakeFields } from '../../src/domain/schemas';
import { principalOf } from '../auth/guard';
import { ApiProblem, parseBody } from '../errors';
import type { ApiRoute } from '../routes/registry';
import { type RegisterDeps, registerChatGrievance } from './register';

type Line = { at: string; from: 'citizen' | 'assistant'; text: string };
interface Row {
  ref: string; status: 'open' | 'closed'; lang: 'hi' | 'en'; created_at: Date; transcript: Line[];
  closed_at: Date | null; closed_by: string | null; note: string | null; grievance_number: string | null;
}
const COLUMNS = 'ref, status, lang, created_at, transcript, closed_at, closed_by, note, grievance_number';

const summary = (r: Row): HandoffSummary => ({
  ref: r.ref, status: r.status, lang: r.lang, createdAt: new Date(r.created_at).toISOString(), messages: r.transcript.length,
  preview: preview(r.transcript), grievanceNumber: r.grievance_number,
});
/** What the citizen said last before asking for a person (that request itself, when it is all they said). */
function preview(lines: Line[]): string {
  const said = lines.filter((l) => l.from === 'citizen' && l.text.trim() !== '');
  return (said.length > 1 ? said[said.length - 2] : said[0])?.text.slice(0, 140) ?? '';
}
const detail = (r: Row): HandoffDetail => ({
  ...summary(r), transcript: r.transcript,
  closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null, closedBy: r.closed_by, note: r.note,
});

const RefParams = z.object({ ref: HandoffRef });
const ROLES = ['agent', 'admin'] as const;
const NOT_FOUND = '`handoff.notFound`: no hand-off has this reference (they are kept 30 days)';

export function handoffRoutes(deps: RegisterDeps & { sendSoon?: () => void }): ApiRoute[] {
  const { db, audit, clock } = deps;
  const load = async (ref: string): Promise<Row> => {
    const [row] = await db.query<Row>(`SELECT ${COLUMNS} FROM chat_handoffs WHERE ref = $1`, [ref]);
    if (!row) throw new ApiProblem(404, 'handoff.notFound');
    return row;
  };
  const who = (request: Parameters<ApiRoute['handler']>[0]) => {
    const p = principalOf(request);
    return { actorId: p.account.id, actorRole: p.account.role, ip: request.ip, deviceId: p.deviceId };
  };
  return [
    {
      method: 'GET',
      url: '/api/handoffs',
      summary: "The citizen assistant's conversations handed to the 181 helpline, newest first (at most 200): `status` open (default), closed or all",
      query: HandoffListQuery,
      response: HandoffList,
      auth: { roles: ROLES },
      async handler(request) {
        const { status = 'open' } = parseBody(HandoffListQuery, request.query);
        const rows = await db.query<Row>(
          `SELECT ${COLUMNS} FROM chat_handoffs ${status === 'all' ? '' : 'WHERE status = $1'} ORDER BY created_at DESC LIMIT 200`, status === 'all' ? [] : [status]);
        return { items: rows.map(summary) };
      },
    },
    {
      method: 'GET',
      url: '/api/handoffs/:ref',
      summary: 'One hand-off with the conversation (mobiles shown as XXXXXX1234, codes as ******); opening it is audited',
      params: RefParams,
      response: HandoffDetailSchema,
      auth: { roles: ROLES },
      errors: { 404: NOT_FOUND },
      async handler(request) {
        const { ref } = parseBody(RefParams, request.params);
        const row = await load(ref);
        await audit.append({ action: 'chat.handoff.open', target: ref, ...who(request) });
        return detail(row);
      },
    },
    {
      method: 'POST',
      url: '/api/handoffs/:ref/close',
      summary: 'Closes a hand-off with a note of what the agent did (audited)',
      params: RefParams,
      body: HandoffClose,
      response: HandoffDetailSchema,
      auth: { roles: ROLES },
      errors: { 404: NOT_FOUND, 409: '`handoff.closed`: it was already closed' },
      async handler(request) {
        const { ref } = parseBody(RefParams, request.params);
        const { note } = parseBody(HandoffClose, request.body);
        const by = who(request);
        const row = await db.transaction(async (tx) => {
          const [r] = await tx.query<Row>(
            `UPDATE chat_handoffs SET status = 'closed', closed_at = $2, closed_by = $3, note = $4 WHERE ref = $1 AND status = 'open' RETURNING ${COLUMNS}`,
            [ref, clock().toISOString(), by.actorId, note]);
          if (r) await audit.append({ action: 'chat.handoff.close', target: ref, ...by, details: { note, grievanceNumber: r.grievance_number } }, tx);
          return r;
        });
        if (!row) { await load(ref); throw new ApiProblem(409, 'handoff.closed'); }
        return detail(row);
      },
    },
    {
      method: 'POST',
      url: '/api/handoffs/:ref/grievance',
      summary: "Registers a grievance for the citizen of an open hand-off (the intake's fields, consent given to the agent on the phone): channel `chat`, routed to its officer like any, linked to the hand-off",
      params: RefParams,
      body: IntakeFields,
      response: HandoffRegistered,
      auth: { roles: ROLES },
      errors: { 404: NOT_FOUND, 409: '`handoff.closed` (closed) or `handoff.hasGrievance` (one was already registered from it)' },
      async handler(request) {
        const { ref } = parseBody(RefParams, request.params);
        const fields = parseBody(IntakeFields, request.body);
        const row = await load(ref);
        if (row.status === 'closed') throw new ApiProblem(409, 'handoff.closed');
        if (row.grievance_number) throw new ApiProblem(409, 'handoff.hasGrievance');
        const { consent: _consent, ...rest } = fields;
        const by = who(request);
        const r = await registerChatGrievance(deps, rest, {
          lang: row.lang, who: by, details: { via: '181', handoff: ref },
          then: async (tx, number) => {
            const done = await tx.query("UPDATE chat_handoffs SET grievance_number = $2 WHERE ref = $1 AND status = 'open' AND grievance_number IS NULL RETURNING ref", [ref, number]);
            // Two agents at once, or closed meanwhile: the transaction is undone (nothing registered).
            if (done.length === 0) throw new ApiProblem(409, 'handoff.hasGrievance');
          },
        });
        if (!r.ok) throw new ApiProblem(400, 'api.invalid'); // not expected: the fields were parsed above
        deps.sendSoon?.();
        return { number: r.number, receiptNumber: r.receiptNumber };
      },
    },
  ];
}
