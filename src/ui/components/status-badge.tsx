/** An outbox state as a label with its own shape, so it never depends on colour alone. */
import type { OutboxState } from '../../db/grievances';
import { t, type Lang } from '../i18n';

const ICONS: Record<OutboxState, string> = {
  saved: 'M12 2 4 5v6c0 5 3.4 9.7 8 11 4.6-1.3 8-6 8-11V5z', // shield: safe on the device
  sending: 'M2 21 23 12 2 3v7l15 2-15 2z', // paper plane
  synced: 'M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z', // tick
  attention: 'M1 21h22L12 2zm12-3h-2v-2h2zm0-4h-2v-4h2z', // warning triangle
};

export function StatusBadge({ state, lang }: { state: OutboxState; lang: Lang }) {
  return (
    <span class={`badge badge--${state}`}>
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
        <path fill="currentColor" d={ICONS[state]} />
      </svg>
      {t(lang, `state.${state}`)}
    </span>
  );
}
