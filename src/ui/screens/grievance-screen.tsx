/**
 * One grievance, for those who work it: its details, the citizen's, the description, the attachments and
 * the whole history, and the actions the person may take (src/ui/components/action-panel.tsx), each saved
 * on the device first and sent by the replay. Offline it shows the copy kept when it was last opened,
 * with its time; the actions taken here are listed with where each stands. An operator of the registering
 * kiosk sees the citizen-facing status instead.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { PENDING } from '../../db/actions';
import type { ActionRow } from '../../db/db';
import { formatGrievanceNumber } from '../../domain/numbers';
import type { GrievanceDetail, OfficerView } from '../../domain/workflow-api';
import type { SessionInfo } from '../../sync/auth-client';
import { loadGrievance, type Loaded } from '../../sync/workflow-client';
import { ActionList } from '../components/action-list';
import { ActionPanel } from '../components/action-panel';
import { AttachmentLinks } from '../components/attachment-links';
import { CitizenStatusCard } from '../components/citizen-status';
import { HistoryList } from '../components/history-list';
import { KeptNote, outcomeName, satisfactionName, statusName, timeLeft, useReloadOnDone, useActions } from '../components/workflow-bits';
import { categoryName, departmentName, districtName, formatDateTime } from '../format';
import { type KeyOf, type Lang, strings, type Vars } from '../i18n';
import { WORKFLOW_UI } from '../workflow-strings';
import { Link } from '../router';
import './workflow.css';

const t = strings(WORKFLOW_UI);

export function GrievanceScreen({ lang, session, number }: { lang: Lang; session: SessionInfo; number: string }) {
  const [loaded, setLoaded] = useState<Loaded<GrievanceDetail>>();
  const rows = useActions(session.operatorKey, number);
  const load = () => { void loadGrievance(session, number).then(setLoaded); };
  useEffect(load, []);
  useReloadOnDone(rows, load);
  const data = loaded && (loaded.state === 'live' || loaded.state === 'kept') ? loaded.data : undefined;
  const waiting = (rows ?? []).filter((r) => PENDING.includes(r.state));

  return (
    <>
      <h1 tabIndex={-1}>{t(lang, 'wk.number', { n: formatGrievanceNumber(number) })}</h1>
      {(session.role === 'officer' || session.role === 'nodal') && <p><Link href="/queue">{t(lang, 'gv.back')}</Link></p>}
      <div class="wk-bar">
        {loaded ? <KeptNote loaded={loaded} lang={lang} /> : <p role="status">{t(lang, 'wk.loading')}</p>}
        <button type="button" class="btn btn--small" onClick={load}>{t(lang, 'wk.refresh')}</button>
      </div>
      {data?.view === 'officer' && <OfficerDetail view={data} waiting={waiting} session={session} lang={lang} />}
      {data?.view === 'citizen' && (
        <CitizenStatusCard status={data} session={session} lang={lang} rows={rows ?? []} headingLevel={2}
          savedAt={loaded?.state === 'kept' ? loaded.savedAt : undefined} />
      )}
      <ActionList rows={rows ?? []} lang={lang} title={t(lang, 'queue.deviceActions')} />
    </>
  );
}

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return <div><dt>{label}</dt><dd>{children}</dd></div>;
}

function OfficerDetail({ view: v, waiting, session, lang }: { view: OfficerView; waiting: ActionRow[]; session: SessionInfo; lang: Lang }) {
  const L = (k: KeyOf<typeof t>, vars?: Vars) => t(lang, k, vars);
  const left = timeLeft(v.dueAt, Date.now(), lang);
  const c = v.citizen;
  return (
    <>
      <section class="wk-section" aria-labelledby="gv-details">
        <h2 id="gv-details">{L('gv.details')}</h2>
        <dl class="wk-facts">
          <Fact label={L('wk.status')}><strong>{statusName(v.status, lang)}</strong></Fact>
          {v.level && <Fact label={L('wk.level')}>{v.level}</Fact>}
          <Fact label={L('wk.department')}>{departmentName(v.departmentCode, lang)}</Fact>
          {v.categoryCode && <Fact label={L('wk.category')}>{categoryName(v.departmentCode, v.categoryCode, lang)}</Fact>}
          <Fact label={L('wk.district')}>{districtName(v.districtCode, lang)}</Fact>
          <Fact label={L('wk.received')}>{formatDateTime(v.receivedAt, lang)}</Fact>
          <Fact label={L('wk.receipt')}>{v.receiptNumber}</Fact>
          {v.dueAt && <Fact label={L('wk.due')}>{formatDateTime(v.dueAt, lang)} <span class={left.overdue ? 'wk-overdue' : ''}>({left.text})</span></Fact>}
          {v.outcome && <Fact label={L('wk.outcome')}>{outcomeName(v.outcome, lang)}</Fact>}
          {v.remarks && <Fact label={L('wk.remarksShown')}>{v.remarks}</Fact>}
          {v.satisfaction && <Fact label={L('wk.satisfaction')}>{satisfactionName(v.satisfaction, lang)}</Fact>}
          {v.reopenCount > 0 && <Fact label={L('wk.reopenCount')}>{v.reopenCount}</Fact>}
        </dl>
      </section>

      <ActionPanel view={v} waiting={waiting} session={session} lang={lang} />

      <section class="wk-section" aria-labelledby="gv-citizen">
        <h2 id="gv-citizen">{L('gv.citizen')}</h2>
        <dl class="wk-facts">
          <Fact label={L('gv.name')}>{c.name}</Fact>
          <Fact label={L('wk.mobile')}><span class="input--digits">{c.mobile}</span></Fact>
          {c.address && <Fact label={L('gv.address')}>{c.address}</Fact>}
          {c.pin && <Fact label={L('gv.pin')}>{c.pin}</Fact>}
          {c.janAadhaarId && <Fact label={L('gv.janAadhaar')}>{c.janAadhaarId}</Fact>}
          {c.aadhaar && <Fact label={L('gv.aadhaar')}>{c.aadhaar}</Fact>}
        </dl>
      </section>

      <section class="wk-section" aria-labelledby="gv-description">
        <h2 id="gv-description">{L('gv.description')}</h2>
        <p class="wk-description">{v.description}</p>
      </section>

      <section class="wk-section" aria-labelledby="gv-files">
        <h2 id="gv-files">{L('gv.attachments')}</h2>
        <AttachmentLinks attachments={v.attachments} lang={lang} />
      </section>

      <section class="wk-section" aria-labelledby="gv-history">
        <h2 id="gv-history">{L('hist.title')}</h2>
        <HistoryList events={v.events} lang={lang} />
      </section>
    </>
  );
}
