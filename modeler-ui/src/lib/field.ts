/** The form field every page uses: its label, an optional hint read out with the control, then the control. */
import { h, uid } from './dom';

/** A control that already has an id (a page may address it) keeps it; otherwise it gets a fresh one. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  control.id ||= uid('field');
  const hintId = hint ? uid('field-hint') : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h(
    'div',
    { class: 'field' },
    h('label', { class: 'field__label', for: control.id }, label),
    hint ? h('p', { id: hintId, class: 'field__hint' }, hint) : null,
    control,
  );
}
