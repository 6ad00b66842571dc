/**
 * The Enter key in a multi-field form (issue 17 item 4). Many operators press Enter to go to the next box;
 * browsers submit the form instead, which turns every empty field red. With `onKeyDown={enterMovesFocus}`
 * on the <form>:
 * - Enter in a single-line field (text input, select, checkbox, radio) moves focus to the next field in the
 *   form's order (past the other radios of its group); from the last one, to the submit button;
 * - Ctrl+Enter (⌘+Enter) anywhere in the form submits it, as its submit button does;
 * - a textarea keeps Enter as a new line; buttons, links and file inputs keep their own Enter;
 * - a field that used Enter itself (a list's choice: preventDefault) or an IME composing text is left alone;
 * - a form with a single field keeps the browser's Enter-submits (a lookup or a password).
 */
import type { TargetedKeyboardEvent } from 'preact';

const FIELDS = 'input, select, textarea';
/** Inputs whose own Enter is kept: buttons, file pickers, colour and range widgets. */
const OWN_ENTER = new Set(['button', 'submit', 'reset', 'image', 'file', 'color', 'range', 'hidden']);

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** Fields a person can type into or choose in, in document order: enabled, shown, in the tab order. */
export function formFields(form: HTMLFormElement): Field[] {
  return [...form.querySelectorAll<Field>(FIELDS)].filter((el) =>
    !el.disabled && el.tabIndex >= 0 && !(el instanceof HTMLInputElement && OWN_ENTER.has(el.type)) && el.getClientRects().length > 0);
}

/** The field after `el` (radios of the same group count as one), or the form's submit button. */
export function nextFocusTarget(form: HTMLFormElement, el: Field): HTMLElement | undefined {
  const fields = formFields(form);
  const radioGroup = el instanceof HTMLInputElement && el.type === 'radio' ? el.name : undefined;
  let i = fields.indexOf(el);
  if (i < 0) return undefined;
  while (++i < fields.length) {
    const f = fields[i];
    if (radioGroup && f instanceof HTMLInputElement && f.type === 'radio' && f.name === radioGroup) continue;
    // Into a radio group: its checked radio, else its first.
    if (f instanceof HTMLInputElement && f.type === 'radio' && f.name) {
      const checked = fields.find((x) => x instanceof HTMLInputElement && x.type === 'radio' && x.name === f.name && x.checked);
      return checked ?? f;
    }
    return f;
  }
  return form.querySelector<HTMLElement>('button[type="submit"], button:not([type]), input[type="submit"]') ?? undefined;
}

export function enterMovesFocus(e: TargetedKeyboardEvent<HTMLFormElement>): void {
  if (e.key !== 'Enter' || e.defaultPrevented || e.isComposing || e.altKey) return;
  const form = e.currentTarget;
  const el = e.target;
  if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement)) return;
  if (el instanceof HTMLInputElement && OWN_ENTER.has(el.type)) return;
  if (e.ctrlKey || e.metaKey) {
    e.preventDefault();
    form.requestSubmit();
    return;
  }
  if (el instanceof HTMLTextAreaElement || e.shiftKey) return;
  if (formFields(form).length < 2) return;
  e.preventDefault();
  nextFocusTarget(form, el)?.focus();
}
