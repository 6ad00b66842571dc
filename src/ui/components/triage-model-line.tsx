/**
 * Settings: which triage model this device suggests with: its version, and whether it is the one built
 * into the app or a newer one retrained on the server and picked up when online (asked for here, too).
 * Unobtrusive: one line among the device's facts. The worker starts for it and stops again when idle.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ModelInfo } from '../../triage/bridge';
import { lazyText, type LazyTriageMessageKey } from '../../triage/lazy-messages';
import { formatDateTime } from '../format';
import type { Lang } from '../i18n';

export function TriageModelLine({ lang }: { lang: Lang }) {
  const [info, setInfo] = useState<ModelInfo>();
  useEffect(() => {
    let live = true;
    void import('../../triage/bridge').then((b) => b.refreshTriageModel(true)).then((i) => live && setInfo(i), () => undefined);
    return () => { live = false; };
  }, []);
  const L = (key: LazyTriageMessageKey, vars?: Record<string, string | number>) => lazyText(lang, key, vars);
  return (
    <>
      <dt>{L('model.label')}</dt>
      <dd data-testid="triage-model">
        {!info ? L('model.checking') : (
          <><span class="input--digits">{info.version}</span>{' '}
            <span class="hint">({info.source === 'downloaded' ? L('model.downloaded', { date: info.createdAt ? formatDateTime(info.createdAt, lang) : '' }) : L('model.builtIn')})</span></>
        )}
      </dd>
    </>
  );
}
