/**
 * The page's side of the figures for leaders (issue 11): the day's figures and the month's report as JSON
 * (parsed with the shared schemas), and their files (PNG, SVG, CSV, XLSX, PDF) as blobs to download, each
 * fetched with the signed-in person's token.
 */
import { authorizedFetch, isAuthRequired } from './auth';
import { ApiError } from '../domain/schemas';
import { DailyFigures, MonthlyReport } from '../domain/leader-reports';
import { Dashboard, SecretaryReport } from '../domain/leader-dashboards';
import type { ViewError } from './workflow-client';

export type Got<T> = { ok: true; data: T } | { ok: false; error: ViewError };

const query = (q: Record<string, string | undefined>) => {
  const p = new URLSearchParams(Object.entries(q).filter(([, v]) => v) as [string, string][]).toString();
  return p ? `?${p}` : '';
};

async function get(url: string): Promise<{ ok: true; res: Response } | { ok: false; error: ViewError }> {
  let res: Response;
  try {
    res = await authorizedFetch(url, { signal: AbortSignal.timeout(60_000), credentials: 'same-origin' });
  } catch (e) {
    return { ok: false, error: { key: isAuthRequired(e) ? 'auth.signin' : 'net' } };
  }
  if (res.ok) return { ok: true, res };
  if (res.status >= 500 || res.status === 429) return { ok: false, error: { key: res.status === 429 ? 'api.busy' : 'server' } };
  const e = ApiError.safeParse(await res.json().catch(() => undefined));
  return { ok: false, error: e.success ? { key: e.data.error, message: e.data.message, messageHi: e.data.messageHi, fields: e.data.fields } : { key: 'rejected' } };
}

async function getJson<T>(url: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): Promise<Got<T>> {
  const r = await get(url);
  if (!r.ok) return r;
  const parsed = schema.safeParse(await r.res.json().catch(() => undefined));
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, error: { key: 'badResponse' } };
}

export interface DailyAsk { date?: string; department?: string; district?: string }
export interface MonthlyAsk { month: string; department?: string; district?: string }

export const loadDaily = (q: DailyAsk) => getJson(`/api/reports/daily${query({ ...q })}`, DailyFigures);
export const loadMonthly = (q: MonthlyAsk) => getJson(`/api/reports/monthly${query({ ...q })}`, MonthlyReport);
/** The secretary's report to ministers (from..to, India time) and the state dashboard (department, district: drill-down). */
export const loadSecretaries = (q: { from: string; to?: string }) => getJson(`/api/reports/secretaries${query({ ...q })}`, SecretaryReport);
export const loadDashboard = (q: { department?: string; district?: string }) => getJson(`/api/reports/dashboard${query({ ...q })}`, Dashboard);

/** A report file as a blob, e.g. `daily.png` or `monthly.csv`. */
export type ReportFileName = `${'daily' | 'monthly' | 'secretaries' | 'dashboard'}.${string}`;
export async function reportFile(file: ReportFileName, q: Record<string, string | undefined>): Promise<Got<Blob>> {
  const r = await get(`/api/reports/${file}${query(q)}`);
  return r.ok ? { ok: true, data: await r.res.blob() } : r;
}
