/**
 * Device settings: the receipt paper, the idle time after which the screen locks, and how long the files of
 * confirmed grievances stay on the device (with the space they take). The kiosk code is shown, not
 * edited: it comes from the signed-in operator's account and starts every receipt number.
 */
import { useEffect, useState } from 'preact/hooks';
import { AUTO_LOCK_CHOICES, getSetting, RETENTION_CHOICES, RETENTION_DEFAULT_DAYS, setSetting } from '../../db/settings';
import type { StorageReport } from '../../db/storage';
import { megabytes } from '../../media/attachment-rules';
import { signOutAndForget, storageReport } from '../device';
import type { SessionInfo } from '../../sync/auth-client';
import { t, type Key, type Lang } from '../i18n';
import { setAutoLockMinutes, setPaper, type Paper, type Prefs } from '../prefs';
import { TriageModelLine } from '../components/triage-model-line';
import { HandoverImport } from '../components/handover';
import { CampChoice } from '../components/camp-choice';

export function SettingsScreen({ lang, prefs, session }: { lang: Lang; prefs: Prefs; session: SessionInfo }) {
  const [paper, setPaperChoice] = useState<Paper>(prefs.paper);
  const [autoLock, setAutoLock] = useState(prefs.autoLockMinutes);
  const [saved, setSaved] = useState(false);
  const [retention, setRetention] = useState<number>(RETENTION_DEFAULT_DAYS);
  const [storage, setStorage] = useState<StorageReport>();
  const L = (k: Key, vars?: Record<string, string | number>) => t(lang, k, vars);

  useEffect(() => {
    void getSetting<number>('attachmentRetentionDays').then((d) => d && setRetention(d), () => undefined);
    void storageReport().then(setStorage, () => undefined);
  }, []);

  async function save(e: Event) {
    e.preventDefault();
    await Promise.all([setPaper(paper), setAutoLockMinutes(autoLock), setSetting('attachmentRetentionDays', retention)]);
    setSaved(true);
  }

  return (
    <>
      <h1 tabIndex={-1}>{L('settings.title')}</h1>
      <dl class="settings__facts">
        <dt>{L('settings.operator')}</dt>
        <dd>{session.name} ({session.operatorId})</dd>
        <TriageModelLine lang={lang} />
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
        <div class="field">
          <label for="s-retention">{L('settings.retention')}</label>
          {storage && (
            <p id="s-retention-hint" class="hint">
              {L('settings.attachments', { n: storage.attachments.files, mb: megabytes(storage.attachments.bytes), unsent: megabytes(storage.attachments.unconfirmedBytes) })}
            </p>
          )}
          <select id="s-retention" class="input--short" value={String(retention)} aria-describedby={storage ? 's-retention-hint' : undefined}
            onChange={(e) => { setRetention(Number(e.currentTarget.value)); setSaved(false); }}>
            {RETENTION_CHOICES.map((d) => (
              <option key={d} value={String(d)}>{d === 1 ? L('settings.day') : L('settings.days', { n: d })}</option>
            ))}
          </select>
        </div>
        <div class="actions">
          <button type="submit" class="btn btn--primary">{L('settings.save')}</button>
          <p role="status" class="saved-note">{saved ? L('settings.saved') : ''}</p>
        </div>
      </form>
      <section class="settings__forget" aria-labelledby="s-forget-h">
        <h2 id="s-forget-h">{L('settings.forget.title')}</h2>
        <p id="s-forget-hint" class="hint">{L('settings.forget.hint')}</p>
        <button type="button" class="btn" aria-describedby="s-forget-hint" onClick={() => void signOutAndForget()}>{L('auth.signOutForget')}</button>
      </section>
      {session.role === 'operator' && <CampChoice lang={lang} />}
      <HandoverImport lang={lang} />
    </>
  );
}
