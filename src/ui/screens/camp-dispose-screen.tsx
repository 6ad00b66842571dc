/**
 * On-the-spot disposal at a camp (issue 12 item 3), on the camp device and offline. The operator calls an
 * officer present: "Officer sign-in" locks the operator's screen (their session, grievances and token queue
 * stay as they are) and the officer signs in with "Sign in as someone else" (offline too, if they signed in
 * online once on this device). The officer sees the grievances registered here at the camp in their
 * departments, disposes of one (saved on the device, sent once after its grievance: src/sync/camp-actions.ts),
 * and the citizen's slip prints at once. "Hand the device back" locks the officer's screen and puts the
 * operator's back, locked: the operator's password opens it, and the officer's disposals are still sent
 * with the officer's own tokens (src/db/session.ts handBack).
 */
import { useState } from 'preact/hooks';
import { campGrievances, disposeOnTheSpot, handBackToOperator, rememberOperator, type CampGrievance } from '../../db/camp-disposal';
import { operatorKey } from '../../domain/accounts';
import type { CampEvent } from '../../domain/events';
import { OUTCOMES, type Outcome } from '../../domain/workflow';
import { lock, type SessionInfo } from '../../sync/auth-client';
import { requestReplay } from '../../sync/client';
import { campState } from '../../sync/events';
import { DisposalSlip, type SlipData } from '../components/disposal-slip';
import { GroupedNumber } from '../components/grouped-number';
import { departmentName, excerpt } from '../format';
import { errorWords, type KeyOf, type Lang, strings, type Vars } from '../i18n';
import { CAMP_DISPOSAL_UI } from '../camp-disposal-strings';
import { WORKFLOW_UI } from '../workflow-strings';
import type { Prefs } from '../prefs';
import { useObservable } from '../use-observable';

const t = strings(CAMP_DISPOSAL_UI, WORKFLOW_UI);

export function CampDisposeScreen({ lang, session, prefs }: { lang: Lang; session: SessionInfo; prefs: Prefs }) {
  const camp = useObservable(campState, undefined);
  const L = (k: KeyOf<typeof t>, v?: Vars) => t(lang, k, v);
  if (!camp) return null;
  const chosen = camp.chosen;
  return (
    <>
      <h1 tabIndex={-1} class="no-print">{L('nav.campDispose')}</h1>
      {!chosen ? <p class="no-print">{L('cd.noCamp')}</p>
        : session.role === 'operator' ? <OperatorPart lang={lang} session={session} />
        : !chosen.officers.includes(operatorKey(session.operatorId)) ? <p class="no-print" role="status">{L('cd.notPresent', { camp: chosen.name })}</p>
        : <OfficerPart key={chosen.id} lang={lang} session={session} camp={chosen} prefs={prefs} />}
    </>
  );
}

function OperatorPart({ lang, session }: { lang: Lang; session: SessionInfo }) {
  return (
    <>
      <p class="hint" id="cd-op-hint">{t(lang, 'cd.hintOperator')}</p>
      <button type="button" class="btn btn--primary" aria-describedby="cd-op-hint" onClick={async () => { await rememberOperator(session.operatorKey); await lock(); }}>
        {t(lang, 'cd.officerSignIn')}
      </button>
    </>
  );
}

function OfficerPart({ lang, session, camp, prefs }: { lang: Lang; session: SessionInfo; camp: CampEvent; prefs: Prefs }) {
  const list = useObservable(() => campGrievances(camp.id, session.departments), undefined as CampGrievance[] | undefined);
  const [open, setOpen] = useState<CampGrievance>();
  const [slip, setSlip] = useState<SlipData>();
  const [note, setNote] = useState('');
  const L = (k: KeyOf<typeof t>, v?: Vars) => t(lang, k, v);

  async function saved(g: CampGrievance, outcome: Outcome, remarks: string) {
    const at = Date.now();
    await disposeOnTheSpot(session.operatorKey, g.row.clientId, outcome, remarks, new Date(at));
    setOpen(undefined);
    setNote(L('cd.saved'));
    setSlip({
      receiptNumber: g.row.receiptNumber, number: g.row.number, departmentCode: g.row.departmentCode, outcome, remarks, officerName: session.name,
      officerLevel: session.level, officerDepartments: session.departments, campName: camp.name, venue: camp.venue, at,
    });
    if (navigator.onLine) void requestReplay('manual').catch(() => undefined);
  }

  async function giveBack() {
    if (!(await handBackToOperator())) setNote(L('cd.noOperator'));
  }

  return (
    <>
      <p class="no-print">{L('cd.lead', { camp: camp.name })}</p>
      <p role="status" class="no-print">{note}</p>
      {slip && (
        <>
          <p class="no-print"><button type="button" class="btn" onClick={() => window.print()}>{L('cd.printAgain')}</button></p>
          <DisposalSlip slip={slip} paper={prefs.paper} printNow />
        </>
      )}
      {open && <DisposeForm lang={lang} g={open} onCancel={() => setOpen(undefined)} onSave={(o, r) => void saved(open, o, r)} />}
      {list && list.length === 0 && <p class="no-print">{L('cd.none')}</p>}
      {list && list.length > 0 && (
        <ul class="cd-list no-print">
          {list.map((g) => (
            <li key={g.row.clientId} class="cd-item">
              <p><strong><GroupedNumber value={g.row.receiptNumber} /></strong> — {departmentName(g.row.departmentCode, lang)}</p>
              <p>{g.row.name}: {excerpt(g.row.description, 120)}</p>
              {g.disposal ? (
                <p>{L('cd.done')}: {L(`cd.state.${g.disposal.state === 'sending' ? 'saved' : g.disposal.state}`)}
                  {g.disposal.lastError && g.disposal.state === 'attention' && <> — {errorWords(lang, g.disposal.lastError, t)}</>}
                </p>
              ) : (
                <button type="button" class="btn" onClick={() => { setSlip(undefined); setOpen(g); }}>
                  {L('cd.dispose')} <span class="sr-only">{g.row.receiptNumber}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <section class="no-print cd-back">
        <p class="hint" id="cd-back-hint">{L('cd.handBackHint')}</p>
        <button type="button" class="btn" aria-describedby="cd-back-hint" onClick={() => void giveBack()}>{L('cd.handBack')}</button>
      </section>
    </>
  );
}

function DisposeForm({ lang, g, onCancel, onSave }: { lang: Lang; g: CampGrievance; onCancel: () => void; onSave: (o: Outcome, remarks: string) => void }) {
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [remarks, setRemarks] = useState('');
  const [error, setError] = useState<string>();
  const L = (k: KeyOf<typeof t>, v?: Vars) => t(lang, k, v);
  const submit = (e: Event) => {
    e.preventDefault();
    const text = remarks.trim();
    if (!outcome) return setError(L('wf.outcome'));
    if ([...text].length < 5 || [...text].length > 2000) return setError(L('wf.remarks'));
    onSave(outcome, text);
  };
  return (
    <form class="cd-form no-print" onSubmit={submit} aria-labelledby="cd-form-title" noValidate>
      <h2 id="cd-form-title">{L('cd.formTitle', { receipt: g.row.receiptNumber })}</h2>
      <div class="field">
        <label for="cd-outcome">{L('cd.outcome')}</label>
        <select id="cd-outcome" value={outcome} onChange={(e) => setOutcome(e.currentTarget.value as Outcome)} aria-invalid={!!error && !outcome}>
          <option value="">{L('act.f.outcome.choose')}</option>
          {OUTCOMES.map((o) => <option key={o} value={o}>{L(`outcome.${o}`)}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="cd-remarks">{L('cd.remarks')}</label>
        <textarea id="cd-remarks" rows={3} value={remarks} onInput={(e) => setRemarks(e.currentTarget.value)} aria-describedby="cd-remarks-hint" />
        <p class="hint" id="cd-remarks-hint">{L('cd.remarksHint')}</p>
      </div>
      {error && <p class="field-error" role="alert">{error}</p>}
      <p>
        <button type="submit" class="btn btn--primary">{L('cd.submit')}</button>{' '}
        <button type="button" class="btn" onClick={onCancel}>{L('cd.cancel')}</button>
      </p>
    </form>
  );
}
