/**
 * The operator's side of camps (issue 12 item 1): in Settings, Download camps (online, before leaving) and
 * the choice of the camp or Sampark Diwas new grievances are registered at (works offline); on the intake
 * form, a line naming the chosen one (./camp-line.tsx). The work is in src/sync/events.ts, loaded on first use.
 */
import { useEffect, useState } from 'preact/hooks';
import type { CampState } from '../../sync/events';
import { districtName, formatDateTime } from '../format';
import { type Lang, strings } from '../i18n';
import { CAMP_EVENT_UI } from '../camp-strings';

const t = strings(CAMP_EVENT_UI);

const events = () => import('../../sync/events');

export function useCampState(): CampState | undefined {
  const [state, setState] = useState<CampState>();
  useEffect(() => {
    let sub: { unsubscribe(): void } | undefined;
    let closed = false;
    void events().then((m) => { if (!closed) sub = m.campState().subscribe(setState); });
    return () => { closed = true; sub?.unsubscribe(); };
  }, []);
  return state;
}

export function CampChoice({ lang }: { lang: Lang }) {
  const state = useCampState();
  const [note, setNote] = useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = useState(false);

  async function download() {
    if (busy) return;
    setBusy(true);
    const ok = await (await events()).downloadEvents().catch(() => false);
    setBusy(false);
    setNote({ ok, text: t(lang, ok ? 'camp.downloaded' : 'camp.downloadFailed') });
  }

  return (
    <section class="camp-choice" aria-labelledby="camp-choice-title">
      <h2 id="camp-choice-title">{t(lang, 'camp.title')}</h2>
      <p class="hint">{t(lang, 'camp.hint')}</p>
      <p>
        <button type="button" class="btn" aria-disabled={busy} onClick={() => void download()}>{t(lang, 'camp.download')}</button>
      </p>
      <p role="status">{note?.ok ? note.text : ''}</p>
      <div role="alert">{note && !note.ok && <p class="form-alert">{note.text}</p>}</div>
      {state?.savedAt && <p class="hint">{t(lang, 'camp.savedAt', { time: formatDateTime(state.savedAt, lang) })}</p>}
      {state && state.events.length > 0 && (
        <fieldset class="field radios">
          <legend>{t(lang, 'camp.choice')}</legend>
          <label class="radio">
            <input type="radio" name="camp" value="" checked={!state.chosen} onChange={() => void events().then((m) => m.chooseEvent(undefined))} />
            {t(lang, 'camp.noneChosen')}
          </label>
          {state.events.map((e) => (
            <label class="radio" key={e.id}>
              <input type="radio" name="camp" value={e.id} checked={state.chosen?.id === e.id} onChange={() => void events().then((m) => m.chooseEvent(e.id))} />
              {e.name}, {e.date}, {e.venue}, {districtName(e.districtCode, lang)}
            </label>
          ))}
        </fieldset>
      )}
    </section>
  );
}
