/**
 * Device settings: the receipt paper and the idle time after which the screen locks. The kiosk code is
 * shown, not edited: it comes from the signed-in operator's account and starts every receipt number.
 */
import { useState } from 'preact/hooks';
import { AUTO_LOCK_CHOICES } from '../../db/settings';
import type { SessionInfo } from '../../sync/auth-client';
import { t, type Key, type Lang } from '../i18n';
import { setAutoLockMinutes, setPaper, type Paper, type Prefs } from '../prefs';

export function SettingsScreen({ lang, prefs, session }: { lang: Lang; prefs: Prefs; session: SessionInfo }) {
  const [paper, setPaperChoice] = useState<Paper>(prefs.paper);
  const [autoLock, setAutoLock] = useState(prefs.autoLockMinutes);
  const [saved, setSaved] = useState(false);
  const L = (k: Key, vars?: Record<string, string | number>) => t(lang, k, vars);

  async function save(e: Event) {
    e.preventDefault();
    await Promise.all([setPaper(paper), setAutoLockMinutes(autoLock)]);
    setSaved(true);
  }

  return (
    <>
      <h1 tabIndex={-1}>{L('settings.title')}</h1>
      <dl class="settings__facts">
        <dt>{L('settings.operator')}</dt>
        <dd>{session.name} ({session.operatorId})</dd>
        {session.kioskCode && (
          <>
            <dt>{L('settings.kiosk')}</dt>
            <dd><span class="input--digits">{session.kioskCode}</span> <span class="hint">{L('settings.kiosk.hint')}</span></dd>
          </>
        )}
      </dl>
      <form class="settings" noValidate onSubmit={save}>
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
        <div class="field">
          <label for="s-autolock">{L('settings.autoLock')}</label>
          <select id="s-autolock" class="input--short" value={String(autoLock)}
            onChange={(e) => { setAutoLock(Number(e.currentTarget.value)); setSaved(false); }}>
            {AUTO_LOCK_CHOICES.map((m) => (
              <option key={m} value={String(m)}>{m === 1 ? L('settings.minute') : L('settings.minutes', { n: m })}</option>
            ))}
          </select>
        </div>
        <div class="actions">
          <button type="submit" class="btn btn--primary">{L('settings.save')}</button>
          <p role="status" class="saved-note">{saved ? L('settings.saved') : ''}</p>
        </div>
      </form>
    </>
  );
}
