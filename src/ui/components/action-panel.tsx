/**
 * What the signed-in person may do to a grievance now, as buttons: those the server's `allowedActions`
 * lists, or, while earlier actions from this device wait to be sent, what the shared state machine
 * (src/domain/workflow.ts) allows after them. A button with something to fill in (Dispose: Outcome and
 * Remarks) opens its form below it; Save puts the action in the device's queue (src/db/actions.ts), so it
 * is safe offline and is applied by the server exactly once.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ActionRow } from '../../db/db';
import { DEPARTMENTS } from '../../domain/reference';
import {
  ACTION_TYPES, allowedActions, apply, OUTCOMES, SATISFACTIONS, WorkflowAction, type ActionType, type WorkflowState,
} from '../../domain/workflow';
import type { OfficerView } from '../../domain/workflow-api';
import type { SessionInfo } from '../../sync/auth-client';
import { takeAction } from '../../sync/workflow-client';
import { type KeyOf, type Lang, messageText, strings } from '../i18n';
import { WORKFLOW_UI } from '../workflow-strings';
import { ErrorText, Field } from './field';
import { actionLabel } from './action-list';
import { accountOf, outcomeName, satisfactionName } from './workflow-bits';
import { enterMovesFocus } from '../enter-key';

const t = strings(WORKFLOW_UI);

type FieldName = 'outcome' | 'remarks' | 'reason' | 'question' | 'note' | 'toDepartment' | 'toOfficerId' | 'satisfaction';

/** The fields of each action's form; an action without fields is taken at once. */
const FORMS: Record<ActionType, FieldName[]> = {
  start: [], dispose: ['outcome', 'remarks'], 'request-info': ['question'], transfer: ['toDepartment', 'toOfficerId', 'reason'],
  escalate: ['reason'], close: ['note'], assign: ['toOfficerId', 'note'], feedback: ['satisfaction', 'note'], reopen: ['reason'],
};
const LABELS: Record<FieldName, KeyOf<typeof t>> = {
  outcome: 'act.f.outcome', remarks: 'act.f.remarks', reason: 'act.f.reason', question: 'act.f.question', note: 'act.f.note',
  toDepartment: 'act.f.toDepartment', toOfficerId: 'act.f.toOfficer', satisfaction: 'act.f.satisfaction',
};
const LONG = new Set<FieldName>(['remarks', 'reason', 'question', 'note']);

const stateOfView = (v: OfficerView): WorkflowState => ({
  status: v.status, holderId: v.holderId, level: v.level, departmentCode: v.departmentCode, categoryCode: v.categoryCode,
  districtCode: v.districtCode, kioskCode: v.kioskCode, outcome: v.outcome, satisfaction: v.satisfaction, disposedAt: v.disposedAt,
  reopenCount: v.reopenCount, escalationCount: v.escalationCount, version: v.version,
});

/** The actions on offer: the server's list, or the state machine's after the actions still waiting on this device. */
export function offeredActions(view: OfficerView, waiting: readonly ActionRow[], session: SessionInfo, now = new Date()): ActionType[] {
  if (waiting.length === 0) return view.allowedActions;
  const actor = { kind: 'account', account: accountOf(session) } as const;
  let s = stateOfView(view);
  for (const r of waiting) {
    const next = apply(s, r.action, actor, now);
    if (!next.ok) return []; // where it goes next is routing's to decide: nothing more until it is sent
    s = next.next;
  }
  return allowedActions(s, actor, now);
}

export function ActionPanel({ view, waiting, session, lang }: { view: OfficerView; waiting: readonly ActionRow[]; session: SessionInfo; lang: Lang }) {
  const [open, setOpen] = useState<ActionType>();
  const [saved, setSaved] = useState<string>();
  const savedRef = useRef<HTMLParagraphElement>(null);
  const offered = ACTION_TYPES.filter((a) => offeredActions(view, waiting, session).includes(a));

  useEffect(() => { if (saved) savedRef.current?.focus(); }, [saved]);

  async function queue(action: WorkflowAction) {
    const row = await takeAction(session, view.number, action, view.version);
    setOpen(undefined);
    setSaved(t(lang, 'act.saved', { action: actionLabel(row, lang) }));
  }

  return (
    <section class="wk-section" aria-labelledby="gv-actions">
      <h2 id="gv-actions">{t(lang, 'gv.actions')}</h2>
      {saved && <p ref={savedRef} tabIndex={-1} class="saved-note" role="status">{saved}</p>}
      {offered.length === 0 ? (
        <p>{t(lang, waiting.length ? 'gv.waitingNote' : 'gv.noActions')}</p>
      ) : (
        <div class="wk-actions">
          {offered.map((type) => FORMS[type].length === 0 ? (
            <button key={type} type="button" class="btn" onClick={() => void queue({ type } as WorkflowAction)}>{t(lang, `act.${type}`)}</button>
          ) : (
            <button key={type} type="button" id={`open-${type}`} class={`btn${open === type ? ' btn--primary' : ''}`} aria-expanded={open === type ? 'true' : 'false'}
              aria-controls={`form-${type}`} onClick={() => { setSaved(undefined); setOpen(open === type ? undefined : type); }}>
              {t(lang, `act.${type}`)}
            </button>
          ))}
        </div>
      )}
      {open && offered.includes(open) && (
        <ActionForm key={open} type={open} lang={lang} onSave={queue}
          onCancel={() => { setOpen(undefined); document.getElementById(`open-${open}`)?.focus(); }} />
      )}
    </section>
  );
}

/** One action's form: its fields, checked with the wire schema before it is queued. */
export function ActionForm({ type, lang, onSave, onCancel, prefix = '' }: { type: ActionType; lang: Lang; onSave: (a: WorkflowAction) => Promise<void>; onCancel: () => void; prefix?: string }) {
  const fields = FORMS[type];
  const [values, setValues] = useState<Partial<Record<FieldName, string>>>({});
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLElement | null>(null);
  useEffect(() => { first.current?.focus(); }, []);
  const id = (f: FieldName) => `${prefix}${type}-${f}`;

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const body = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v?.trim()]).filter(([, v]) => v));
    const parsed = WorkflowAction.safeParse({ type, ...body });
    if (!parsed.success) {
      const found: Partial<Record<FieldName, string>> = {};
      for (const issue of parsed.error.issues) {
        const f = (fields.includes(issue.path[0] as FieldName) ? issue.path[0] : fields[0]) as FieldName;
        found[f] ??= issue.message;
      }
      setErrors(found);
      document.getElementById(id(fields.find((f) => found[f])!))?.focus();
      return;
    }
    setBusy(true);
    try { await onSave(parsed.data); } finally { setBusy(false); }
  }

  const set = (f: FieldName) => (e: Event) => {
    const v = (e.currentTarget as HTMLInputElement).value;
    setValues((o) => ({ ...o, [f]: v }));
  };
  const errorCount = Object.keys(errors).length;

  return (
    <form id={`form-${prefix}${type}`} class="wk-form" noValidate onSubmit={submit} onKeyDown={enterMovesFocus} aria-labelledby={`open-${prefix}${type}`}>
      {errorCount > 0 && <ErrorText id={`${prefix}${type}-errors`}>{t(lang, 'act.errors', { n: errorCount })}</ErrorText>}
      {fields.map((f, i) => (
        <Field key={f} id={id(f)} label={t(lang, LABELS[f])} required={f !== 'note' && f !== 'toDepartment' && f !== 'toOfficerId' && !(type === 'assign')}
          hint={f === 'remarks' ? t(lang, 'act.f.remarks.hint') : undefined} error={errors[f] && messageText(lang, errors[f]!, undefined, t)}>
          {(p) => {
            const ref = i === 0 ? (el: HTMLElement | null) => { first.current = el; } : undefined;
            if (f === 'outcome' || f === 'satisfaction' || f === 'toDepartment') {
              const options = f === 'outcome' ? OUTCOMES.map((o) => [o, outcomeName(o, lang)])
                : f === 'satisfaction' ? SATISFACTIONS.map((s) => [s, satisfactionName(s, lang)])
                  : DEPARTMENTS.map((d) => [d.code, d[lang]]);
              return (
                <select {...p} ref={ref} value={values[f] ?? ''} onChange={set(f)}>
                  <option value="">{t(lang, f === 'toDepartment' ? 'act.f.toDepartment.choose' : f === 'outcome' ? 'act.f.outcome.choose' : 'act.f.choose')}</option>
                  {options.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
                </select>
              );
            }
            return LONG.has(f)
              ? <textarea {...p} ref={ref} rows={3} value={values[f] ?? ''} onInput={set(f)} />
              : <input {...p} ref={ref} type="text" autocomplete="off" spellcheck={false} value={values[f] ?? ''} onInput={set(f)} />;
          }}
        </Field>
      ))}
      <div class="actions">
        <button type="submit" class="btn btn--primary" aria-disabled={busy ? 'true' : undefined}>{t(lang, 'act.save')}</button>
        <button type="button" class="btn" onClick={onCancel}>{t(lang, 'act.cancel')}</button>
      </div>
    </form>
  );
}
