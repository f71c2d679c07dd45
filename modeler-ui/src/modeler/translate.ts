/**
 * A didi `translate` override: bpmn-js, diagram-js and the properties panel pass their English strings through
 * `translate(template, replacements)`; in Korean we look them up in the dictionary, and any string we have no entry
 * for stays English rather than disappearing.
 */
import { getLocale } from '../i18n';
import { bpmnKo } from './translations-ko';

function translate(template: string, replacements: Record<string, string> = {}): string {
  const text = getLocale() === 'ko' ? (bpmnKo[template] ?? template) : template;
  return text.replace(/{([^}]+)}/g, (match, key: string) => replacements[key] ?? match);
}

export const translateModule = { translate: ['value', translate] };
