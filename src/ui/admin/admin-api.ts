/**
 * The admin screens' calls: JSON to and from the admin routes as the signed-in person (authorizedFetch
 * refreshes the token), each answer parsed with its schema from src/domain/admin.ts. Administration is
 * online only: nothing is queued on the device, a failure is shown at once.
 */
import { authorizedFetch } from '../../sync/auth';
import { ApiError, type FieldError } from '../../domain/schemas';
import { type Lang, strings } from '../i18n';
import { ADMIN_UI } from './admin-strings';

const t = strings(ADMIN_UI);

type Schema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false } };
export type AdminResult<T> = { ok: true; data: T } | { ok: false; message: string; fields: FieldError[] };

/** Calls `url` (a JSON body makes it a POST) and parses the answer; a refusal comes back in the UI language. */
export async function adminCall<T>(lang: Lang, url: string, schema: Schema<T>, body?: unknown, anonymous = false): Promise<AdminResult<T>> {
  const init: RequestInit = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  let res: Response;
  try {
    res = await (anonymous ? fetch : authorizedFetch)(url, { ...init, credentials: 'same-origin', signal: AbortSignal.timeout(120_000) });
  } catch {
    return { ok: false, message: t(lang, 'adm.offline'), fields: [] };
  }
  const json: unknown = await res.json().catch(() => undefined);
  if (res.ok) {
    const parsed = schema.safeParse(json);
    if (parsed.success) return { ok: true, data: parsed.data };
  }
  const e = ApiError.safeParse(json);
  if (!e.success) return { ok: false, message: t(lang, 'adm.offline'), fields: [] };
  return { ok: false, message: lang === 'hi' ? e.data.messageHi : e.data.message, fields: e.data.fields ?? [] };
}

/** The message of the field at `path` (the first one), in the UI language. */
export const fieldMessage = (fields: readonly FieldError[], path: string, lang: Lang) => {
  const f = fields.find((x) => x.path === path || x.path.startsWith(`${path}.`));
  return f && (lang === 'hi' ? f.messageHi : f.message);
};
