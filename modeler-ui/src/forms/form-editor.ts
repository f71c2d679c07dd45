/**
 * The form-js editor (palette, canvas, properties panel) for user-task forms. form-js is heavy: it is loaded by
 * dynamic import when the first editor mounts, so pages without an editor never download it.
 */
import type { FormSchema } from '../api';
import { t, type MessageKey } from '../i18n';

export interface MountedFormEditor {
  /** The form as edited so far, in form-js's export format (what a `.form` resource holds). */
  getSchema(): FormSchema;
  destroy(): void;
}

/** A form with no fields yet. Pass `id` to name it (it becomes the form id the process links by `zeebe:formId`). */
export function emptyFormSchema(id = `Form_${crypto.randomUUID().slice(0, 8)}`): FormSchema {
  return { type: 'default', id, components: [] };
}

export async function mountFormEditor(
  container: HTMLElement,
  schema: FormSchema = emptyFormSchema(),
): Promise<MountedFormEditor> {
  const { FormEditor } = await import('./form-js-editor.js');
  container.classList.add('form-editor'); // the layout in styles/forms.css
  const editor = new FormEditor({ container, additionalModules: [localizedFieldNamesModule] });
  const stopLocalizing = localizePaletteChrome(container);
  try {
    await editor.importSchema(schema);
  } catch (err) {
    stopLocalizing();
    editor.destroy();
    container.classList.remove('form-editor');
    throw err;
  }
  return {
    getSchema: () => editor.saveSchema() as FormSchema,
    destroy: () => {
      stopLocalizing();
      editor.destroy();
      container.classList.remove('form-editor');
    },
  };
}

/** Field types whose palette and panel name we translate (form-js has no translation hook for them). */
const FIELD_NAME_KEYS: Record<string, MessageKey> = {
  textfield: 'formEditor.field.textfield',
  textarea: 'formEditor.field.textarea',
  number: 'formEditor.field.number',
  datetime: 'formEditor.field.datetime',
  expression: 'formEditor.field.expression',
  filepicker: 'formEditor.field.filepicker',
  checkbox: 'formEditor.field.checkbox',
  checklist: 'formEditor.field.checklist',
  radio: 'formEditor.field.radio',
  select: 'formEditor.field.select',
  taglist: 'formEditor.field.taglist',
  text: 'formEditor.field.text',
  html: 'formEditor.field.html',
  image: 'formEditor.field.image',
  table: 'formEditor.field.table',
  documentPreview: 'formEditor.field.documentPreview',
  separator: 'formEditor.field.separator',
  spacer: 'formEditor.field.spacer',
  group: 'formEditor.field.group',
  dynamiclist: 'formEditor.field.dynamiclist',
  iframe: 'formEditor.field.iframe',
  button: 'formEditor.field.button',
};

interface FieldConfig {
  name?: string;
  /** Builds a new field of this type (dropped from the palette); form-js's default label is the English name. */
  create?: (options?: Record<string, unknown>) => Record<string, unknown>;
  [property: string]: unknown;
}

/** A form-js field component: a function component carrying its static `config` (type, name, group, ...). */
type FieldComponent = ((props: unknown) => unknown) & { config: FieldConfig };

interface FormFieldsService {
  get(type: string): FieldComponent | undefined;
  register(type: string, field: FieldComponent): void;
}

/**
 * Re-registers the editor's field types under their translated names (palette entries and the properties panel
 * header read `config.name`), and gives a newly dropped field that name as its label instead of the English one.
 * The component is wrapped, not changed: form-js's own configs stay untouched.
 */
function localizeFieldNames(formFields: FormFieldsService): void {
  for (const [type, key] of Object.entries(FIELD_NAME_KEYS)) {
    const field = formFields.get(type);
    if (!field) continue;
    const { name: englishName, create } = field.config;
    const name = t(key);
    const renamed = ((props: unknown) => field(props)) as FieldComponent;
    renamed.config = { ...field.config, name };
    if (create) {
      renamed.config.create = (options) => {
        const created = create(options);
        return created.label === englishName ? { ...created, label: name } : created;
      };
    }
    formFields.register(type, renamed);
  }
}
localizeFieldNames.$inject = ['formFields'];

const localizedFieldNamesModule = {
  __init__: ['localizedFieldNames'],
  localizedFieldNames: ['factory', localizeFieldNames],
};

const PALETTE_GROUP_KEYS: Record<string, MessageKey> = {
  'basic-input': 'formEditor.group.basic-input',
  selection: 'formEditor.group.selection',
  presentation: 'formEditor.group.presentation',
  container: 'formEditor.group.container',
  action: 'formEditor.group.action',
};

/**
 * The palette's header, search box, group titles and entry tooltips, and the empty form's card, are fixed English
 * text inside form-js; translate them in the DOM, again after each re-render (searching rebuilds the groups).
 * Returns the function that stops it.
 */
function localizePaletteChrome(container: HTMLElement): () => void {
  const setText = (el: Element | null, text: string): void => {
    if (el && el.textContent !== text) el.textContent = text;
  };
  const apply = (): void => {
    const header = container.querySelector('.fjs-palette-header');
    setText(header, t('formEditor.palette.title'));
    header?.setAttribute('title', t('formEditor.palette.title'));
    const search = container.querySelector<HTMLInputElement>('.fjs-palette-search');
    if (search) search.placeholder = t('formEditor.palette.search');
    setText(container.querySelector('.fjs-palette-no-entries'), t('formEditor.palette.noEntries'));
    container.querySelectorAll<HTMLElement>('.fjs-palette-group').forEach((group) => {
      const key = PALETTE_GROUP_KEYS[group.dataset.groupId ?? ''];
      if (key) setText(group.querySelector('.fjs-palette-group-title'), t(key));
    });
    container.querySelectorAll('.fjs-palette-field').forEach((entry) => {
      const name = entry.querySelector('.fjs-palette-field-text')?.textContent ?? '';
      if (entry.getAttribute('title') !== name) entry.setAttribute('title', name);
    });
    const emptyCard = container.querySelector('.fjs-empty-editor-card');
    setText(emptyCard?.querySelector('h2') ?? null, t('formEditor.empty.title'));
    setText(emptyCard?.querySelector('span') ?? null, t('formEditor.empty.hint'));
  };
  const observer = new MutationObserver(apply);
  observer.observe(container, { childList: true, subtree: true });
  apply();
  return () => observer.disconnect();
}
