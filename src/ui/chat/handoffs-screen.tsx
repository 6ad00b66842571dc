/**
 * The 181 desk (/handoffs; agents and admins; issue 13): the citizen assistant's conversations handed to
 * a person. The list (open, closed or all), one opened with what was said (mobiles and codes masked), a
 * grievance registered from it when the citizen needs one (the intake's fields, consent given on the
 * phone; channel `chat`, routed like any), and closing it with a note. Online only, like administration.
 */
import { useEffect, useState } from 'preact/hooks';
import { HandoffDetail, HandoffList, HandoffRegistered, type HandoffSummary } from '../../domain/handoffs';
import { DEPARTMENTS, DISTRICTS } from '../../domain/reference';
import type { FieldError } from '../../domain/schemas';
import { adminCall, fieldMessage } from '../admin/admin-api';
import { formatDateTime } from '../format';
import { type KeyOf, type Lang, strings, type Vars } from '../i18n';
import { CHAT_UI } from './chat-strings';
import { HANDOFF_UI } from './handoff-strings';
import type { SessionInfo } from '../../sync/auth-client';
import './chat.css';

const t = strings(CHAT_UI, HANDOFF_UI);

type Filter = 'open' | 'closed' | 'all';
const EMPTY = { name: '', mobile: '', districtCode: '', areaType: '', departmentCode: '', address: '', description: '', consent: false };

export function HandoffsScreen({ lang }: { lang: Lang; session: SessionInfo }) {
  const [filter, setFilter] = useState<Filter>('open');
  const [items, setItems] = useState<HandoffSummary[]>();
  const [open, setOpen] = useState<HandoffDetail>();
  const [note, setNote] = useState('');
  const [form, setForm] = useState(EMPTY);
  const [fields, setFields] = useState<FieldError[]>([]);
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = useState(false);
  const L = (k: KeyOf<typeof t>, v?: Vars) => t(lang, k, v);

  const load = async (f = filter) => {
    const r = await adminCall(lang, `/api/handoffs?status=${f}`, HandoffList);
    if (r.ok) setItems(r.data.items);
    else setResult({ ok: false, text: r.message });
  };
  useEffect(() => { void load(); }, [filter]);

  async function show(ref: string) {
    setResult(undefined);
    const r = await adminCall(lang, `/api/handoffs/${ref}`, HandoffDetail);
    if (!r.ok) { setResult({ ok: false, text: r.message }); return; }
    setOpen(r.data);
    setNote('');
    setForm(EMPTY);
    setFields([]);
    setTimeout(() => document.getElementById('handoff-title')?.focus(), 0);
  }

  async function close(e: Event) {
    e.preventDefault();
    if (!open || busy) return;
    setBusy(true);
    const r = await adminCall(lang, `/api/handoffs/${open.ref}/close`, HandoffDetail, { note });
    setBusy(false);
    if (!r.ok) { setFields(r.fields); setResult({ ok: false, text: r.message }); return; }
    setOpen(r.data);
    setResult({ ok: true, text: L('ho.closedDone', { ref: r.data.ref }) });
    void load();
  }

  async function register(e: Event) {
    e.preventDefault();
    if (!open || busy) return;
    setBusy(true);
    const body = { ...form, ...(form.address ? {} : { address: undefined }), ...(form.consent ? { consent: true } : { consent: undefined }) };
    const r = await adminCall(lang, `/api/handoffs/${open.ref}/grievance`, HandoffRegistered, body);
    setBusy(false);
    if (!r.ok) { setFields(r.fields); setResult({ ok: false, text: r.message }); return; }
    setFields([]);
    setOpen({ ...open, grievanceNumber: r.data.number });
    setResult({ ok: true, text: L('ho.registered', { number: r.data.number }) });
    void load();
  }

  const set = (k: keyof typeof EMPTY) => (e: Event) => {
    const el = e.currentTarget as HTMLInputElement;
    setForm((f) => ({ ...f, [k]: el.type === 'checkbox' ? el.checked : el.value }));
  };
  const err = (path: string) => fieldMessage(fields, path, lang);
  const field = (k: 'name' | 'mobile' | 'address', label: string, extra: Record<string, unknown> = {}) => (
    <div class="field">
      <label for={`ho-${k}`}>{label}</label>
      <input id={`ho-${k}`} value={form[k]} onInput={set(k)} aria-invalid={err(k) ? true : undefined} aria-describedby={err(k) ? `ho-${k}-err` : undefined} {...extra} />
      {err(k) && <p id={`ho-${k}-err`} class="field__error">{err(k)}</p>}
    </div>
  );
  const choice = (k: 'districtCode' | 'departmentCode' | 'areaType', label: string, options: { value: string; text: string }[]) => (
    <div class="field">
      <label for={`ho-${k}`}>{label}</label>
      <select id={`ho-${k}`} value={form[k]} onChange={set(k)} aria-invalid={err(k) ? true : undefined} aria-describedby={err(k) ? `ho-${k}-err` : undefined}>
        <option value="">{L('ho.choose')}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.text}</option>)}
      </select>
      {err(k) && <p id={`ho-${k}-err`} class="field__error">{err(k)}</p>}
    </div>
  );

  return (
    <section class="chat handoffs" aria-labelledby="handoffs-title">
      <h1 id="handoffs-title" tabIndex={-1}>{L('nav.handoffs')}</h1>
      <p class="chat__intro">{L('ho.intro')}</p>
      <div class="field">
        <label for="ho-filter">{L('ho.filter')}</label>
        <select id="ho-filter" value={filter} onChange={(e) => setFilter(e.currentTarget.value as Filter)}>
          <option value="open">{L('ho.open')}</option>
          <option value="closed">{L('ho.closed')}</option>
          <option value="all">{L('ho.all')}</option>
        </select>
      </div>
      {result && <p class={result.ok ? 'note' : 'form-alert'} role={result.ok ? 'status' : 'alert'}>{result.text}</p>}
      {items && items.length === 0 && <p role="status">{L('ho.none')}</p>}
      {items && items.length > 0 && (
        <ul class="handoffs__list" aria-label={L('nav.handoffs')}>
          {items.map((h) => (
            <li key={h.ref} class="handoffs__item">
              <button type="button" class="btn" onClick={() => void show(h.ref)} aria-label={L('ho.openRef', { ref: h.ref })}>{h.ref}</button>
              <span> {formatDateTime(h.createdAt, lang)} · {L(h.status === 'open' ? 'ho.open' : 'ho.closed')} · {L('ho.lines', { n: h.messages })}</span>
              {h.preview && <q lang={h.lang}>{h.preview}</q>}
            </li>
          ))}
        </ul>
      )}
      {open && (
        <article class="handoffs__detail" aria-labelledby="handoff-title">
          <h2 id="handoff-title" tabIndex={-1}>{L('ho.ref', { ref: open.ref })}</h2>
          <p>{L(open.status === 'open' ? 'ho.open' : 'ho.closed')}{open.grievanceNumber && ` · ${L('ho.grievance', { number: open.grievanceNumber })}`}{open.note && ` · ${open.note}`}</p>
          <div class="chat__log" role="log" aria-label={L('chat.log')} tabIndex={0}>
            <ol class="chat__lines">
              {open.transcript.map((l, i) => (
                <li key={i} class={`chat__line chat__line--${l.from}`} lang={open.lang}>
                  <span class="sr-only">{L(l.from === 'citizen' ? 'ho.citizen' : 'chat.bot')} </span>
                  {l.text.split('\n').map((p, j) => <p key={j}>{p}</p>)}
                </li>
              ))}
            </ol>
          </div>
          {open.status === 'open' && !open.grievanceNumber && (
            <form class="handoffs__form" onSubmit={register} noValidate aria-labelledby="ho-reg-title">
              <h3 id="ho-reg-title">{L('ho.register')}</h3>
              {field('name', L('ho.name'), { autocomplete: 'off' })}
              {field('mobile', L('ho.mobile'), { inputMode: 'numeric', autocomplete: 'off' })}
              {choice('districtCode', L('ho.district'), DISTRICTS.map((d) => ({ value: d.code, text: d[lang] })))}
              {choice('areaType', L('ho.area'), [{ value: 'rural', text: L('ho.rural') }, { value: 'urban', text: L('ho.urban') }])}
              {field('address', L('ho.place'))}
              {choice('departmentCode', L('ho.department'), DEPARTMENTS.map((d) => ({ value: d.code, text: d[lang] })))}
              <div class="field">
                <label for="ho-description">{L('ho.description')}</label>
                <textarea id="ho-description" rows={3} value={form.description} onInput={set('description')} aria-invalid={err('description') ? true : undefined} aria-describedby={err('description') ? 'ho-description-err' : undefined} />
                {err('description') && <p id="ho-description-err" class="field__error">{err('description')}</p>}
              </div>
              <div class="field">
                <input type="checkbox" id="ho-consent" checked={form.consent} onChange={set('consent')} aria-describedby={err('consent') ? 'ho-consent-err' : undefined} />
                <label for="ho-consent"> {L('ho.consent')}</label>
                {err('consent') && <p id="ho-consent-err" class="field__error">{err('consent')}</p>}
              </div>
              <button type="submit" class="btn btn--primary" disabled={busy}>{L('ho.registerButton')}</button>
            </form>
          )}
          {open.status === 'open' && (
            <form class="handoffs__form" onSubmit={close} noValidate>
              <label for="ho-note">{L('ho.note')}</label>
              <textarea id="ho-note" rows={2} maxLength={1000} value={note} onInput={(e) => setNote(e.currentTarget.value)}
                aria-invalid={err('note') ? true : undefined} aria-describedby={err('note') ? 'ho-note-err' : undefined} />
              {err('note') && <p id="ho-note-err" class="field__error">{err('note')}</p>}
              <button type="submit" class="btn" disabled={busy}>{L('ho.close')}</button>
            </form>
          )}
        </article>
      )}
    </section>
  );
}
