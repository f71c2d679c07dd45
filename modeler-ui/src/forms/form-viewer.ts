/**
 * The form-js viewer: renders a deployed form, prefilled, and validates it as form-js does (required fields,
 * patterns, ranges) with its messages under the fields. form-js loads by dynamic import on first mount.
 */
import type { FormSchema, Variables } from '../api';

/** form-js's validation result: messages by field id (nested by row index inside dynamic lists). */
export type FormErrors = Record<string, unknown>;

export interface MountedFormViewer {
  /** Validates and returns the values of the form's keyed fields; `errors` is empty when the form is valid. */
  submit(): { data: Variables; errors: FormErrors };
  /**
   * Shows messages (by field key, as the server names variables) under the matching fields. Returns the keys
   * that match no field, so the caller can show those elsewhere.
   */
  showFieldErrors(messages: Record<string, string>): string[];
  destroy(): void;
}

interface FormField {
  id: string;
  key?: string;
}

export async function mountFormViewer(
  container: HTMLElement,
  schema: FormSchema,
  data: Variables,
): Promise<MountedFormViewer> {
  const { Form } = await import('./form-js-viewer.js');
  const form = new Form({ container });
  try {
    await form.importSchema(schema, data);
  } catch (err) {
    form.destroy();
    throw err;
  }
  return {
    submit: () => {
      const { data: values, errors } = form.submit();
      return { data: values, errors };
    },
    showFieldErrors: (messages) => {
      const fields = form.get<{ getAll(): FormField[] }>('formFieldRegistry').getAll();
      const errors: Record<string, string[]> = {};
      const unmatched: string[] = [];
      for (const [key, message] of Object.entries(messages)) {
        const matching = fields.filter((field) => field.key === key);
        if (!matching.length) unmatched.push(key);
        for (const field of matching) errors[field.id] = [message];
      }
      // form-js has no public setter for errors; its own validate() stores them the same way.
      form._setState({ errors });
      return unmatched;
    },
    destroy: () => form.destroy(),
  };
}
