/** Device settings the operator sets once: the e-Mitra kiosk code (it starts every receipt number) and the receipt paper. */
import { useState } from 'preact/hooks';
import { normalizeKioskCode } from '../../domain/identity';
import { Field } from '../components/field';
import { t, type Key, type Lang } from '../i18n';
import { setKioskCode, setPaper, type Paper, type Prefs } from '../prefs';

export function SettingsScreen({ lang, prefs }: { lang: Lang; prefs: Prefs }) {
  const [kiosk, setKiosk] = useState(prefs.kioskCode ?? '');
  const [paper, setPaperChoice] = useState<Paper>(prefs.paper);
  const [error, setError] = useState<Key>();
  const [saved, setSaved] = useState(false);
  const L = (k: Key) => t(lang, k);

  async function save(e: Event) {
    e.preventDefault();
    setSaved(false);
    const code = normalizeKioskCode(kiosk);
    if (!code) {
      setError('err.kiosk');
      document.getElementById('s-kiosk')?.focus();
      return;
    }
    setError(undefined);
    setKiosk(code);
    await Promise.all([setKioskCode(code), setPaper(paper)]);
    setSaved(true);
  }

  return (
    <>
      <h1 tabIndex={-1}>{L('settings.title')}</h1>
      <form class="settings" noValidate onSubmit={save}>
        <Field id="s-kiosk" label={L('settings.kiosk')} hint={L('settings.kiosk.hint')} error={error && L(error)} required>
          {(p) => (
            <input {...p} type="text" value={kiosk} autoComplete="off" autoCapitalize="characters" spellcheck={false} maxLength={13}
              class="input--digits input--short"
              onInput={(e) => { setKiosk(e.currentTarget.value); setSaved(false); }}
              onBlur={() => { if (kiosk.trim()) setError(normalizeKioskCode(kiosk) ? undefined : 'err.kiosk'); }} />
          )}
        </Field>
        <fieldset class="field radios">
          <legend>{L('settings.paper')}</legend>
          <div class="radios__row">
            {(['a4', 'thermal'] as const).map((v) => (
              <label class="radio" key={v}>
                <input type="radio" name="paper" value={v} checked={paper === v} onChange={() => { setPaperChoice(v); setSaved(false); }} />
                {L(v === 'a4' ? 'settings.a4' : 'receipt.thermal')}
              </label>
            ))}
          </div>
        </fieldset>
        <div class="actions">
          <button type="submit" class="btn btn--primary">{L('settings.save')}</button>
          <p role="status" class="saved-note">{saved ? L('settings.saved') : ''}</p>
        </div>
      </form>
    </>
  );
}
