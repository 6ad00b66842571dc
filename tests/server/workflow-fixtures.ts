/**
 * What the workflow tests share: officers of PHED Jaipur at each level, a server with a clock the test
 * moves, and the calls a kiosk and an officer make (register, act, look at a grievance).
 */
import { ulid } from 'ulidx';
import { expect } from 'vitest';
import type { Account } from '../../src/domain/accounts';
import type { GrievanceSubmission } from '../../src/domain/schemas';
import { SyncResponse } from '../../src/domain/schemas';
import type { WorkflowAction } from '../../src/domain/workflow';
import { ActionResult, GrievanceDetail } from '../../src/domain/workflow-api';
import type { AppOptions } from '../../server/app';
import type { Db } from '../../server/store/db';
import type { SecurityOptions } from '../../server/security-options';
import { submission } from './fixtures';
import { addAccount, bearer, MEENA, removeAccounts, resetGrievances, signIn, startServer, type TestServer } from './harness';

export const DAY = 86_400_000;

export const OFFICERS = {
  l1: { id: 'ae.phed.jaipur', name: 'R K Gupta', role: 'officer', level: 'L1', departments: ['phed'], district: 'jaipur' },
  l2: { id: 'xen.phed.jaipur', name: 'S Meena', role: 'officer', level: 'L2', departments: ['phed'], district: 'jaipur' },
  l3: { id: 'se.phed.jaipur', name: 'A Singh', role: 'officer', level: 'L3', departments: ['phed'], district: 'jaipur' },
  l4: { id: 'ce.phed', name: 'Chief Engineer', role: 'officer', level: 'L4', departments: ['phed'] },
  l1b: { id: 'ae2.phed.jaipur', name: 'Second AE', role: 'officer', level: 'L1', departments: ['phed'], district: 'jaipur' },
  energy: { id: 'ae.energy.jaipur', name: 'Energy AE', role: 'officer', level: 'L1', departments: ['energy'], district: 'jaipur' },
  kota: { id: 'ae.phed.kota', name: 'Kota AE', role: 'officer', level: 'L1', departments: ['phed'], district: 'kota' },
  nodal: { id: 'nodal.phed', name: 'Nodal PHED', role: 'nodal', departments: ['phed'] },
  secretary: { id: 'secy.water', name: 'Secretary Water', role: 'secretary', departments: ['phed', 'water-resources'] },
  admin: { id: 'admin', name: 'Admin', role: 'admin' },
  otherKiosk: { id: 'op.asha', name: 'Asha', role: 'operator', kioskCode: 'K2000001' },
} satisfies Record<string, Account>;
export type Who = keyof typeof OFFICERS | 'operator';

/** A clock the test sets: `clock.now` is the server's now. */
export function testClock(start: string | number) {
  const c = { now: new Date(start), at: () => c.now, advance: (ms: number) => (c.now = new Date(c.now.getTime() + ms)) };
  return c;
}

export interface WorkflowHarness {
  server: TestServer;
  headers: Record<Who, Record<string, string>>;
  /** Registers grievances through the sync route as Meena (PHED, Jaipur unless overridden); their numbers. */
  register(...overrides: Partial<GrievanceSubmission>[]): Promise<string[]>;
  act(who: Who, number: string, action: WorkflowAction, opts?: { expectedVersion?: number; actionId?: string }): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Acts and expects it to be accepted. */
  ok(who: Who, number: string, action: WorkflowAction): Promise<ActionResult>;
  detail(who: Who, number: string): Promise<GrievanceDetail>;
  version(number: string): Promise<number>;
  /** Closes the server and removes what it left (grievances, rules, the officers it made), for a database other test files share. */
  close(): Promise<void>;
}

/** Accounts (those named, all by default) signed in on one server. */
export async function workflowHarness(db: Db, clock: { at: () => Date }, accounts: readonly (keyof typeof OFFICERS)[] = Object.keys(OFFICERS) as (keyof typeof OFFICERS)[], options: NonNullable<AppOptions['workflow']> & { security?: Partial<SecurityOptions> } & Pick<AppOptions, 'disk' | 'chat'> = {}): Promise<WorkflowHarness> {
  const { security, disk, chat, ...workflow } = options;
  const server = await startServer({ db, clock: clock.at, security: { loginPerAddressPerMin: 10_000, apiPerSessionPerMin: 100_000, accessTokenTtlS: 3650 * 86_400, refreshTokenTtlS: 3650 * 86_400, ...security }, workflow, disk, chat });
  const headers = {} as Record<Who, Record<string, string>>;
  await addAccount(db, MEENA);
  headers.operator = bearer(await signIn(server, MEENA.id));
  for (const who of accounts) {
    await addAccount(db, OFFICERS[who]);
    headers[who] = bearer(await signIn(server, OFFICERS[who].id));
  }
  const h: WorkflowHarness = {
    server,
    headers,
    async register(...overrides) {
      const res = await server.post('/api/sync/grievances', { grievances: (overrides.length ? overrides : [{}]).map((o) => submission(o)) }, headers.operator);
      expect(res.status).toBe(200);
      const { results } = SyncResponse.parse(await res.json());
      return results.map((r) => {
        expect(r.status).toBe('created');
        return (r as { number: string }).number;
      });
    },
    async act(who, number, action, opts = {}) {
      const expectedVersion = opts.expectedVersion ?? (await h.version(number));
      const res = await server.post(`/api/grievances/${number}/actions`, { actionId: opts.actionId ?? ulid(), expectedVersion, action }, headers[who]);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    async ok(who, number, action) {
      const r = await h.act(who, number, action);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return ActionResult.parse(r.body);
    },
    async detail(who, number) {
      const res = await server.get(`/api/grievances/${number}`, headers[who]);
      expect(res.status).toBe(200);
      return GrievanceDetail.parse(await res.json());
    },
    async close() {
      await server.close();
      await resetGrievances(db);
      await removeAccounts(db, accounts.map((a) => OFFICERS[a]));
    },
    async version(number) {
      const [row] = await db.query<{ version: number }>('SELECT version FROM grievances WHERE number = $1', [number]);
      return row?.version ?? 0;
    },
  };
  return h;
}

/** Everything that would show a change: the row, its events, its notifications. */
export async function snapshot(db: Db, number: string) {
  return {
    row: (await db.query('SELECT * FROM grievances WHERE number = $1', [number]))[0],
    events: await db.query('SELECT id, action FROM grievance_events WHERE grievance_number = $1 ORDER BY id', [number]),
    notifications: await db.query('SELECT id FROM notifications WHERE grievance_number = $1 ORDER BY id', [number]),
  };
}
