/**
 * "Camp: …" on the intake form while a camp is chosen on this device (issue 12 item 1). Kept small and
 * apart from camp mode's other words: the intake form is on the first load.
 */
import { useEffect, useState } from 'preact/hooks';
import type { CampEvent } from '../../domain/events';
import { t, type Lang } from '../i18n';

export function CampLine({ lang }: { lang: Lang }) {
  const [chosen, setChosen] = useState<CampEvent>();
  useEffect(() => {
    let sub: { unsubscribe(): void } | undefined;
    let closed = false;
    void import('../../sync/events').then((m) => { if (!closed) sub = m.campState().subscribe((s) => setChosen(s.chosen)); });
    return () => { closed = true; sub?.unsubscribe(); };
  }, []);
  if (!chosen) return null;
  return <p class="camp-line no-print">{t(lang, 'camp.current', { name: chosen.name, date: chosen.date, venue: chosen.venue })}</p>;
}
