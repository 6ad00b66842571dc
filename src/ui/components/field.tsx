/**
 * One labelled form control with its hint and its error, wired for assistive technology: the label names
 * the control, the hint and the error describe it (aria-describedby), aria-invalid marks it. The required
 * mark is aria-hidden so the accessible name stays exactly the label (ACCEPTANCE.md names).
 */
import type { ComponentChildren, VNode } from 'preact';

/** Attributes to spread on the control itself. */
export type ControlProps = {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: 'true';
  'aria-required'?: 'true';
};

type Props = {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  class?: string;
  children: (control: ControlProps) => VNode;
};

/** A visible label, an optional hint, the error (above the control, where the eye goes next) and the control. */
export function Field({ id, label, hint, error, required, class: cls, children }: Props) {
  return (
    <div class={`field${error ? ' field--invalid' : ''}${cls ? ` ${cls}` : ''}`}>
      <label for={id}>
        {label}
        {required && <RequiredMark />}
      </label>
      {hint && <p id={`${id}-hint`} class="hint">{hint}</p>}
      {error && <ErrorText id={`${id}-error`}>{error}</ErrorText>}
      {children(controlProps(id, { hint: !!hint, error: !!error, required }))}
    </div>
  );
}

/** The ids and states a control needs; also used by the radio group and the consent checkbox. */
export function controlProps(id: string, o: { hint?: boolean; error?: boolean; required?: boolean }): ControlProps {
  const described = [o.hint && `${id}-hint`, o.error && `${id}-error`].filter(Boolean).join(' ');
  return {
    id,
    ...(described ? { 'aria-describedby': described } : {}),
    ...(o.error ? { 'aria-invalid': 'true' as const } : {}),
    ...(o.required ? { 'aria-required': 'true' as const } : {}),
  };
}

export function RequiredMark() {
  return <span class="req" aria-hidden="true"> *</span>;
}

export function ErrorText({ id, children }: { id: string; children: ComponentChildren }) {
  return (
    <p id={id} class="error">
      <svg class="error__icon" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
        <circle cx="10" cy="10" r="9" fill="currentColor" />
        <rect x="9" y="4.5" width="2" height="7" fill="#fff" />
        <rect x="9" y="13.5" width="2" height="2" fill="#fff" />
      </svg>
      <span>{children}</span>
    </p>
  );
}
