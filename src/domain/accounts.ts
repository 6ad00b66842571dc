/**
 * Accounts and roles, shared by the server, the admin CLI and the UI: who a signed-in person is, which
 * fields each role needs, what sign-in sends and answers, and which grievances each role may see.
 *
 *   operator  (e-Mitra/CSC)  bound to one kiosk code
 *   officer                  a level L1–L4, one department, optionally one district
 *   nodal                    one department, optionally one district
 *   secretary                one or more departments
 *   minister                 reads figures only: of their departments, or the state when they have none
 *   agent                    the 181 helpline: the citizen assistant's hand-offs, no grievances besides
 *   admin                    everything
 */
import * as z from 'zod/mini';
import { DEPARTMENT_CODES, DISTRICT_CODES } from './reference-codes';
import { DeviceId, KioskCode, OperatorId } from './schemas';
import { freeText } from './text';

export const ROLES = ['operator', 'officer', 'nodal', 'secretary', 'minister', 'agent', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const Role = z.enum(ROLES, { error: 'err.role' });

export const LEVELS = ['L1', 'L2', 'L3', 'L4'] as const;
export type Level = (typeof LEVELS)[number];
export const Level = z.enum(LEVELS, { error: 'err.level' });

export const DepartmentCode = z.enum(DEPARTMENT_CODES, { error: 'err.department' });
export const DistrictCode = z.enum(DISTRICT_CODES, { error: 'err.district' });

/** A new password. Sign-in itself accepts any non-empty string up to PASSWORD_MAX (see LoginRequest). */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
export const Password = z.string({ error: 'err.password' }).check(z.minLength(PASSWORD_MIN, 'err.password'), z.maxLength(PASSWORD_MAX, 'err.password'));

export const AccountName = freeText(1, 100, 'err.accountName').check(z.regex(/^[^\u0000-\u001F\u007F<>]+$/, 'err.accountName'));

const base = { id: OperatorId, name: AccountName };

/**
 * An account as the server keeps it and a device sees it (the `operator` of a sign-in answer), without
 * secrets. One shape per role, so a field a role does not have is an error (`--kiosk` for an officer).
 */
export const Account = z.discriminatedUnion('role', [
  z.strictObject({ ...base, role: z.literal('operator'), kioskCode: KioskCode }),
  z.strictObject({ ...base, role: z.literal('officer'), level: Level, departments: z.tuple([DepartmentCode]), district: z.optional(DistrictCode) }),
  z.strictObject({ ...base, role: z.literal('nodal'), departments: z.tuple([DepartmentCode]), district: z.optional(DistrictCode) }),
  z.strictObject({ ...base, role: z.literal('secretary'), departments: z.array(DepartmentCode).check(z.minLength(1, 'err.department'), z.refine((d) => new Set(d).size === d.length, 'err.department')) }),
  z.strictObject({
    ...base, role: z.literal('minister'),
    departments: z.optional(z.array(DepartmentCode).check(z.minLength(1, 'err.department'), z.refine((d) => new Set(d).size === d.length, 'err.department'))),
  }),
  z.strictObject({ ...base, role: z.literal('agent') }),
  z.strictObject({ ...base, role: z.literal('admin') }),
]);
export type Account = z.infer<typeof Account>;

/** The fields each role needs (and may have): what the CLI's usage and the UI's forms say. */
export const ROLE_FIELDS: Readonly<Record<Role, { required: readonly string[]; optional: readonly string[] }>> = {
  operator: { required: ['kioskCode'], optional: [] },
  officer: { required: ['level', 'departments'], optional: ['district'] },
  nodal: { required: ['departments'], optional: ['district'] },
  secretary: { required: ['departments'], optional: [] },
  minister: { required: [], optional: ['departments'] },
  agent: { required: [], optional: [] },
  admin: { required: [], optional: [] },
};

/** Operator IDs are unique whatever the case: the key they are looked up by. */
export const operatorKey = (id: string) => id.toLowerCase();

/** What a grievance must have for the scope check: where it was filed and where it goes. */
export interface GrievanceScope { kioskCode: string; departmentCode: string; districtCode: string }

/**
 * Whether `account` may see or act on a grievance: an operator those of their kiosk, an officer or nodal
 * officer those of their department (and district, when they have one), a secretary those of their
 * departments, an admin all. Workflow rules (who may dispose, escalate…) come on top of this.
 */
export function inScope(account: Account, g: GrievanceScope): boolean {
  switch (account.role) {
    case 'operator': return account.kioskCode === g.kioskCode;
    case 'officer':
    case 'nodal': return account.departments[0] === g.departmentCode && (!account.district || account.district === g.districtCode);
    case 'secretary': return account.departments.includes(g.departmentCode);
    case 'minister': return false; // figures, not grievances
    case 'agent': return false; // hand-offs, not grievances
    case 'admin': return true;
  }
}

// ---- Sign-in on the wire (server/routes/auth.ts) ----

/** POST /api/auth/login. The password is checked, not validated: an old one may predate today's rules. */
export const LoginRequest = z.strictObject({
  operatorId: OperatorId,
  password: z.string({ error: 'err.password' }).check(z.minLength(1, 'err.password'), z.maxLength(PASSWORD_MAX, 'err.password')),
  deviceId: DeviceId,
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** Refresh tokens are `rt1.<session>.<secret>`, base64url; the device keeps them as they are. */
export const RefreshToken = z.string({ error: 'err.invalid' }).check(z.regex(/^rt1\.[A-Za-z0-9_-]{16,64}\.[A-Za-z0-9_-]{16,128}$/, 'err.invalid'));

/** POST /api/auth/refresh: the refresh token only works from the device it was issued to. */
export const RefreshRequest = z.strictObject({ refreshToken: RefreshToken, deviceId: DeviceId });
export type RefreshRequest = z.infer<typeof RefreshRequest>;

/** The answer to login and refresh. Tokens are opaque to the device; the times are ISO 8601 (UTC). */
export const Session = z.object({
  /** Send as `Authorization: Bearer …`; short-lived. */
  accessToken: z.string(),
  accessExpiresAt: z.string(),
  /** Single use: each refresh answers a new one and the old one stops working (a second use signs the device out). */
  refreshToken: z.string(),
  refreshExpiresAt: z.string(),
  operator: Account,
});
export type Session = z.infer<typeof Session>;

/** POST /api/auth/logout takes no body (or `{}`): the access token says which session to end. */
export const LogoutRequest = z.strictObject({});
export const LogoutResponse = z.object({ signedOut: z.literal(true) });

/** GET /api/auth/me: who the access token belongs to, as the server sees the account now. */
export const Me = z.object({ operator: Account, deviceId: z.string(), accessExpiresAt: z.string() });
export type Me = z.infer<typeof Me>;
