/**
 * At a kiosk that did not register a grievance: what it is shown from a number, receipt or mobile alone
 * (where the grievance stands, nothing about the citizen), and the citizen's one-time code that opens the
 * citizen's view and lets the operator record their feedback or a reopen (src/domain/otp.ts): "Send code"
 * sends it by SMS to the mobile registered with the grievance, "Code" takes what the citizen reads out.
 */
import { useRef, useState } from 'preact/hooks';
import { asciiDigits } from '../../domain/digits';
import { formatGrievanceNumber } from '../../domain/numbers';
import { OTP_DIGITS } from '../../domain/otp';
import type { CodeSent } from '../../domain/otp';
import type { LimitedStatus } from '../../domain/workflow-api';
import { checkCode, requestCode, type StatusFound } from '../../sync/workflow-client';
import { departmentName, districtName, formatDateTime, formatTime } from '../format';
import { type Lang, strings } from '../i18n';
import { STATUS_PRIVACY_UI } from '../status-strings';
import { WORKFLOW_UI } from '../workflow-strings';
import { Field } from './field';
import { errorText, statusName } from './workflow-bits';

const t = strings(STATUS_PRIVACY_UI, WORKFLOW_UI);

/** Where a grievance registered at another kiosk stands: status, department, district, level and dates. */
export function LimitedStatusCard({ status: s, lang, index, mismatch }: { status: LimitedStatus; lang: Lang; index: number; mismatch: boolean }) {
  const id = `limited-${index}`;
  return (
    <section class="wk-card" aria-labelledby={id}>
      <h3 id={id} class="wk-card__title">{s.number ? t(lang, 'lookup.otherNumbered', { n: formatGrievanceNumber(s.number) }) : t(lang, 'lookup.other')}</h3>
      <p class="note">{t(lang, 'lookup.limited')}</p>
      {mismatch && <p class="note">{t(lang, 'lookup.mobileMismatch')}</p>}
      <dl class="wk-facts">
        <div><dt>{t(lang, 'wk.status')}</dt><dd><strong class={`wk-status wk-status--${s.status}`}>{statusName(s.status, lang)}</strong></dd></div>
        <div><dt>{t(lang, 'wk.department')}</dt><dd>{departmentName(s.departmentCode, lang)}</dd></div>
        <div><dt>{t(lang, 'wk.district')}</dt><dd>{districtName(s.districtCode, lang)}</dd></div>
        {s.level && <div><dt>{t(lang, 'wk.level')}</dt><dd>{s.level}</dd></div>}
        <div><dt>{t(lang, 'wk.registered')}</dt><dd>{formatDateTime(s.registeredAt, lang)}</dd></div>
        <div><dt>{t(lang, 'wk.updated')}</dt><dd>{formatDateTime(s.updatedAt, lang)}</dd></div>
        {s.disposedAt && <div><dt>{t(lang, 'wk.disposedAt')}</dt><dd>{formatDateTime(s.disposedAt, lang)}</dd></div>}
      </dl>
    </section>
  );
}

/** "Send code" and "Code" for what `q` names; `onOpened` gets the citizen's view the right code opens. */
export function CitizenCodePanel({ q, lang, onOpened }: { q: string; lang: Lang; onOpened: (found: Extract<StatusFound, { state: 'live' }>) => void }) {
  const [busy, setBusy] = useState<'send' | 'check'>();
  const [sent, setSent] = useState<CodeSent>();
  const [sendError, setSendError] = useState<string>();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string>();
  const input = useRef<HTMLInputElement>(null);

  async function send() {
    if (busy) return;
    setBusy('send');
    setSendError(undefined);
    const r = await requestCode(q);
    setBusy(undefined);
    if (!r.ok) { setSendError(t(lang, 'code.failed', { msg: errorText(r.error, lang) })); return; }
    setSent(r.sent);
    input.current?.focus();
  }

  async function check(e: Event) {
    e.preventDefault();
    if (busy) return;
    const typed = asciiDigits(code).trim();
    const refuse = (message: string) => { setCodeError(message); input.current?.focus(); };
    if (!new RegExp(`^\\d{${OTP_DIGITS}}$`).test(typed)) return refuse(t(lang, typed ? 'otp.format' : 'code.empty'));
    setBusy('check');
    const r = await checkCode(q, typed);
    setBusy(undefined);
    if (r.state !== 'live') return refuse(r.state === 'error' ? errorText(r.error, lang) : t(lang, 'syncerr.net'));
    setCodeError(undefined);
    onOpened(r);
  }

  return (
    <section class="wk-card" aria-labelledby="code-title">
      <h2 id="code-title" class="wk-card__title">{t(lang, 'code.title')}</h2>
      <p>{t(lang, 'code.lead')}</p>
      <div class="wk-actions">
        <button type="button" class="btn" aria-disabled={busy ? 'true' : undefined} onClick={() => void send()}>{t(lang, 'code.send')}</button>
      </div>
      <p role="status">
        {busy === 'send' ? t(lang, 'code.sending')
          : sent ? t(lang, 'code.sent', { n: OTP_DIGITS, time: formatTime(sent.expiresAt, lang), tries: sent.tries }) : ''}
      </p>
      {sendError && <p class="form-alert" role="alert">{sendError}</p>}
      <form class="wk-lookup" noValidate onSubmit={(e) => void check(e)} aria-labelledby="code-title">
        <Field id="code-input" label={t(lang, 'code.field')} hint={t(lang, 'code.hint')} error={codeError}>
          {(p) => (
            <input {...p} ref={input} type="text" inputMode="numeric" autocomplete="one-time-code" maxLength={OTP_DIGITS} spellcheck={false}
              class="input--digits" value={code} onInput={(e) => setCode(e.currentTarget.value)} />
          )}
        </Field>
        <div class="actions">
          <button type="submit" class="btn btn--primary" aria-disabled={busy ? 'true' : undefined}>{t(lang, 'code.check')}</button>
          {busy === 'check' && <span role="status">{t(lang, 'code.checking')}</span>}
        </div>
      </form>
    </section>
  );
}
