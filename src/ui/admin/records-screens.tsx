/** Reference data versions and the audit log with its filters (admins). */
import { useEffect, useState } from 'preact/hooks';
import { AuditPage, ReferenceVersions } from '../../domain/admin';
import { asciiDigits } from '../../domain/digits';
import type { SessionInfo } from '../../sync/auth-client';
import { districtName, formatDateTime, formatNumber } from '../format';
import { type KeyOf, type Lang, strings } from '../i18n';
import { ADMIN_UI } from './admin-strings';
import { adminCall } from './admin-api';
import { AdminFrame, Outcome } from './admin-frame';

const t = strings(ADMIN_UI);

export function ReferenceScreen({ lang, session }: { lang: Lang; session: SessionInfo }) {
  const [v, setV] = useState<ReferenceVersions>();
  const [failure, setFailure] = useState<string>();
  const L = (k: KeyOf<typeof t>) => t(lang, k);
  useEffect(() => { void adminCall(lang, '/api/admin/reference', ReferenceVersions).then((r) => (r.ok ? setV(r.data) : setFailure(r.message))); }, []);
  return (
    <AdminFrame lang={lang} role={session.role} path="/admin/reference">
      <Outcome ok={false} text={failure} />
      {v && <>
        <div class="adm-table-wrap" role="region" tabIndex={0} aria-labelledby="ref-bundled">
          <h2 id="ref-bundled">{L('ref.bundled')}</h2>
          <table class="adm-table">
            <thead><tr><th scope="col">{L('ref.name')}</th><th scope="col">{L('ref.version')}</th><th scope="col">{L('ref.rows')}</th><th scope="col">{L('ref.source')}</th></tr></thead>
            <tbody>{v.bundled.map((b) => <tr key={b.name}><th scope="row">{b.name}</th><td><code>{b.version}</code></td><td>{formatNumber(b.rows, lang)}</td><td>{b.source}</td></tr>)}</tbody>
          </table>
        </div>
        <div class="adm-table-wrap" role="region" tabIndex={0} aria-labelledby="ref-imports">
          <h2 id="ref-imports">{L('ref.imports')}</h2>
          {v.imports.length === 0 ? <p>{L('ref.noImports')}</p> : (
            <table class="adm-table">
              <thead><tr><th scope="col">{L('acc.district')}</th><th scope="col">{L('ref.version')}</th><th scope="col">{L('ref.rows')}</th><th scope="col">{L('ref.source')}</th><th scope="col">{L('ref.when')}</th></tr></thead>
              <tbody>{v.imports.map((i, n) => (
                <tr key={n}><th scope="row">{i.districtCode ? districtName(i.districtCode, lang) : i.dataset}</th><td><code>{i.version}</code></td><td>{formatNumber(i.rows, lang)}</td><td>{i.source}</td><td>{formatDateTime(i.importedAt, lang)} {i.importedBy ?? ''}</td></tr>
              ))}</tbody>
            </table>
          )}
        </div>
        <h2>{L('ref.model')}</h2>
        <p>{v.triageModel ? `${v.triageModel.version} (${formatDateTime(v.triageModel.createdAt, lang)})` : L('ref.builtIn')}</p>
      </>}
    </AdminFrame>
  );
}

const FILTERS = ['action', 'actor', 'target', 'from', 'to'] as const;

export function AuditScreen({ lang, session }: { lang: Lang; session: SessionInfo }) {
  const [f, setF] = useState<Record<(typeof FILTERS)[number], string>>({ action: '', actor: '', target: '', from: '', to: '' });
  const [page, setPage] = useState<AuditPage>();
  const [failure, setFailure] = useState<string>();
  const L = (k: KeyOf<typeof t>) => t(lang, k);
  const load = async (before?: string) => {
    const q = new URLSearchParams(Object.entries({ ...f, before: before ?? '' }).filter(([, v]) => v.trim()).map(([k, v]) => [k, asciiDigits(v.trim())]));
    const r = await adminCall(lang, `/api/admin/audit?${q}`, AuditPage);
    if (!r.ok) { setFailure(r.message); return; }
    setFailure(undefined);
    setPage(before && page ? { items: [...page.items, ...r.data.items], next: r.data.next } : r.data);
  };
  useEffect(() => { void load(); }, []);
  return (
    <AdminFrame lang={lang} role={session.role} path="/admin/audit">
      <form class="adm-form" onSubmit={(e) => { e.preventDefault(); void load(); }} aria-label={L('aud.filter')}>
        {FILTERS.map((k) => (
          <div class="field" key={k}><label for={`aud-${k}`}>{L(`aud.${k}`)}</label>
            {k === 'from' || k === 'to'
              ? <input id={`aud-${k}`} type="date" value={f[k]} onInput={(e) => setF({ ...f, [k]: e.currentTarget.value })} />
              : <input id={`aud-${k}`} value={f[k]} onInput={(e) => setF({ ...f, [k]: e.currentTarget.value })} autoComplete="off" />}</div>
        ))}
        <div><button type="submit" class="btn btn--primary">{L('aud.filter')}</button></div>
      </form>
      <Outcome ok={false} text={failure} />
      {page && (page.items.length === 0 ? <p role="status">{L('aud.empty')}</p> : <>
        <div class="adm-table-wrap" role="region" tabIndex={0} aria-label={L('aud.list')}>
          <table class="adm-table">
            <caption class="sr-only">{L('aud.list')}</caption>
            <thead><tr><th scope="col">{L('aud.when')}</th><th scope="col">{L('aud.action')}</th><th scope="col">{L('aud.actor')}</th><th scope="col">{L('aud.target')}</th><th scope="col">{L('aud.details')}</th></tr></thead>
            <tbody>{page.items.map((i) => (
              <tr key={i.id}><td>{formatDateTime(i.at, lang)}</td><td>{i.action}</td><td>{i.actorId ?? ''}{i.actorRole ? ` (${i.actorRole})` : ''}</td><td>{i.target ?? ''}</td><td><code>{JSON.stringify(i.details)}</code></td></tr>
            ))}</tbody>
          </table>
        </div>
        {page.next && <p><button type="button" class="btn" onClick={() => void load(page.next!)}>{L('aud.more')}</button></p>}
      </>)}
    </AdminFrame>
  );
}
