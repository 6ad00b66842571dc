/**
 * Routing rules and the "who would get this grievance?" tester (issue 15). The tester asks the server,
 * which answers with the routing code ingest itself uses (server/workflow/routing.ts), so what it says is
 * where such a grievance would go now, level by level, and why.
 */
import { useEffect, useState } from 'preact/hooks';
import * as z from 'zod/mini';
import { LEVELS } from '../../domain/accounts';
import { RoutingAnswer } from '../../domain/admin';
import { DEPARTMENTS, DISTRICTS, departmentByCode } from '../../domain/reference';
import { asciiDigits } from '../../domain/digits';
import type { SessionInfo } from '../../sync/auth-client';
import { type KeyOf, type Lang, messageText, strings, type Vars } from '../i18n';
import { ADMIN_UI } from './admin-strings';
import { adminCall } from './admin-api';
import { AdminFrame, Outcome } from './admin-frame';
import { enterMovesFocus } from '../enter-key';

const t = strings(ADMIN_UI);

type Rule = { id: string; department: string; category?: string; district?: string; place?: string; area?: 'rural' | 'urban'; levels: Partial<Record<(typeof LEVELS)[number], string>> };
const Rules = z.object({ rules: z.array(z.custom<Rule>((v) => typeof v === 'object' && v !== null)) });
const Ok = z.object({ ok: z.literal(true) });
const clean = (o: Record<string, unknown>) => JSON.parse(JSON.stringify(o, (_, v: unknown) => (v === '' ? undefined : v))) as Record<string, unknown>;

function useSelectors(lang: Lang, f: Record<string, string>, set: (k: string) => (e: Event) => void, prefix: string) {
  const cats = departmentByCode(f.department)?.categories ?? [];
  return <>
    <div class="field"><label for={`${prefix}-dept`}>{t(lang, 'acc.department')}</label>
      <select id={`${prefix}-dept`} value={f.department} onChange={set('department')}>{DEPARTMENTS.map((d) => <option key={d.code} value={d.code}>{d[lang]}</option>)}</select></div>
    <div class="field"><label for={`${prefix}-cat`}>{t(lang, 'rt.category')}</label>
      <select id={`${prefix}-cat`} value={f.category} onChange={set('category')}><option value="">{t(lang, 'adm.any')}</option>{cats.map((c) => <option key={c.code} value={c.code}>{c[lang]}</option>)}</select></div>
    <div class="field"><label for={`${prefix}-district`}>{t(lang, 'acc.district')}</label>
      <select id={`${prefix}-district`} value={f.district} onChange={set('district')}><option value="">{t(lang, 'adm.any')}</option>{DISTRICTS.map((d) => <option key={d.code} value={d.code}>{d[lang]}</option>)}</select></div>
    <div class="field"><label for={`${prefix}-area`}>{t(lang, 'rt.area')}</label>
      <select id={`${prefix}-area`} value={f.area} onChange={set('area')}><option value="">{t(lang, 'adm.any')}</option><option value="rural">{t(lang, 'f.rural')}</option><option value="urban">{t(lang, 'f.urban')}</option></select></div>
  </>;
}

export function RoutingScreen({ lang, session }: { lang: Lang; session: SessionInfo }) {
  const [rules, setRules] = useState<Rule[]>([]);
  const [msg, setMsg] = useState<{ ok: boolean; text: string }>();
  const firstDept = session.departments?.[0] ?? DEPARTMENTS[0].code;
  const [rule, setRule] = useState<Record<string, string>>({ id: '', department: firstDept, category: '', district: session.district ?? '', area: '', place: '', L1: '', L2: '', L3: '', L4: '' });
  const [probe, setProbe] = useState<Record<string, string>>({ department: firstDept, category: '', district: session.district ?? 'jaipur', area: 'rural', tehsil: '', gp: '', ward: '' });
  const [answer, setAnswer] = useState<RoutingAnswer>();
  const L = (k: KeyOf<typeof t>, v?: Vars) => t(lang, k, v);
  const load = async () => { const r = await adminCall(lang, '/api/admin/routing', Rules); if (r.ok) setRules(r.data.rules); };
  useEffect(() => { void load(); }, []);
  const setR = (k: string) => (e: Event) => setRule({ ...rule, [k]: (e.currentTarget as HTMLInputElement).value });
  const setP = (k: string) => (e: Event) => setProbe({ ...probe, [k]: asciiDigits((e.currentTarget as HTMLInputElement).value) });

  const save = async (e: Event) => {
    e.preventDefault();
    const body = clean({ id: rule.id.trim(), department: rule.department, category: rule.category, district: rule.district, area: rule.area, place: asciiDigits(rule.place.trim()),
      levels: clean(Object.fromEntries(LEVELS.map((l) => [l, rule[l].trim()]))) });
    const r = await adminCall(lang, '/api/admin/routing', Rules, body);
    setMsg(r.ok ? { ok: true, text: L('adm.saved') } : { ok: false, text: L('adm.failed', { msg: [r.message, ...r.fields.map((f) => `${f.path}: ${lang === 'hi' ? f.messageHi : f.message}`)].join(' ') }) });
    if (r.ok) await load();
  };
  const remove = async (id: string) => {
    const r = await adminCall(lang, '/api/admin/routing/remove', Ok, { id });
    setMsg(r.ok ? { ok: true, text: L('adm.saved') } : { ok: false, text: L('adm.failed', { msg: r.message }) });
    await load();
  };
  const test = async (e: Event) => {
    e.preventDefault();
    const tehsil = probe.tehsil.trim();
    const r = await adminCall(lang, '/api/admin/routing/test', RoutingAnswer, clean({
      departmentCode: probe.department, categoryCode: probe.category, districtCode: probe.district, areaType: probe.area || 'rural',
      tehsilCode: tehsil, gramPanchayatCode: probe.gp.trim(), wardCode: probe.ward.trim(),
    }));
    if (r.ok) { setAnswer(r.data); setMsg(undefined); } else { setAnswer(undefined); setMsg({ ok: false, text: L('adm.failed', { msg: r.message }) }); }
  };

  return (
    <AdminFrame lang={lang} role={session.role} path="/admin/routing">
      <form class="adm-form" onSubmit={test} aria-labelledby="rt-test-title">
        <h2 id="rt-test-title" class="adm-form__wide">{L('rt.test')}</h2>
        {useSelectors(lang, probe, setP, 'rtt')}
        <div class="field"><label for="rtt-tehsil">{L('rt.tehsil')}</label><input id="rtt-tehsil" inputMode="numeric" value={probe.tehsil} onInput={setP('tehsil')} /></div>
        <div class="field"><label for="rtt-gp">{L('rt.gp')}</label><input id="rtt-gp" inputMode="numeric" value={probe.gp} onInput={setP('gp')} /></div>
        <div class="field"><label for="rtt-ward">{L('rt.ward')}</label><input id="rtt-ward" inputMode="numeric" value={probe.ward} onInput={setP('ward')} /></div>
        <div class="adm-form__wide"><button type="submit" class="btn btn--primary">{L('rt.testButton')}</button></div>
      </form>
      {answer && (
        <section aria-labelledby="rt-result-title" class="wk-card">
          <h2 id="rt-result-title">{L('rt.result')}</h2>
          <ul>{answer.levels.map((l) => (
            <li key={l.level}><strong>{l.level}:</strong> {l.holderId ? `${l.holderName ?? ''} (${l.holderId})` : L('rt.nobody')} — {messageText(lang, l.reason)}{l.ruleId ? ` (${L('rt.byRule', { id: l.ruleId })})` : ''}</li>
          ))}</ul>
        </section>
      )}
      <Outcome ok={!!msg?.ok} text={msg?.text} />
      <form class="adm-form" onSubmit={save} onKeyDown={enterMovesFocus} aria-labelledby="rt-new-title">
        <h2 id="rt-new-title" class="adm-form__wide">{L('rt.new')}</h2>
        <div class="field"><label for="rt-id">{L('rt.id')}</label><input id="rt-id" value={rule.id} onInput={setR('id')} autoComplete="off" /></div>
        {useSelectors(lang, rule, setR, 'rt')}
        <div class="field"><label for="rt-place">{L('rt.place')}</label><input id="rt-place" value={rule.place} onInput={setR('place')} autoComplete="off" /></div>
        {LEVELS.map((l) => <div class="field" key={l}><label for={`rt-${l}`}>{L('rt.account', { level: l })}</label><input id={`rt-${l}`} value={rule[l]} onInput={setR(l)} autoComplete="off" /></div>)}
        <div class="adm-form__wide"><button type="submit" class="btn btn--primary">{L('adm.save')}</button></div>
      </form>
      <div class="adm-table-wrap" role="region" tabIndex={0} aria-labelledby="rt-list-title">
        <h2 id="rt-list-title">{L('rt.list')}</h2>
        <table class="adm-table">
          <thead><tr><th scope="col">{L('rt.id')}</th><th scope="col">{L('acc.department')}</th><th scope="col">{L('acc.where')}</th>{LEVELS.map((l) => <th scope="col" key={l}>{l}</th>)}<th scope="col">{L('acc.actions')}</th></tr></thead>
          <tbody>{rules.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.id}</th><td>{r.department}{r.category ? ` / ${r.category}` : ''}</td>
              <td>{[r.district, r.place, r.area].filter(Boolean).join(' · ')}</td>
              {LEVELS.map((l) => <td key={l}>{r.levels[l] ?? ''}</td>)}
              <td><button type="button" class="btn btn--small" aria-label={`${L('adm.remove')} ${r.id}`} onClick={() => void remove(r.id)}>{L('adm.remove')}</button></td>
            </tr>
          ))}</tbody>
        </table>
      </div>
    </AdminFrame>
  );
}
