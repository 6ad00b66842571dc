/**
 * A receipt or grievance number shown so that a line may break only between its groups, after a hyphen
 * ("K1023456-" / "261128-" / "7QX2M-" / "0042"), never inside one: each group with its hyphen is kept
 * whole (white-space: nowrap) and a <wbr> marks where a break may go. The text is the number exactly as
 * written (it copies and reads as one number).
 */
import { Fragment } from 'preact';
import { numberGroups } from '../format';

export function GroupedNumber({ value, class: cls }: { value: string; class?: string }) {
  const groups = numberGroups(value);
  return (
    <span class={cls}>
      {groups.map((g, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          <span class="nowrap">{g}</span>
        </Fragment>
      ))}
    </span>
  );
}
