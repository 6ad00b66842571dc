/**
 * Triage suggestion under the grievance description: as the operator types (debounced, in the triage
 * worker, so typing never waits) it shows the suggested department with the words that led to it, two
 * alternatives, the category and the district named in the text. Nothing is filled in by itself: the
 * operator accepts with a button or Alt+S. Accepting never overwrites a district or category the
 * operator already chose (only an empty field is filled, or the category of a changed department).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { departmentByCode, districtByCode } from '../../domain/reference';
import { refreshTriageModel, suggestTriage, type TriageResult } from '../../triage/bridge';
import type { TriageMessageKey } from '../../triage/messages';
import { formatPercent } from '../format';

/** What the operator accepted. tehsilCode is the LGD code of the tehsil/block named (places.json), sent only with a district filled in. */
export type TriageAcceptance = { departmentCode: string; categoryCode?: string; districtCode?: string; tehsilCode?: string };

export type TriageSuggestionProps = {
  /** The description as typed. */
  text: string;
  /** Current values of the form fields (empty when not chosen yet). */
  departmentCode?: string | null;
  categoryCode?: string | null;
  districtCode?: string | null;
  /** The app's translation function; keys are those of TRIAGE_MESSAGES. */
  t: (key: TriageMessageKey) => string;
  /** Language of department/category/district names (from the reference data). */
  lang?: 'hi' | 'en';
  onAccept: (s: TriageAcceptance) => void;
  /** Defaults to the worker bridge; tests pass a stub. */
  suggest?: (text: string) => Promise<TriageResult>;
  debounceMs?: number;
  /** Shorter descriptions get no suggestion. */
  minChars?: number;
  /** The suggestion now on screen (null: none), so the form can store it with the grievance. */
  onShown?: (s: { modelVersion: string; department: string; category: string | null; confidence: number } | null) => void;
};

/** `for`: the text the last finished suggestion (or failure) was for. */
type State = { status: 'idle' | 'working' | 'ready' | 'unavailable'; result?: TriageResult; for?: string };

/** What accepting department `code` sets: a category only for the suggested department, a district only if empty. */
export function acceptance(r: TriageResult, code: string, current: { categoryCode?: string | null; districtCode?: string | null; departmentCode?: string | null }): TriageAcceptance {
  const out: TriageAcceptance = { departmentCode: code };
  const categoryFree = !current.categoryCode || current.departmentCode !== code;
  if (code === r.department && r.category && categoryFree) out.categoryCode = r.category;
  if (!current.districtCode && r.districts[0]) {
    out.districtCode = r.districts[0];
    if (r.tehsil?.district === out.districtCode) out.tehsilCode = r.tehsil.code;
  }
  return out;
}

export function TriageSuggestion(props: TriageSuggestionProps) {
  const { text, t, lang = 'hi', onAccept, debounceMs = 250, minChars = 8 } = props;
  const suggest = props.suggest ?? suggestTriage;
  const [state, setState] = useState<State>({ status: 'idle' });
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    if (text.trim().length < minChars) { setState({ status: 'idle' }); return; }
    setState((s) => ({ ...s, status: s.result ? s.status : 'working' }));
    const timer = setTimeout(() => {
      suggest(text).then(
        (result) => { if (seq.current === mine) setState({ status: 'ready', result, for: text }); },
        () => { if (seq.current === mine) setState({ status: 'unavailable', for: text }); },
      );
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [text]);

  const r = state.status === 'ready' && state.result?.suggest ? state.result : undefined;

  // what is on screen, for the record kept with the grievance; nothing once this goes away
  const onShown = useRef(props.onShown);
  onShown.current = props.onShown;
  useEffect(() => {
    onShown.current?.(r ? { modelVersion: r.modelVersion, department: r.department, category: r.category, confidence: r.confidence } : null);
  }, [r]);
  useEffect(() => () => onShown.current?.(null), []);
  // a model retrained on the server, when online (at most every half hour; the worker keeps it for offline use)
  useEffect(() => { if (!props.suggest) void refreshTriageModel().catch(() => undefined); }, []);
  const current = { departmentCode: props.departmentCode, categoryCode: props.categoryCode, districtCode: props.districtCode };
  const accept = (code: string) => r && onAccept(acceptance(r, code, current));

  // Alt+S accepts the first suggestion from anywhere in the form
  const latest = useRef(accept);
  latest.current = accept;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && (e.key === 's' || e.key === 'S' || e.code === 'KeyS')) {
        if (!r) return;
        e.preventDefault();
        latest.current(r.department);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [r?.department]);

  const name = (n: { en: string; hi: string } | undefined, code: string) => (n ? n[lang] : code);
  const dept = (code: string) => name(departmentByCode(code), code);
  const catName = (d: string, c: string) => name(departmentByCode(d)?.categories.find((x) => x.code === c), c);
  const pct = (x: number) => formatPercent(x, lang);

  if (state.status === 'idle') return null;
  // `data-triage-for`: the text whose suggestion has finished (tests wait for it instead of a timer).
  const done = state.for === text ? text : undefined;
  if (state.status === 'unavailable') return <p class="triage-suggestion triage-muted" role="status" data-triage-for={done}>{t('triage.unavailable')}</p>;
  if (!r) {
    return <p class="triage-suggestion triage-muted" role="status" data-triage-for={done}>{state.status === 'working' ? t('triage.working') : t('triage.none')}</p>;
  }

  const applied = props.departmentCode === r.department && (!r.category || props.categoryCode === r.category);
  const district = r.districts[0];
  const place = r.places.find((p) => p.districts[0] === district && (p.kind === 'district' || p.kind === 'abolished')) ?? r.places.find((p) => p.districts[0] === district);
  const alternatives = r.departmentTop3.slice(1).filter((d) => d.confidence >= 0.02);
  return (
    <section class="triage-suggestion" aria-label={t('triage.title')} data-triage-for={done}>
      <p class="triage-head" role="status" aria-live="polite">
        <span>{t('triage.title')}: </span>
        <strong>{dept(r.department)}</strong>
        {r.category && <span> · {catName(r.department, r.category)}</span>}
        <span class="triage-confidence"> ({t('triage.confidence')} {pct(r.confidence)}{r.confidence < 0.6 ? `, ${t('triage.lowConfidence')}` : ''})</span>
        {applied && <span class="triage-applied"> · {t('triage.applied')}</span>}
      </p>
      {r.why.length > 0 && (
        <p class="triage-why">{t('triage.because')}: {r.why.map((w, i) => <span key={w.word}>{i > 0 && ', '}<mark>{w.word}</mark></span>)}</p>
      )}
      {district && (
        <p class="triage-place">
          {t('triage.district')}: <strong>{name(districtByCode(district), district)}</strong>
          {place && <span> ({t('triage.because')}: <mark>{place.surface}</mark>)</span>}
          {r.tehsil && <span> · {t('triage.tehsil')}: {lang === 'hi' ? r.tehsil.surface : r.tehsil.name}</span>}
        </p>
      )}
      <div class="triage-actions">
        <button type="button" class="btn btn--primary btn--small triage-accept" onClick={() => accept(r.department)} aria-keyshortcuts="Alt+S" title={t('triage.acceptKey')}>
          {t('triage.accept')}: {dept(r.department)}{district && !props.districtCode ? `, ${name(districtByCode(district), district)}` : ''} (Alt+S)
        </button>
        {alternatives.length > 0 && (
          <span class="triage-alternatives" role="group" aria-label={t('triage.alternatives')}>
            {alternatives.map((d) => (
              <button type="button" class="btn btn--small" key={d.code} onClick={() => accept(d.code)}>{dept(d.code)} ({pct(d.confidence)})</button>
            ))}
          </span>
        )}
      </div>
    </section>
  );
}
