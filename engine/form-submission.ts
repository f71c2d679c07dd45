/**
 * Checks a task submission against a form-js schema before it reaches the workflow: the same rules form-js applies
 * in the browser (required, types, pattern, lengths, ranges, options), conditional hiding, and no key the form does
 * not name. Pure: the caller supplies the instance variables the form's conditions see.
 */
import { evaluateFeel, FeelEvaluationError, type Variables } from '../shared/feel';

/** One refused field: its key as a path (`applicant.name`, `rooms[1].area`) and what to do about it. */
export interface FieldError {
  key: string;
  message: string;
}

export interface FormComponent {
  type: string;
  key?: string;
  /** Groups and dynamic lists: where their fields' values live. */
  path?: string;
  components?: FormComponent[];
  values?: Array<{ value: unknown }>;
  valuesKey?: string;
  valuesExpression?: string;
  subtype?: string;
  serializeToString?: boolean;
  conditional?: { hide?: string };
  validate?: {
    required?: boolean | string;
    pattern?: string;
    patternErrorMessage?: string;
    minLength?: number | string;
    maxLength?: number | string;
    min?: number | string;
    max?: number | string;
    validationType?: 'email' | 'phone';
  };
}

export interface FormSchema {
  components: FormComponent[];
}

/** Where the allowed keys of one level of the submission lead: a value, a nested object, or a list of items. */
type KeyNode = { kind: 'value' } | { kind: 'object'; keys: KeyTree } | { kind: 'list'; item: KeyTree };
type KeyTree = Map<string, KeyNode>;

interface Level {
  /** The object the fields of this level read their values from (the submission, or one dynamic-list item). */
  data: Variables;
  /** What conditions see: the instance variables, overlaid with the submission and the current list item. */
  scope: Variables;
  /** The path of `data` in the submission, for error keys. */
  prefix: string;
  /** Hidden by an enclosing group's or list's condition. */
  hidden: boolean;
}

/** Every problem of a submission, empty when the form accepts it. */
export function checkSubmission(schema: FormSchema, submission: Variables, variables: Variables): FieldError[] {
  const errors: FieldError[] = [];
  const level: Level = { data: submission, scope: { ...variables, ...submission }, prefix: '', hidden: false };
  checkComponents(schema.components, level, errors);
  errors.push(...unknownKeys(submission, allowedKeys(schema.components), ''));
  return errors;
}

/** A submission to a task without a form may set only these names (e.g. what its output mappings read). */
export function checkNames(submission: Variables, names: readonly string[]): FieldError[] {
  return Object.keys(submission)
    .filter((key) => !names.includes(key))
    .map((key) => ({ key, message: notAField(names) }));
}

function notAField(names: readonly string[]): string {
  const expected = names.length > 0 ? `it accepts ${names.join(', ')}` : 'it accepts no variables';
  return `This task has no such field; ${expected}.`;
}

function checkComponents(components: FormComponent[] | undefined, level: Level, errors: FieldError[]): void {
  for (const component of components ?? []) {
    const hidden = level.hidden || isHidden(component, level.scope);
    if (component.type === 'group') {
      const path = splitPath(component.path);
      const data = path.length > 0 ? asObject(valueAt(level.data, path)) : level.data;
      checkComponents(component.components, { ...level, data, prefix: joinKey(level.prefix, path), hidden }, errors);
    } else if (component.type === 'dynamiclist') {
      checkList(component, level, hidden, errors);
    } else if (component.key) {
      const path = splitPath(component.key);
      const value = valueAt(level.data, path);
      const key = joinKey(level.prefix, path);
      if (hidden) {
        if (value !== undefined) errors.push({ key, message: 'This field is hidden by its condition; leave it out.' });
      } else {
        const message = fieldProblem(component, value, level.scope);
        if (message) errors.push({ key, message });
      }
    }
  }
}

function checkList(list: FormComponent, level: Level, hidden: boolean, errors: FieldError[]): void {
  const path = splitPath(list.path);
  const items = valueAt(level.data, path);
  const key = joinKey(level.prefix, path);
  if (items === undefined || items === null) return;
  if (!Array.isArray(items)) {
    errors.push({ key, message: 'Must be a list of entries.' });
    return;
  }
  items.forEach((item, index) => {
    const data = asObject(item);
    const scope = { ...level.scope, ...data };
    checkComponents(list.components, { data, scope, prefix: `${key}[${index}]`, hidden }, errors);
  });
}

/** The first problem of one field's value, or undefined. Checks as form-js does: empty values are only "required". */
function fieldProblem(field: FormComponent, value: unknown, scope: Variables): string | undefined {
  const validate = field.validate ?? {};
  if (isEmpty(value, field)) return resolve(validate.required, scope) === true ? 'Required.' : undefined;
  const typeProblem = typeCheck(field, value);
  if (typeProblem) return typeProblem;
  if (typeof value === 'string') {
    const pattern = resolve(validate.pattern, scope);
    if (typeof pattern === 'string' && !new RegExp(pattern).test(value)) {
      return validate.patternErrorMessage ?? `Must match the pattern ${pattern}.`;
    }
    const minLength = numberOf(resolve(validate.minLength, scope));
    if (minLength !== undefined && value.trim().length < minLength) return `Must be at least ${minLength} characters.`;
    const maxLength = numberOf(resolve(validate.maxLength, scope));
    if (maxLength !== undefined && value.trim().length > maxLength) return `Must be at most ${maxLength} characters.`;
    if (validate.validationType === 'email' && !EMAIL.test(value)) return 'Must be an email address.';
    if (validate.validationType === 'phone' && !PHONE.test(value)) return 'Must be an international phone number.';
  }
  const number = field.type === 'number' ? numberOf(value) : undefined;
  if (number !== undefined) {
    const min = numberOf(resolve(validate.min, scope));
    if (min !== undefined && number < min) return `Must be at least ${min}.`;
    const max = numberOf(resolve(validate.max, scope));
    if (max !== undefined && number > max) return `Must be at most ${max}.`;
  }
  return undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+[1-9]\d{1,14}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

function typeCheck(field: FormComponent, value: unknown): string | undefined {
  switch (field.type) {
    case 'textfield':
    case 'textarea':
      return typeof value === 'string' ? undefined : 'Must be text.';
    case 'number':
      return numberOf(value) !== undefined && (typeof value === 'number' || field.serializeToString)
        ? undefined
        : 'Must be a number.';
    case 'checkbox':
      return typeof value === 'boolean' ? undefined : 'Must be true or false.';
    case 'select':
    case 'radio':
      return isOption(field, value) ? undefined : `Must be one of ${optionList(field)}.`;
    case 'checklist':
    case 'taglist':
      return Array.isArray(value) && value.every((item) => isOption(field, item))
        ? undefined
        : `Must be a list of values from ${optionList(field)}.`;
    case 'datetime':
      return isDateTime(field.subtype, value) ? undefined : dateTimeHint(field.subtype);
    default:
      // expression fields compute their value; file pickers hand over a reference: nothing to check here
      return undefined;
  }
}

/** Static options only: options from a variable (valuesKey) or an expression are not known here. */
function isOption(field: FormComponent, value: unknown): boolean {
  if (!field.values || field.valuesKey || field.valuesExpression) return true;
  return field.values.some((option) => option.value === value);
}

function optionList(field: FormComponent): string {
  return (field.values ?? []).map((option) => JSON.stringify(option.value)).join(', ');
}

function isDateTime(subtype: string | undefined, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (subtype === 'time') return ISO_TIME.test(value);
  if (subtype === 'datetime') return value.includes('T') && !Number.isNaN(Date.parse(value));
  return ISO_DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

function dateTimeHint(subtype: string | undefined): string {
  if (subtype === 'time') return 'Must be a time such as 14:30.';
  if (subtype === 'datetime') return 'Must be a date and time such as 2026-12-07T14:30:00+09:00.';
  return 'Must be a date such as 2026-12-07.';
}

function isEmpty(value: unknown, field: FormComponent): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value) && value.length === 0) return true;
  // form-js counts an unticked required checkbox as missing
  return field.type === 'checkbox' && value === false;
}

function isHidden(component: FormComponent, scope: Variables): boolean {
  const hide = component.conditional?.hide;
  return typeof hide === 'string' && resolve(hide, scope) === true;
}

/**
 * A form-js property that may be a FEEL expression (`=...`). An expression that cannot be evaluated counts as not
 * set, as form-js treats it in the browser.
 */
function resolve(value: unknown, scope: Variables): unknown {
  if (typeof value !== 'string' || !value.startsWith('=')) return value;
  try {
    return evaluateFeel(value.slice(1), scope);
  } catch (error) {
    if (error instanceof FeelEvaluationError) return undefined;
    throw error;
  }
}

function numberOf(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

function splitPath(path: string | undefined): string[] {
  return path ? path.split('.').filter((segment) => segment !== '') : [];
}

function joinKey(prefix: string, path: string[]): string {
  return [prefix, ...path].filter((part) => part !== '').join('.');
}

function valueAt(data: Variables, path: string[]): unknown {
  let current: unknown = data;
  for (const segment of path) current = isObject(current) ? current[segment] : undefined;
  return current;
}

function isObject(value: unknown): value is Variables {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: unknown): Variables {
  return isObject(value) ? value : {};
}

/** The keys a form's fields name, as a tree: nested keys (`a.b`), group paths and dynamic lists. */
function allowedKeys(components: FormComponent[] | undefined, tree: KeyTree = new Map()): KeyTree {
  for (const component of components ?? []) {
    if (component.type === 'group') allowedKeys(component.components, subtree(tree, splitPath(component.path)));
    else if (component.type === 'dynamiclist') {
      const path = splitPath(component.path);
      const last = path.pop();
      if (last) subtree(tree, path).set(last, { kind: 'list', item: allowedKeys(component.components) });
    } else if (component.key) {
      const path = splitPath(component.key);
      const last = path.pop();
      if (last) subtree(tree, path).set(last, { kind: 'value' });
    }
  }
  return tree;
}

function subtree(tree: KeyTree, path: string[]): KeyTree {
  let current = tree;
  for (const segment of path) {
    const node = current.get(segment);
    if (node?.kind === 'object') current = node.keys;
    else {
      const keys: KeyTree = new Map();
      current.set(segment, { kind: 'object', keys });
      current = keys;
    }
  }
  return current;
}

function unknownKeys(data: unknown, tree: KeyTree, prefix: string): FieldError[] {
  if (!isObject(data)) return [];
  return Object.entries(data).flatMap(([name, value]) => {
    const key = prefix ? `${prefix}.${name}` : name;
    const node = tree.get(name);
    if (!node) return [{ key, message: 'This form has no such field; it cannot be set here.' }];
    if (node.kind === 'object') {
      if (value === undefined || value === null || isObject(value)) return unknownKeys(value, node.keys, key);
      return [{ key, message: `Must be an object with the fields ${[...node.keys.keys()].join(', ')}.` }];
    }
    if (node.kind === 'list' && Array.isArray(value)) {
      return value.flatMap((item, index) => unknownKeys(item, node.item, `${key}[${index}]`));
    }
    return [];
  });
}
