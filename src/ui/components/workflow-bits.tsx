/**
 * Small pieces shared by the workflow screens: lifecycle words in the UI language, time left to a
 * deadline, an error in words, the "as of" line of a view kept on the device, and the signed-in person
 * as the state machine's Account (so the screens offer what src/domain/workflow.ts allows).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ActionRow } from '../../db/db';
import { actionsOf } from '../../db/actions';
import type { Account } from '../../domain/accounts';
import type { Status } from '../../domain/workflow';
import type { SessionInfo } from '../../sync/auth-client';
import type { Loaded, ViewError } from '../../sync/workflow-client';
import { formatDateTime } from '../format';
import { errorWords, type Lang, strings } from '../i18n';
import { OUTCOME_LABELS, statusLabel } from '../../domain/labels';
import { OUTBOX_POISON_UI } from '../outbox-strings';
import { WORKFLOW_UI } from '../workflow-strings';

const t = strings(OUTBOX_POISON_UI, WORKFLOW_UI);

export const statusName = (s: Status | string, lang: Lang) => statusLabel(s, lang);
export const outcomeName = (o: string, lang: Lang) => (OUTCOME_LABELS as Record<string, { hi: string; en: string }>)[o]?.[lang] ?? o;
export const satisfactionName = (s: string, lang: Lang) => { const k = `sat.${s}`; return t.has(k) ? t(lang, k) : s; };
/** A history step ('dispose') as the history says it ('Disposed'); unknown steps as they are named. */
export const stepName = (action: string, lang: Lang) => { const k = `hist.${action}`; return t.has(k) ? t(lang, k) : action; };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** "3 days", "5 hours", "40 minutes". */
export function duration(ms: number, lang: Lang): string {
  const abs = Math.abs(ms);
  if (abs >= DAY) { const n = Math.floor(abs / DAY); return n === 1 ? t(lang, 'wk.day') : t(lang, 'wk.days', { n }); }
  if (abs >= HOUR) { const n = Math.floor(abs / HOUR); return n === 1 ? t(lang, 'wk.hour') : t(lang, 'wk.hours', { n }); }
  return t(lang, 'wk.minutes', { n: Math.max(1, Math.floor(abs / 60_000)) });
}

/** "2 days left", "Overdue by 3 hours" or "No time limit", and whether it is overdue. */
export function timeLeft(dueAt: string | null, now: number, lang: Lang): { text: string; overdue: boolean } {
  if (!dueAt) return { text: t(lang, 'wk.noLimit'), overdue: false };
  const ms = Date.parse(dueAt) - now;
  return ms < 0 ? { text: t(lang, 'wk.overdue', { t: duration(ms, lang) }), overdue: true } : { text: t(lang, 'wk.left', { t: duration(ms, lang) }), overdue: false };
}

/** An error in the UI language: the server's own words when it gave them, else the key's. */
export function errorText(e: ViewError | undefined, lang: Lang): string {
  return e ? errorWords(lang, e, t) : '';
}

/** "As of 10:42", or the offline note when the copy kept on the device is shown. */
export function KeptNote({ loaded, lang }: { loaded: Loaded<unknown>; lang: Lang }) {
  switch (loaded.state) {
    case 'live': return <p class="wk-asof">{t(lang, 'wk.asOf', { time: formatDateTime(loaded.savedAt, lang) })}</p>;
    case 'kept': return <p class="note" role="status">{t(lang, 'wk.keptNote', { time: formatDateTime(loaded.savedAt, lang) })}</p>;
    case 'none': return <p class="note" role="status">{t(lang, 'wk.noCopy')}</p>;
  }
  return <p class="form-alert" role="alert">{t(lang, 'wk.failed', { msg: errorText(loaded.error, lang) })}</p>;
}

/** The signed-in person as the state machine sees them (the same Account the server checks). */
export function accountOf(s: SessionInfo): Account {
  const base = { id: s.operatorId, name: s.name, role: s.role };
  switch (s.role) {
    case 'operator': return { ...base, kioskCode: s.kioskCode } as Account;
    case 'officer': return { ...base, level: s.level, departments: s.departments, ...(s.district && { district: s.district }) } as Account;
    case 'nodal': return { ...base, departments: s.departments, ...(s.district && { district: s.district }) } as Account;
    case 'secretary': return { ...base, departments: s.departments } as Account;
    case 'minister': return { ...base, ...(s.departments?.length && { departments: s.departments }) } as Account;
    case 'agent': case 'admin': return base as Account;
  }
}

/** A wide table's scroll box: a named region that takes focus, so it scrolls by keyboard too (7-inch tablets). */
export function TableScroll({ labelledBy, children }: { labelledBy: string; children: ComponentChildren }) {
  return <div class="wk-table-wrap" role="region" tabIndex={0} aria-labelledby={labelledBy}>{children}</div>;
}

/** Reloads `load` whenever one of `rows` is newly accepted by the server, and when the network returns. */
export function useReloadOnDone(rows: readonly ActionRow[] | undefined, load: () => void): void {
  const done = rows?.filter((r) => r.state === 'done' || r.state === 'attention').length ?? 0;
  const seen = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (seen.current !== undefined && done > seen.current) load();
    seen.current = done;
  }, [done]);
  useEffect(() => {
    addEventListener('online', load);
    return () => removeEventListener('online', load);
  }, []);
}

/**
 * The person's actions on this device (of one grievance, or all), live from IndexedDB. (Its own small hook
 * rather than use-observable: importing that entry module here made the bundler split the first-load JS.)
 */
export function useActions(operatorKey: string, number?: string): ActionRow[] | undefined {
  const [rows, setRows] = useState<ActionRow[]>();
  useEffect(() => {
    const s = actionsOf(operatorKey, number).subscribe(setRows);
    return () => s.unsubscribe();
  }, [operatorKey, number]);
  return rows;
}
