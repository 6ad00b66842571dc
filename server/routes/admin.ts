/**
 * Administration over HTTP (issue 15): first run (the setup link's page), accounts (admins; nodal officers
 * for the officers of their department and district), the CSV import of kiosk operators, the audit log
 * and reference data versions, and the public per-district LGD places the intake's pickers use. Rules and
 * checks live in ../admin; these handlers parse, call and answer. Every change is audited there.
 */
import type { FastifyRequest } from 'fastify';
import {
  AccountAction, AccountActionResult, AccountIdParams, AccountList, AuditPage, AuditQuery, DistrictLocalPlaces, ImportReport, ImportRequest,
  NewAccountRequest, PlaceParams, ReferenceVersions, SetupRequest, SetupResult, SetupStatus,
} from '../../src/domain/admin';
import { AccountEntry } from '../../src/domain/admin';
import { type AccountsAdmin, type AdminCaller } from '../admin/accounts-admin';
import { completeSetup, hasAdmin } from '../admin/first-run';
import { districtPlaces } from '../admin/lgd-places';
import { importOperators } from '../admin/operator-import';
import { referenceVersions } from '../admin/reference-versions';
import { principalOf } from '../auth/guard';
import { parseBody } from '../errors';
import { type AuditLog, searchAudit } from '../store/audit';
import type { Db } from '../store/db';
import type { ApiRoute } from './registry';

export interface AdminRouteDeps { db: Db; audit: AuditLog; clock: () => Date; accounts: AccountsAdmin }

/** The signed-in caller of an admin route. */
export function adminCaller(request: FastifyRequest): AdminCaller {
  const p = principalOf(request);
  return { account: p.account, ip: request.ip, deviceId: p.deviceId };
}

const SCOPE = { 403: '`auth.forbidden` (role) or `admin.scope`: outside your department or district', 404: '`admin.notFound`', 409: '`admin.exists`, `admin.self`' } as const;

export function adminRoutes(deps: AdminRouteDeps): ApiRoute[] {
  const { db, audit, clock, accounts } = deps;
  return [
    {
      method: 'GET', url: '/api/setup', summary: 'Whether the product still waits for its first admin (the setup page asks before showing its form)',
      response: SetupStatus, handler: async () => ({ needed: !(await hasAdmin(db)) }),
    },
    {
      method: 'POST', url: '/api/setup', summary: 'Creates the first admin account with the one-time token of the setup link the server printed; every setup link then stops working',
      body: SetupRequest, response: SetupResult, rateLimit: 'signIn',
      errors: { 403: '`setup.token`: the link is not valid, expired or used', 409: '`setup.done` (an admin exists) or `admin.exists`' },
      handler: async (request) => {
        const req = parseBody(SetupRequest, request.body);
        await completeSetup(db, audit, req, clock(), request.ip);
        return { created: true, id: req.id };
      },
    },
    {
      method: 'GET', url: '/api/places/:district', summary: "A district's gram panchayats, villages and wards (LGD, public data) for the intake's pickers; devices keep a copy for offline use",
      params: PlaceParams, response: DistrictLocalPlaces,
      handler: async (request, reply) => {
        const { district } = parseBody(PlaceParams, request.params);
        void reply.header('cache-control', 'no-cache'); // always revalidated; the device keeps its own copy for offline use
        // Nothing imported yet is an ordinary answer (empty lists, version ''), not an error: most districts start so.
        return (await districtPlaces(db, district)) ?? { district, version: '', gramPanchayats: [], villages: [], wards: [] };
      },
    },
    {
      method: 'GET', url: '/api/admin/accounts', summary: 'The accounts the caller manages (admin: all; nodal officer: the officers of their department and district), with state and signed-in devices',
      response: AccountList, auth: { roles: ['admin', 'nodal'] },
      handler: async (request) => ({ items: await accounts.list(adminCaller(request)) }),
    },
    {
      method: 'POST', url: '/api/admin/accounts', summary: 'Creates an account (any role for an admin; an officer of their department and district for a nodal officer)',
      body: NewAccountRequest, response: AccountEntry, auth: { roles: ['admin', 'nodal'] }, errors: SCOPE,
      handler: async (request) => {
        const { account, password } = parseBody(NewAccountRequest, request.body);
        return accounts.create(adminCaller(request), account, password);
      },
    },
    {
      method: 'POST', url: '/api/admin/accounts/:id/actions', summary: 'Disables, enables, resets the password of, or signs out everywhere an account the caller manages',
      params: AccountIdParams, body: AccountAction, response: AccountActionResult, auth: { roles: ['admin', 'nodal'] }, errors: SCOPE,
      handler: async (request) => {
        const { id } = parseBody(AccountIdParams, request.params);
        return accounts.act(adminCaller(request), id, parseBody(AccountAction, request.body));
      },
    },
    {
      method: 'POST', url: '/api/admin/accounts/import', summary: 'Kiosk operators from CSV (id, name, kiosk, password): a per-row report; with dryRun nothing is written, otherwise all rows or none',
      body: ImportRequest, response: ImportReport, auth: { roles: ['admin'] }, bodyLimit: 600 * 1024, errors: { 400: '`admin.csv`: not a CSV with the columns id, name, kiosk, password, or more than 1000 rows' },
      handler: async (request) => {
        const { csv, dryRun } = parseBody(ImportRequest, request.body);
        return importOperators({ db, audit, clock }, adminCaller(request), csv, dryRun);
      },
    },
    {
      method: 'GET', url: '/api/admin/audit', summary: 'The audit log, newest first, filtered by action and actor (prefix), target, and India-time dates; `before` pages back',
      query: AuditQuery, response: AuditPage, auth: { roles: ['admin'] },
      handler: async (request) => {
        const q = parseBody(AuditQuery, request.query);
        return searchAudit(db, { ...q, limit: Math.min(Math.max(Number(q.limit ?? 50), 1), 200) });
      },
    },
    {
      method: 'GET', url: '/api/admin/reference', summary: 'Versions of the reference data in use: built-in files, LGD places imported per district, the published triage model',
      response: ReferenceVersions, auth: { roles: ['admin'] }, handler: async () => referenceVersions(db),
    },
  ];
}

