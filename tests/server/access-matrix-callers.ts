/**
 * The callers of the access matrix (tests/server/access-matrix.test.ts): every kind of account, what a
 * row expects of each, and the rows' shared fixtures.
 */
import { expect } from 'vitest';
import type { Account, Session } from '../../src/domain/accounts';
import { SyncResponse } from '../../src/domain/schemas';
import type { Db } from '../../server/store/db';
import { png } from './attachment-files';
import { ulid } from 'ulidx';
import { submissions } from './fixtures';
import { bearer, MEENA } from './harness';

export const CALLERS = {
  nobody: undefined,
  operator: MEENA,
  otherKioskOperator: { id: 'op.asha', name: 'Asha', role: 'operator', kioskCode: 'K2000001' },
  officer: { id: 'ae.phed.jaipur', name: 'Officer', role: 'officer', level: 'L1', departments: ['phed'], district: 'jaipur' },
  otherDepartmentOfficer: { id: 'ae.energy.jaipur', name: 'Officer', role: 'officer', level: 'L1', departments: ['energy'], district: 'jaipur' },
  otherDistrictOfficer: { id: 'ae.phed.kota', name: 'Officer', role: 'officer', level: 'L2', departments: ['phed'], district: 'kota' },
  nodal: { id: 'nodal.phed', name: 'Nodal', role: 'nodal', departments: ['phed'] },
  secretary: { id: 'secy.water', name: 'Secretary', role: 'secretary', departments: ['phed', 'water-resources'] },
  admin: { id: 'admin', name: 'Admin', role: 'admin' },
  minister: { id: 'minister.water', name: 'Minister', role: 'minister', departments: ['phed'] },
  disabledOperator: { id: 'op.former', name: 'Former', role: 'operator', kioskCode: 'K1023456' },
  agent: { id: 'agent.181', name: 'Agent', role: 'agent' },
} satisfies Record<string, Account | undefined>;
export type Caller = keyof typeof CALLERS;
export const NAMES = Object.keys(CALLERS) as Caller[];

/** What a caller sends: its session (none for `nobody`). */
export interface Call { caller: Caller; session?: Session; headers: Record<string, string> }
export type Check = number | ((res: Response, body: unknown) => void);
export interface Row {
  /** Runs after the reset and the fresh sign-ins, before the calls (e.g. an upload and a grievance to fetch). */
  setup?(url: string, sessions: Partial<Record<Caller, Session>>): Promise<void>;
  /** A Uint8Array body is sent as it is (set its content-type in `headers`); anything else as JSON. */
  request(call: Call): { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string; body?: unknown; headers?: Record<string, string> };
  expect: Record<Caller, Check>;
}
export const all = (status: number, except: Partial<Record<Caller, Check>> = {}): Record<Caller, Check> =>
  ({ ...Object.fromEntries(NAMES.map((n) => [n, status])), ...except }) as Record<Caller, Check>;

/** The WhatsApp webhook not set up: 403 with its own key, whoever calls (a token is no signature). */
export const webhookRefused = (key: string): Record<Caller, Check> => Object.fromEntries(NAMES.map((n) => [n, (res: Response, body: unknown) => {
  expect(res.status).toBe(403);
  expect((body as { error: string }).error).toBe(key);
}])) as Record<Caller, Check>;

/** Every created: the operator's own kiosk. Every refused on kioskCode: another kiosk's operator replaying them. */
export const syncAnswer = (expected: 'created' | 'otherKiosk') => (res: Response, body: unknown) => {
  expect(res.status).toBe(200);
  const { results } = SyncResponse.parse(body);
  if (expected === 'created') expect(results.map((r) => r.status)).toEqual(['created', 'created']);
  else for (const r of results) expect(r).toMatchObject({ status: 'invalid', errors: [{ path: 'kioskCode', code: 'err.otherKiosk' }] });
};

export const MATRIX_PNG = png(8, 8);


/** Admin routes: 200 for an admin and the `also` roles, 403 for other signed-in callers. */
export const adminOr = (also: Caller[], except: Partial<Record<Caller, Check>> = {}) =>
  all(403, { nobody: 401, disabledOperator: 401, admin: 200, ...Object.fromEntries(also.map((c) => [c, 200])), ...except });

/** One open hand-off per caller (the 181 desk's rows). */
export const handoffOf = (caller: Caller) => `C${String(NAMES.indexOf(caller)).padStart(10, '0')}`;
export async function handoffs(): Promise<void> {
  await state.db.query('DELETE FROM chat_handoffs');
  for (const n of NAMES) {
    await state.db.query("INSERT INTO chat_handoffs (ref, conversation_id, transcript, lang, created_at) VALUES ($1, 'access-matrix', '[]'::jsonb, 'en', now())", [handoffOf(n)]);
  }
}

/**
 * The workflow rows: Meena registers one PHED grievance in Jaipur per caller (each is routed to the L1
 * officer ae.phed.jaipur), so every caller acts on a grievance of its own in the same state.
 */
export async function grievancePerCaller(url: string, sessions: Partial<Record<Caller, Session>>, disposed = false): Promise<void> {
  const post = async (path: string, body: unknown, session: Session) =>
    fetch(url + path, { method: 'POST', headers: { ...bearer(session), 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const res = await post('/api/sync/grievances', { grievances: submissions(NAMES.length) }, sessions.operator!);
  const numbers = SyncResponse.parse(await res.json()).results.map((r) => (r as { number: string }).number);
  state.perCaller = Object.fromEntries(NAMES.map((n, i) => [n, numbers[i]]));
  if (!disposed) return;
  for (const number of numbers) {
    const done = await post(`/api/grievances/${number}/actions`, { actionId: ulid(), expectedVersion: 1, action: { type: 'dispose', outcome: 'relief', remarks: 'Handpump repaired' } }, sessions.officer!);
    expect(done.status).toBe(200);
  }
}
export const mine = (caller: Caller) => state.perCaller[caller]!;

/**
 * What the rows share while the table runs: the database, the grievance each caller acts on, the review
 * to answer, and camp mode's fresh public key per caller and hand-over file (tests/server/handover-files.ts).
 */
export const state = {
  db: undefined as unknown as Db,
  perCaller: {} as Partial<Record<Caller, string>>,
  reviewId: '',
  keys: {} as Partial<Record<Caller, string>>,
  file: new Uint8Array() as Uint8Array<ArrayBuffer>,
};
