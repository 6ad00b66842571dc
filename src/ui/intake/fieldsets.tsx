/**
 * The intake form's groups: the citizen, the place, the grievance, and the consent. Each is bound to the
 * form model (./form-model.ts); messages are keys of the one dictionary, worded here in the screen's language.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { DEPARTMENTS, DISTRICTS, departmentByCode } from '../../domain/reference';
import { Field, ErrorText, RequiredMark, controlProps } from '../components/field';
import { HindiSuggestions, type HindiTyping } from '../components/hindi-typing';
import { TriageSlot, type TriageApply, type TriageShown } from '../components/triage-slot';
import { lazyComponent } from '../lazy';
import { messageText, t, type Lang } from '../i18n';
import { abolishedDistricts, placesOf, type DistrictPlaces } from '../places';
import { MAX_LENGTH, type Form, type IntakeFormModel, type Name } from './form-model';

// The village and ward pickers load after the form is drawn (they need the places' schema and the Cache Storage).
const VillagePicker = lazyComponent(() => import('../components/village-picker').then((m) => m.VillagePicker));

interface GroupProps { model: IntakeFormModel; lang: Lang; typing: HindiTyping }

/** The error next to a field, worded. */
const shownIn = (model: IntakeFormModel, lang: Lang) => (n: Name) => {
  const key = model.shown(n);
  return key ? messageText(lang, key) : undefined;
};

const byName = (lang: Lang) => (a: { en: string; hi: string }, b: { en: string; hi: string }) =>
  a[lang].localeCompare(b[lang], lang === 'hi' ? 'hi' : 'en');

export function CitizenFieldset({ model, lang, typing }: GroupProps) {
  const L = (k: Parameters<typeof t>[1]) => t(lang, k);
  const shown = shownIn(model, lang);
  const { text, set } = model;
  return (
    <fieldset class="group">
      <legend>{L('intake.citizen')}</legend>
      <div class="grid">
        <Field id="f-name" label={L('f.name')} error={shown('name')} required>
          {(p) => <input {...p} {...typing.wrap('f-name', text('name'), (v) => set('name', v))} type="text" autoComplete="off" autoCapitalize="words" spellcheck={false} maxLength={MAX_LENGTH.name} />}
        </Field>
        <HindiSuggestions typing={typing} id="f-name" lang={lang} />
        <Field id="f-mobile" label={L('f.mobile')} hint={L('f.mobile.hint')} error={shown('mobile')} required>
          {(p) => <input {...p} {...text('mobile')} type="tel" inputMode="numeric" autoComplete="off" maxLength={MAX_LENGTH.mobile} class="input--digits" />}
        </Field>
        <Field id="f-janaadhaar" label={L('f.janAadhaar')} hint={L('f.janAadhaar.hint')} error={shown('janAadhaarId')}>
          {(p) => <input {...p} {...text('janAadhaarId')} type="text" inputMode="numeric" autoComplete="off" maxLength={MAX_LENGTH.janAadhaarId} class="input--digits" />}
        </Field>
        <Field id="f-aadhaar" label={L('f.aadhaar')} hint={L('f.aadhaar.hint')} error={shown('aadhaar')}>
          {(p) => <input {...p} {...text('aadhaar')} type="text" inputMode="numeric" autoComplete="off" maxLength={MAX_LENGTH.aadhaar} class="input--digits" />}
        </Field>
      </div>
    </fieldset>
  );
}

/** The address, PIN, rural/urban, district, tehsil/block and the village, gram panchayat or ward. */
export function PlaceFieldset({ model, lang, typing }: GroupProps) {
  const L = (k: Parameters<typeof t>[1]) => t(lang, k);
  const shown = shownIn(model, lang);
  const { form, text, select, set, touch } = model;
  const [places, setPlaces] = useState<{ district: string; data?: DistrictPlaces }>({ district: '' });
  const districts = useMemo(() => [...DISTRICTS].sort(byName(lang)), [lang]);

  // Tehsils and blocks of the chosen district, from the lazily loaded places.json.
  useEffect(() => {
    const d = form.districtCode;
    setPlaces({ district: d });
    if (!d) return;
    let live = true;
    void placesOf(d).then((data) => live && setPlaces({ district: d, data }));
    return () => { live = false; };
  }, [form.districtCode]);
  const placesReady = places.district === form.districtCode && places.data;

  return (
    <fieldset class="group">
      <legend>{L('intake.place')}</legend>
      <div class="grid">
        <Field id="f-address" label={L('f.address')} hint={L('f.address.hint')} error={shown('address')} class="span-2">
          {(p) => <textarea {...p} {...typing.wrap('f-address', text('address'), (v) => set('address', v))} rows={2} maxLength={MAX_LENGTH.address} autoComplete="off" />}
        </Field>
        <HindiSuggestions typing={typing} id="f-address" lang={lang} />
        <Field id="f-pin" label={L('f.pin')} error={shown('pin')}>
          {(p) => <input {...p} {...text('pin')} type="text" inputMode="numeric" autoComplete="off" maxLength={MAX_LENGTH.pin} class="input--digits input--short" />}
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
          value={{ villageCode: form.villageCode, gramPanchayatCode: form.gramPanchayatCode, wardCode: form.wardCode }} onChange={(v) => model.merge(v)} />
      </div>
    </fieldset>
  );
}

/** The description, the on-device triage suggestion under it, the department and category. */
export function GrievanceFieldset({ model, lang, typing, onTriageShown }: GroupProps & { onTriageShown: (s: TriageShown | null) => void }) {
  const L = (k: Parameters<typeof t>[1]) => t(lang, k);
  const shown = shownIn(model, lang);
  const { form, text, select, set } = model;
  const department = departmentByCode(form.departmentCode);

  function applySuggestion(s: TriageApply) {
    model.merge({
      ...(s.districtCode && s.districtCode !== form.districtCode ? { districtCode: s.districtCode, tehsil: s.tehsilCode ? `t:${s.tehsilCode}` : '' } : {}),
      ...(s.departmentCode ? { departmentCode: s.departmentCode, categoryCode: s.categoryCode ?? '' } : {}),
    });
    model.touch(...(['departmentCode', 'categoryCode', 'districtCode'] as const).filter((n) => s[n]));
  }

  return (
    <fieldset class="group">
      <legend>{L('intake.grievance')}</legend>
      <Field id="f-description" label={L('f.description')} hint={L('f.description.hint')} error={shown('description')} required>
        {(p) => {
          const hindi = typing.wrap('f-description', text('description'), (v) => set('description', v));
          return <textarea {...p} {...hindi} rows={5} maxLength={MAX_LENGTH.description} />; // Ctrl+Enter submits (enterMovesFocus)
        }}
      </Field>
      <HindiSuggestions typing={typing} id="f-description" lang={lang} />

      {/* The on-device department/category suggestion renders here, below the description (components/triage-slot.tsx). */}
      <TriageSlot text={form.description} lang={lang} districtCode={form.districtCode || undefined}
        departmentCode={form.departmentCode || undefined} categoryCode={form.categoryCode || undefined} onApply={applySuggestion}
        onShown={onTriageShown} />

      <div class="grid">
        <Field id="f-department" label={L('f.department')} error={shown('departmentCode')} required>
          {(p) => (
            <select {...p} {...select('departmentCode')}>
              <option value="">{L('f.department.choose')}</option>
              {/* kept in the reference order: the most common departments first */}
              {DEPARTMENTS.map((d) => <option key={d.code} value={d.code}>{d[lang]}</option>)}
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
export function Consent({ model, lang }: { model: IntakeFormModel; lang: Lang }) {
  const error = shownIn(model, lang)('consent');
  const a11y = controlProps('f-consent', { error: !!error, required: true });
  return (
    <div class={`field consent${error ? ' field--invalid' : ''}`}>
      {error && <ErrorText id="f-consent-error">{error}</ErrorText>}
      <label class="check check--big">
        <input type="checkbox" {...a11y} checked={model.form.consent} onChange={(e) => { model.set('consent', e.currentTarget.checked); model.touch('consent'); }} />
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
