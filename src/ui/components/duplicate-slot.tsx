/**
 * The place in the intake form, before Register, where the duplicate warning appears. The warning, the
 * outbox reader and the triage worker are fetched only once a valid mobile number and a description are
 * typed, so none of it is in the first-load JavaScript (all of it is precached: it works offline).
 */
import { lazyComponent } from '../lazy';
import type { DuplicateWarningProps } from './duplicate-warning';

export type { DuplicateLink } from './duplicate-warning';

const Warning = lazyComponent(() => import('./duplicate-warning').then((m) => m.DuplicateWarning));

/** `mobile`: the normalised number, or null while it is not a valid one (then nothing is checked). */
export function DuplicateSlot(props: Omit<DuplicateWarningProps, 'mobile'> & { mobile: string | null }) {
  if (!props.mobile || props.text.trim().length < 10) return null;
  return <Warning {...props} mobile={props.mobile} />;
}
