/** The 비밀 등급 of an instance or task as a badge beside its title; nothing when it is unclassified. */
import type { SecurityGrade } from '../../api';
import { h } from '../../lib/dom';
import { t, type MessageKey } from '../../i18n';

export function classificationBadge(grade: SecurityGrade | null | undefined): HTMLElement | null {
  if (!grade) return null;
  return h('span', { class: 'badge badge--danger' }, t(`security.grade.${grade}` as MessageKey));
}
