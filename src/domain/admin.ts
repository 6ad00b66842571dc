/**
 * The wire shapes of first run and administration (issue 15), shared by the server's admin routes and
 * the admin screens: the setup link's request, accounts (list, create, disable/enable, reset password,
 * sign out everywhere, CSV import of kiosk operators), routing rules and the routing tester, time limits,
 * holidays, reference data versions and the audit log's filters.
 */
import * as z from 'zod/mini';
import { freeText } from './text';
import { Account, AccountName, DepartmentCode, DistrictCode, Level, Password } from './accounts';
import { LgdCode, OperatorId } from './schemas';
import { CategoryCode } from './workflow';

const Iso = z.string();
const nullable = <T extends z.ZodMiniType>(s: T) => z.nullable(s);
const FieldProblem = z.object({ path: z.string(), code: z.string(), message: z.string(), messageHi: z.string() });

// ---- First run ----

/** The secret of the one-time setup link (`/setup#<token>`): 43 base64url characters (32 random bytes). */
export const SetupToken = z.string({ error: 'setup.token' }).check(z.regex(/^[A-Za-z0-9_-]{32,64}$/, 'setup.token'));
/** GET /api/setup: whether the product still waits for its first admin. */
export const SetupStatus = z.object({ needed: z.boolean() });
/** POST /api/setup: the first admin account. */
export const SetupRequest = z.strictObject({ token: SetupToken, id: OperatorId, name: AccountName, password: Password });
export type SetupRequest = z.infer<typeof SetupRequest>;
export const SetupResult = z.object({ created: z.literal(true), id: z.string() });

// ---- Accounts ----

/** An account as the admin screen lists it: the shared Account plus its state. */
export const AccountEntry = z.object({
  account: Account,
  disabled: z.boolean(),
  createdAt: Iso,
  updatedAt: Iso,
  /** Devices signed in now. */
  sessions: z.number(),
});
export type AccountEntry = z.infer<typeof AccountEntry>;
export const AccountList = z.object({ items: z.array(AccountEntry) });
export type AccountList = z.infer<typeof AccountList>;

/** POST /api/admin/accounts: a new account (an existing ID is refused: `admin.exists`). */
export const NewAccountRequest = z.strictObject({ account: Account, password: Password });
export type NewAccountRequest = z.infer<typeof NewAccountRequest>;

export const AccountIdParams = z.strictObject({ id: OperatorId });
/** POST /api/admin/accounts/:id/actions. Every one but enable signs the account out on every device. */
export const AccountAction = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('disable') }),
  z.strictObject({ type: z.literal('enable') }),
  z.strictObject({ type: z.literal('sign-out') }),
  z.strictObject({ type: z.literal('reset-password'), password: Password }),
], { error: 'err.invalid' });
export type AccountAction = z.infer<typeof AccountAction>;
export const AccountActionResult = z.object({ entry: AccountEntry, signedOut: z.number() });

/** The most rows one CSV import takes (a district's kiosks fit many times over). */
export const CSV_MAX_ROWS = 1000;
/** POST /api/admin/accounts/import: kiosk operators from CSV text (columns id, name, kiosk, password). */
export const ImportRequest = z.strictObject({
  csv: z.string({ error: 'admin.csv' }).check(z.minLength(1, 'admin.csv'), z.maxLength(512 * 1024, 'admin.csv')),
  dryRun: z.boolean(),
});
export type ImportRequest = z.infer<typeof ImportRequest>;
export const ImportRow = z.object({
  /** The line in the file (the header is line 1). */
  line: z.number(),
  id: nullable(z.string()),
  /** What happens (dry run) or happened: a new account, an update of an operator, or nothing because of `errors`. */
  outcome: z.enum(['create', 'update', 'error']),
  errors: z.array(FieldProblem),
});
export type ImportRow = z.infer<typeof ImportRow>;
export const ImportReport = z.object({
  dryRun: z.boolean(),
  /** Nothing is written unless every row is good: the file is fixed and sent again. */
  applied: z.boolean(),
  rows: z.array(ImportRow),
  counts: z.object({ create: z.number(), update: z.number(), error: z.number() }),
});
export type ImportReport = z.infer<typeof ImportReport>;

// ---- Routing ----

/** POST /api/admin/routing/test: a grievance as routing sees it. */
export const RoutingProbe = z.strictObject({
  departmentCode: DepartmentCode,
  categoryCode: z.optional(CategoryCode),
  districtCode: DistrictCode,
  areaType: z.enum(['rural', 'urban'], { error: 'err.areaType' }),
  tehsilCode: z.optional(LgdCode),
  blockCode: z.optional(LgdCode),
  gramPanchayatCode: z.optional(LgdCode),
  villageCode: z.optional(LgdCode),
  wardCode: z.optional(LgdCode),
});
export type RoutingProbe = z.infer<typeof RoutingProbe>;
export const RoutingAnswer = z.object({
  levels: z.array(z.object({
    level: Level,
    holderId: nullable(z.string()),
    holderName: nullable(z.string()),
    via: z.enum(['rule', 'district-officer', 'state-officer', 'nodal', 'none']),
    ruleId: nullable(z.string()),
    /** The message key saying why (route.*), as the grievance's history would. */
    reason: z.string(),
    skipped: z.array(z.object({ ruleId: z.string(), accountId: z.string(), why: z.string() })),
  })),
});
export type RoutingAnswer = z.infer<typeof RoutingAnswer>;
export const RuleIdBody = z.strictObject({ id: z.string({ error: 'err.invalid' }).check(z.regex(/^[A-Za-z0-9._:-]{1,80}$/, 'err.invalid')) });

// ---- Time limits and holidays ----

export const TimeLimitRow = z.object({ department: z.string(), category: z.string(), days: z.number() });
export const TimeLimitList = z.object({ rows: z.array(TimeLimitRow) });
export type TimeLimitList = z.infer<typeof TimeLimitList>;
/** POST /api/admin/time-limits: '' or no category is the department's default. */
export const TimeLimitSet = z.strictObject({
  department: DepartmentCode,
  category: z.optional(CategoryCode),
  days: z.int({ error: 'err.days' }).check(z.minimum(1, 'err.days'), z.maximum(365, 'err.days')),
});
export type TimeLimitSet = z.infer<typeof TimeLimitSet>;

export const IsoDay = z.string({ error: 'err.date' }).check(z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'err.date'),
  z.refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'err.date'));
const HolidayName = freeText(1, 100, 'err.holidayName').check(z.regex(/^[^\u0000-\u001F\u007F<>]+$/, 'err.holidayName'));
export const Holiday = z.strictObject({ date: IsoDay, en: HolidayName, hi: HolidayName });
export type Holiday = z.infer<typeof Holiday>;
export const HolidayList = z.object({ items: z.array(Holiday), weeklyOff: z.array(z.number()) });
export type HolidayList = z.infer<typeof HolidayList>;
export const HolidayDateBody = z.strictObject({ date: IsoDay });

// ---- Reference data and the audit log ----

export const ReferenceVersions = z.object({
  /** Built into the app and the server (departments, districts, tehsils, blocks, urban bodies). */
  bundled: z.array(z.object({ name: z.string(), version: z.string(), rows: z.number(), source: z.string() })),
  /** LGD places imported on this server (gram panchayats, villages, wards), newest first. */
  imports: z.array(z.object({ dataset: z.string(), districtCode: nullable(z.string()), version: z.string(), source: z.string(), rows: z.number(), importedAt: Iso, importedBy: nullable(z.string()) })),
  triageModel: nullable(z.object({ version: z.string(), createdAt: Iso })),
});
export type ReferenceVersions = z.infer<typeof ReferenceVersions>;

/** GET /api/admin/audit: newest first, `before` (an entry id) pages back. */
export const AuditQuery = z.strictObject({
  action: z.optional(z.string().check(z.maxLength(80))),
  actor: z.optional(z.string().check(z.maxLength(80))),
  target: z.optional(z.string().check(z.maxLength(80))),
  from: z.optional(IsoDay),
  to: z.optional(IsoDay),
  before: z.optional(z.string().check(z.regex(/^\d{1,18}$/, 'err.invalid'))),
  limit: z.optional(z.string().check(z.regex(/^\d{1,3}$/, 'err.invalid'))),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
export const AuditPage = z.object({
  items: z.array(z.object({ id: z.string(), at: Iso, actorId: nullable(z.string()), actorRole: nullable(z.string()), action: z.string(), target: nullable(z.string()), deviceId: nullable(z.string()), ip: nullable(z.string()), details: z.record(z.string(), z.unknown()) })),
  /** Pass as `before` for the next (older) page; null at the end. */
  next: nullable(z.string()),
});
export type AuditPage = z.infer<typeof AuditPage>;

// ---- Places below the tehsil (LGD): ./local-places.ts, small so the intake form can use it ----

export { DistrictLocalPlaces, PlaceParams } from './local-places';
