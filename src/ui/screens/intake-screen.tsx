/**
 * The intake form: what the operator types for a walk-in citizen, validated with the shared schema
 * (parseIntake) on blur and on submit, saved on the device with registerGrievance, then shown as a
 * receipt while the form resets for the next citizen. The grievance is registered as the signed-in
 * operator's (their kiosk code and operator ID). Aadhaar is checked (Verhoeff) and sealed here (and by
 * the duplicate check); the full number never leaves the page in plain text. The triage suggestion shown
 * is stored with the grievance; a similar grievance of the same citizen is shown before Register.
 */
import { CampLine } from '../components/camp-line';
import type { TargetedEvent } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { OutboxItem } from '../../db/grievances';
import { correctableSubmission, correctGrievance, isQuotaError, registerGrievance, syncNow } from '../device';
import { hasSealKey, sealAadhaar } from '../../domain/seal';
import { normalizeAadhaar, normalizeMobile } from '../../domain/identity';
import { keptSuggestion, type GrievanceSubmission, type TriageRecord } from '../../domain/schemas';
import { parseIntake, type IntakeInput } from '../../domain/intake';
import { DEPARTMENTS, DISTRICTS, departmentByCode } from '../../domain/reference';
import { Field, ErrorText, RequiredMark, controlProps } from '../components/field';
import { TriageSlot, type TriageApply, type TriageShown } from '../components/triage-slot';
import { HindiSuggestions, HindiToggle, useHindiTyping } from '../components/hindi-typing';
import { NO_LOCAL, type LocalChoice } from '../components/local-choice';
import { lazyComponent } from '../lazy';

// The village and ward pickers load after the form is drawn (they need the places' schema and the Cache Storage).
const VillagePicker = lazyComponent(() => import('../components/village-picker').then((m) => m.VillagePicker));
import { DuplicateSlot, type DuplicateLink } from '../components/duplicate-slot';
import { t, type Key, type Lang } from '../i18n';
import { abolishedDistricts, placesOf, type DistrictPlaces } from '../places';
import type { Prefs } from '../prefs';
import type { SessionInfo } from '../../sync/auth-client';
import { Receipt } from '../components/lazy-receipt';
import { AttachmentsField } from '../components/lazy-attachments';
import type { PreparedAttachment } from '../../media/attachment-rules';
import { Link, navigate, useRoute } from '../router';
import { enterMovesFocus } from '../enter-key';

type Form = {
  name: string; mobile: string; janAadhaarId: string; aadhaar: string; address: string; pin: string;
  areaType: '' | 'rural' | 'urban'; districtCode: string; tehsil: string; departmentCode: string;
  categoryCode: string; description: string; consent: boolean;
} & LocalChoice;
type Name = keyof Form;

const EMPTY: Form = {
  name: '', mobile: '', janAadhaarId: '', aadhaar: '', address: '', pin: '', areaType: '', districtCode: '',
  tehsil: '', departmentCode: '', categoryCode: '', description: '', consent: false, ...NO_LOCAL,
};

/** The tehsil/block select needs distinct values (LGD tehsil and block codes overlap): "t:629", "b:629". */
const lgdCode = (v: string, kind: 't' | 'b') => (v.startsWith(`${kind}:`) && v.slice(2)) || undefined;

/** A stored submission as the form shows it, for "Correct and resend" (the full Aadhaar is not on the device). */
function formOf(s: GrievanceSubmission): Form {
  return {
    name: s.name, mobile: s.mobile, janAadhaarId: s.janAadhaarId ?? '', aadhaar: '', address: s.address ?? '', pin: s.pin ?? '',
    areaType: s.areaType, districtCode: s.districtCode, tehsil: s.tehsilCode ? `t:${s.tehsilCode}` : s.blockCode ? `b:${s.blockCode}` : '',
    departmentCode: s.departmentCode, categoryCode: s.categoryCode ?? '', description: s.description, consent: s.consent,
    villageCode: s.villageCode ?? '', gramPanchayatCode: s.gramPanchayatCode ?? '', wardCode: s.wardCode ?? '',
  };
}

/** The record being corrected ("Correct and resend" from the Outbox): what the form does not show but keeps. */
type Correcting = { clientId: string; receiptNumber: string; aadhaarLast4?: string; aadhaarSealed?: string; files: number };

/** The form's values as the shared parser takes them. */
function toInput(f: Form): IntakeInput {
  return {
    name: f.name, mobile: f.mobile, janAadhaarId: f.janAadhaarId, address: f.address, pin: f.pin,
    areaType: f.areaType, districtCode: f.districtCode, tehsilCode: lgdCode(f.tehsil, 't'), blockCode: lgdCode(f.tehsil, 'b'),
    departmentCode: f.departmentCode, categoryCode: f.categoryCode, description: f.description, consent: f.consent,
    villageCode: f.villageCode, gramPanchayatCode: f.gramPanchayatCode, wardCode: f.wardCode,
  };
}

/** Message keys per form field; the schema's `tehsilCode` error belongs to the `tehsil` control. */
function validate(f: Form): Partial<Record<Name, string>> {
  const r = parseIntake(toInput(f));
  const errors: Partial<Record<Name, string>> = {};
  if (!r.ok) {
    for (const [k, v] of Object.entries(r.errors)) {
      const name = (k === 'tehsilCode' || k === 'blockCode' ? 'tehsil' : k === 'aadhaarLast4' ? 'aadhaar' : k) as Name;
      if (v) errors[name] = v;
    }
  }
  if (f.aadhaar.trim() && !normalizeAadhaar(f.aadhaar)) errors.aadhaar = 'err.aadhaar';
  return errors;
}

const byName = (lang: Lang) => (a: { en: string; hi: string }, b: { en: string; hi: string }) =>
  a[lang].localeCompare(b[lang], lang === 'hi' ? 'hi' : 'en');

export function IntakeScreen({ lang, prefs, session }: { lang: Lang; prefs: Prefs; session: SessionInfo }) {
  const [form, setForm] = useState<Form>(EMPTY);
  const typing = useHindiTyping();
  const [touched, setTouched] = useState<ReadonlySet<Name>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [keyMissing, setKeyMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const [receipt, setReceipt] = useState<OutboxItem>();
  const [announce, setAnnounce] = useState('');
  const [focusInvalid, setFocusInvalid] = useState(0);
  const [places, setPlaces] = useState<{ district: string; data?: DistrictPlaces }>({ district: '' });
  // Attachments: prepared (checked, compressed, hashed) in the media worker as they are chosen.
  const [files, setFiles] = useState<PreparedAttachment[]>([]);
  const [filesBusy, setFilesBusy] = useState(false);
  const [filesError, setFilesError] = useState<string>();
  const formRef = useRef<HTMLFormElement>(null);
  // Triage: the suggestion on screen (stored with the grievance); a duplicate warning the operator has not answered.
  const triageShown = useRef<TriageShown | null>(null);
  const dupBlock = useRef(false);
  const [dupNudge, setDupNudge] = useState(0);
  const [linked, setLinked] = useState<DuplicateLink>();
  const L = (k: Key, vars?: Record<string, string | number>) => t(lang, k, vars);
  // "Correct and resend" (/?correct=<clientId>): the form is prefilled with that record and saving replaces it.
  const route = useRoute();
  const correctId = new URLSearchParams(route.search).get('correct') ?? '';
  const [correcting, setCorrecting] = useState<Correcting>();
  const [correctMissing, setCorrectMissing] = useState(false);

  useEffect(() => {
    setCorrecting(undefined);
    setCorrectMissing(false);
    if (!correctId) return;
    let live = true;
    void correctableSubmission(correctId).then((s) => {
      if (!live) return;
      if (!s) { setCorrectMissing(true); return; }
      setForm(formOf(s));
      setFiles([]);
      setTouched(new Set());
      setSubmitted(false);
      setReceipt(undefined);
      setLinked(undefined);
      setCorrecting({ clientId: s.clientId, receiptNumber: s.receiptNumber, aadhaarLast4: s.aadhaarLast4, aadhaarSealed: s.aadhaarSealed, files: s.attachments?.length ?? 0 });
    });
    return () => { live = false; };
  }, [correctId]);

  const errors = useMemo(() => validate(form), [form]);
  const aadhaarKeyError = keyMissing && form.aadhaar.trim() && !errors.aadhaar ? 'err.aadhaarKey' : undefined;
  const shown = (n: Name): string | undefined => {
    const key = n === 'aadhaar' ? errors.aadhaar ?? aadhaarKeyError : errors[n];
    return key && (submitted || touched.has(n)) ? t(lang, key) : undefined;
  };

  // Tehsils and blocks of the chosen district, from the lazily loaded places.json.
  useEffect(() => {
    const d = form.districtCode;
    setPlaces({ district: d });
    if (!d) return;
    let live = true;
    void placesOf(d).then((data) => live && setPlaces({ district: d, data }));
    return () => { live = false; };
  }, [form.districtCode]);

  // After a failed submit, focus goes to the first invalid control in the form's order.
  useEffect(() => {
    if (!focusInvalid) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusInvalid]);

  const set = <N extends Name>(n: N, v: Form[N]) =>
    setForm((f) => {
      const next = { ...f, [n]: v };
      if (n === 'districtCode' && v !== f.districtCode) Object.assign(next, { tehsil: '', ...NO_LOCAL });
      if (n === 'areaType' && v !== f.areaType) Object.assign(next, NO_LOCAL);
      if (n === 'departmentCode' && v !== f.departmentCode) next.categoryCode = '';
      return next;
    });
  const touch = (...ns: Name[]) => setTouched((s) => (ns.every((n) => s.has(n)) ? s : new Set([...s, ...ns])));
  /** On blur: a field that has something in it is checked; an empty one waits for submit. */
  const blur = (n: Name) => () => {
    if (String(form[n]).trim() || touched.has(n)) touch(n);
    if (n === 'aadhaar') checkAadhaarKey();
  };
  const text = (n: Name) => ({
    value: form[n] as string,
    onInput: (e: TargetedEvent<HTMLInputElement | HTMLTextAreaElement>) => set(n, e.currentTarget.value as never),
    onBlur: blur(n),
  });
  const select = (n: Name) => ({
    value: form[n] as string,
    onChange: (e: TargetedEvent<HTMLSelectElement>) => { set(n, e.currentTarget.value as never); touch(n); },
    onBlur: blur(n),
  });

  /** Finds out early (on blur) whether this device can seal Aadhaar at all. */
  function checkAadhaarKey() {
    if (normalizeAadhaar(form.aadhaar)) setKeyMissing(!hasSealKey());
  }

  function applySuggestion(s: TriageApply) {
    setForm((f) => ({
      ...f,
      ...(s.districtCode && s.districtCode !== f.districtCode ? { districtCode: s.districtCode, tehsil: s.tehsilCode ? `t:${s.tehsilCode}` : '' } : {}),
      ...(s.departmentCode ? { departmentCode: s.departmentCode, categoryCode: s.categoryCode ?? '' } : {}),
    }));
    touch(...(['departmentCode', 'categoryCode', 'districtCode'] as Name[]).filter((n) => s[n as keyof TriageApply]));
  }

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    setSubmitted(true);
    setSaveError(undefined);
    setFilesError(undefined);
    if (filesBusy) {
      setFilesError(L('att.wait'));
      document.getElementById('f-attachments')?.focus();
      return;
    }
    const errs = validate(form);
    const parsed = parseIntake(toInput(form));
    const count = Object.keys(errs).length;
    if (count || !parsed.ok) {
      setAnnounce(L('intake.errors', { n: count }));
      setFocusInvalid((n) => n + 1);
      return;
    }
    if (dupBlock.current && !correcting) { setDupNudge((n) => n + 1); return; } // "Link to it" or "Register anyway" first
    setBusy(true);
    setAnnounce(L('intake.saving'));
    try {
      let fields = parsed.value;
      const aadhaar = normalizeAadhaar(form.aadhaar);
      if (aadhaar) {
        const sealed = await sealAadhaar(aadhaar);
        if (!sealed) {
          setKeyMissing(true);
          setAnnounce(L('intake.errors', { n: 1 }));
          setFocusInvalid((n) => n + 1);
          return;
        }
        fields = { ...fields, aadhaarLast4: sealed.last4, aadhaarSealed: sealed.sealed };
      } else if (correcting?.aadhaarLast4 && correcting.aadhaarSealed) {
        // Left empty while correcting: the Aadhaar given at registration (sealed) is kept.
        fields = { ...fields, aadhaarLast4: correcting.aadhaarLast4, aadhaarSealed: correcting.aadhaarSealed };
      }
      const ts = triageShown.current;
      const triage: TriageRecord | undefined = ts ? {
        modelVersion: ts.modelVersion, suggestedDepartment: ts.department as TriageRecord['suggestedDepartment'], ...(ts.category ? { suggestedCategory: ts.category } : {}),
        confidence: ts.confidence, accepted: keptSuggestion({ suggestedDepartment: ts.department as TriageRecord['suggestedDepartment'], suggestedCategory: ts.category ?? undefined }, fields.departmentCode, fields.categoryCode),
      } : undefined;
      const withTriage = triage ? { ...fields, triage } : fields;
      const item = correcting ? await correctGrievance(correcting.clientId, withTriage, lang) : await registerGrievance(withTriage, lang, files);
      if (correcting) {
        setCorrecting(undefined);
        navigate('/', true);
        void syncNow().catch(() => undefined);
      }
      setLinked(undefined);
      setForm(EMPTY);
      setFiles([]);
      setTouched(new Set());
      setSubmitted(false);
      setKeyMissing(false);
      setReceipt(item);
      setAnnounce(L('intake.saved', { n: item.receiptNumber }));
    } catch (err) {
      // Nothing was half-saved (one transaction); say why in words and keep what the operator typed.
      const key: Key = (err as Error)?.name === 'NotSignedIn' ? 'intake.notSignedIn' : (err as Error)?.name === 'NotCorrectable' ? 'correct.missing' : (await isQuotaError(err)) ? 'err.quota' : 'err.save';
      if ((err as Error)?.name === 'AttachmentsRefused') setFilesError(t(lang, (err as { key: string }).key));
      else setSaveError(L(key));
      setAnnounce('');
    } finally {
      setBusy(false);
    }
  }

  function nextCitizen() {
    document.getElementById('f-name')?.focus(); // before the receipt (and the focused button) goes away
    setReceipt(undefined);
    setLinked(undefined);
    setAnnounce('');
  }

  /** Linked to an existing grievance instead of filing again: nothing is registered; its receipt (on this device) or its number is shown. */
  function linkTo(l: DuplicateLink) {
    setForm(EMPTY);
    setFiles([]);
    setTouched(new Set());
    setSubmitted(false);
    setKeyMissing(false);
    setLinked(l);
    setReceipt(l.item);
    setAnnounce(l.note);
  }

  const department = departmentByCode(form.departmentCode);
  const districts = useMemo(() => [...DISTRICTS].sort(byName(lang)), [lang]);
  const departments = DEPARTMENTS; // kept in the reference order: the most common departments first
  const placesReady = places.district === form.districtCode && places.data;

  return (
    <>
      <h1 tabIndex={-1} class="no-print">{L('intake.title')}</h1>
      <p class="kiosk-line no-print">
        {L('intake.kiosk', { code: session.kioskCode ?? '' })} · {L('intake.operator', { name: session.name })}
        {' · '}<Link href="/guided">{L('nav.guided')}</Link>
      </p>
      <CampLine lang={lang} />
      <p class="sr-only" role="status">{announce}</p>

      {receipt && (
        <Receipt item={receipt} lang={lang} paper={prefs.paper} focusOnShow onClose={nextCitizen} closeLabel={L('intake.next')}
          notice={linked?.item ? linked.note : L('intake.savedShort')} />
      )}
      {linked && !linked.item && form === EMPTY && <p class="duplicate-warning no-print" role="status">{linked.note}</p>}

      {correctMissing && <p class="form-alert no-print" role="alert">{L('correct.missing')}</p>}
      {correcting && (
        <div class="correct-note no-print" role="status">
          <p><strong>{L('correct.title', { n: correcting.receiptNumber })}</strong></p>
          <p>{L('correct.hint')}</p>
          {correcting.aadhaarLast4 && <p>{L('correct.aadhaar', { last4: correcting.aadhaarLast4 })}</p>}
          {correcting.files > 0 && <p>{L('correct.files', { n: correcting.files })}</p>}
        </div>
      )}

      <form ref={formRef} class="intake no-print" noValidate onSubmit={submit} onKeyDown={enterMovesFocus}>
        <p class="required-note">{L('intake.required')}</p>
        <HindiToggle typing={typing} lang={lang} />
        {submitted && Object.keys(errors).length > 0 && (
          <p class="form-alert">{L('intake.errors', { n: Object.keys(errors).length })}</p>
        )}

        <fieldset class="group">
          <legend>{L('intake.citizen')}</legend>
          <div class="grid">
            <Field id="f-name" label={L('f.name')} error={shown('name')} required>
              {(p) => <input {...p} {...typing.wrap('f-name', text('name'), (v) => set('name', v))} type="text" autoComplete="off" autoCapitalize="words" spellcheck={false} maxLength={100} />}
            </Field>
            <HindiSuggestions typing={typing} id="f-name" lang={lang} />
            <Field id="f-mobile" label={L('f.mobile')} hint={L('f.mobile.hint')} error={shown('mobile')} required>
              {(p) => <input {...p} {...text('mobile')} type="tel" inputMode="numeric" autoComplete="off" maxLength={20} class="input--digits" />}
            </Field>
            <Field id="f-janaadhaar" label={L('f.janAadhaar')} hint={L('f.janAadhaar.hint')} error={shown('janAadhaarId')}>
              {(p) => <input {...p} {...text('janAadhaarId')} type="text" inputMode="numeric" autoComplete="off" maxLength={16} class="input--digits" />}
            </Field>
            <Field id="f-aadhaar" label={L('f.aadhaar')} hint={L('f.aadhaar.hint')} error={shown('aadhaar')}>
              {(p) => <input {...p} {...text('aadhaar')} type="text" inputMode="numeric" autoComplete="off" maxLength={16} class="input--digits" />}
            </Field>
          </div>
        </fieldset>

        <fieldset class="group">
          <legend>{L('intake.place')}</legend>
          <div class="grid">
            <Field id="f-address" label={L('f.address')} hint={L('f.address.hint')} error={shown('address')} class="span-2">
              {(p) => <textarea {...p} {...typing.wrap('f-address', text('address'), (v) => set('address', v))} rows={2} maxLength={300} autoComplete="off" />}
            </Field>
            <HindiSuggestions typing={typing} id="f-address" lang={lang} />
            <Field id="f-pin" label={L('f.pin')} error={shown('pin')}>
              {(p) => <input {...p} {...text('pin')} type="text" inputMode="numeric" autoComplete="off" maxLength={8} class="input--digits input--short" />}
            </Field>
            <AreaType lang={lang} value={form.areaType} error={shown('areaType')}
              onChange={(v) => { set('areaType', v); touch('areaType'); }} />
            <div class="field-stack">
              <Field id="f-district" label={L('f.district')} error={shown('districtCode')} required>
                {(p) => (
                  <select {...p} {...select('districtCode')}>
                    <option value="">{L('f.district.choose')}</option>
                    {districts.map((d) => <option key={d.code} value={d.code}>{d[lang]}</option>)}
                  </select>
                )}
              </Field>
              <AbolishedHint lang={lang} />
            </div>
            <Field id="f-tehsil" label={L('f.tehsil')} error={shown('tehsil')}>
              {(p) => (
                <select {...p} {...select('tehsil')} disabled={!form.districtCode}>
                  <option value="">
                    {!form.districtCode ? L('f.tehsil.first') : placesReady ? L('f.tehsil.choose') : L('f.tehsil.loading')}
                  </option>
                  {placesReady && (
                    <>
                      <optgroup label={L('f.tehsils')}>
                        {places.data!.tehsils.map((x) => <option key={`t${x.code}`} value={`t:${x.code}`}>{x.en}</option>)}
                      </optgroup>
                      <optgroup label={L('f.blocks')}>
                        {places.data!.blocks.map((x) => <option key={`b${x.code}`} value={`b:${x.code}`}>{x.en}</option>)}
                      </optgroup>
                    </>
                  )}
                </select>
              )}
            </Field>
            <VillagePicker lang={lang} district={form.districtCode} area={form.areaType}
              value={{ villageCode: form.villageCode, gramPanchayatCode: form.gramPanchayatCode, wardCode: form.wardCode }} onChange={(v) => setForm((f) => ({ ...f, ...v }))} />
          </div>
        </fieldset>

        <fieldset class="group">
          <legend>{L('intake.grievance')}</legend>
          <Field id="f-description" label={L('f.description')} hint={L('f.description.hint')} error={shown('description')} required>
            {(p) => {
              const hindi = typing.wrap('f-description', text('description'), (v) => set('description', v));
              return <textarea {...p} {...hindi} rows={5} maxLength={4000} />; // Ctrl+Enter submits (enterMovesFocus)
            }}
          </Field>
          <HindiSuggestions typing={typing} id="f-description" lang={lang} />

          {/* ── TRIAGE SLOT: the on-device department/category suggestion renders here, below the description
               (see components/triage-slot.tsx). ── */}
          <TriageSlot text={form.description} lang={lang} districtCode={form.districtCode || undefined}
            departmentCode={form.departmentCode || undefined} categoryCode={form.categoryCode || undefined} onApply={applySuggestion}
            onShown={(s) => { triageShown.current = s; }} />

          <div class="grid">
            <Field id="f-department" label={L('f.department')} error={shown('departmentCode')} required>
              {(p) => (
                <select {...p} {...select('departmentCode')}>
                  <option value="">{L('f.department.choose')}</option>
                  {departments.map((d) => <option key={d.code} value={d.code}>{d[lang]}</option>)}
                </select>
              )}
            </Field>
            <Field id="f-category" label={L('f.category')} error={shown('categoryCode')}>
              {(p) => (
                <select {...p} {...select('categoryCode')} disabled={!department}>
                  <option value="">{department ? L('f.category.choose') : L('f.category.first')}</option>
                  {department?.categories.map((c) => <option key={c.code} value={c.code}>{c[lang]}</option>)}
                </select>
              )}
            </Field>
          </div>
        </fieldset>

        {!correcting && <AttachmentsField lang={lang} files={files} onChange={setFiles} onBusy={setFilesBusy} formError={filesError} />}

        <Consent lang={lang} checked={form.consent} error={shown('consent')}
          onChange={(v) => { set('consent', v); touch('consent'); }} />

        {!correcting && <DuplicateSlot mobile={normalizeMobile(form.mobile)} aadhaar={normalizeAadhaar(form.aadhaar) ?? undefined} text={form.description} lang={lang}
          nudge={dupNudge} onBlock={(b) => { dupBlock.current = b; }} onLink={linkTo} onRegisterAnyway={() => formRef.current?.requestSubmit()} />}

        {saveError && <p class="form-alert" role="alert">{saveError}</p>}
        <div class="actions">
          <button type="submit" class="btn btn--primary btn--big" aria-disabled={busy ? 'true' : undefined}>
            {L(correcting ? 'correct.submit' : 'intake.submit')}
          </button>
        </div>
      </form>
    </>
  );
}

/** Rural or urban: a radio group (arrow keys move within it). */
function AreaType({ lang, value, error, onChange }: { lang: Lang; value: Form['areaType']; error?: string; onChange: (v: 'rural' | 'urban') => void }) {
  const a11y = controlProps('f-area', { error: !!error, required: true });
  return (
    // A radiogroup (not a plain group) so that assistive technology hears it is required.
    <fieldset class={`field radios${error ? ' field--invalid' : ''}`} role="radiogroup" aria-required="true" aria-invalid={a11y['aria-invalid']} aria-describedby={a11y['aria-describedby']}>
      <legend>{t(lang, 'f.area')}<RequiredMark /></legend>
      {error && <ErrorText id="f-area-error">{error}</ErrorText>}
      <div class="radios__row">
        {(['rural', 'urban'] as const).map((v, i) => (
          <label class="radio" key={v}>
            <input type="radio" name="areaType" value={v} id={i === 0 ? 'f-area' : undefined} checked={value === v} required
              onChange={() => onChange(v)} />
            {t(lang, v === 'rural' ? 'f.rural' : 'f.urban')}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The citizen's consent, read out to them by the operator. */
function Consent({ lang, checked, error, onChange }: { lang: Lang; checked: boolean; error?: string; onChange: (v: boolean) => void }) {
  const a11y = controlProps('f-consent', { error: !!error, required: true });
  return (
    <div class={`field consent${error ? ' field--invalid' : ''}`}>
      {error && <ErrorText id="f-consent-error">{error}</ErrorText>}
      <label class="check check--big">
        <input type="checkbox" {...a11y} checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
        <span>{t(lang, 'f.consent')}<RequiredMark /></span>
      </label>
    </div>
  );
}

/** Citizens still name the districts abolished in 2024; this says where each one went. Loaded on open. */
function AbolishedHint({ lang }: { lang: Lang }) {
  const [list, setList] = useState<{ en: string; hi: string; parents: string[] }[]>();
  const names = new Map(DISTRICTS.map((d) => [d.code, d]));
  return (
    <details class="hint-details" onToggle={(e) => { if ((e.currentTarget as HTMLDetailsElement).open && !list) void abolishedDistricts().then(setList); }}>
      <summary>{t(lang, 'f.abolished')}</summary>
      {list && (
        <ul>
          {list.map((a) => (
            <li key={a.en}>{a[lang]} → {a.parents.map((p) => names.get(p)?.[lang] ?? p).join(' / ')}</li>
          ))}
        </ul>
      )}
    </details>
  );
}
