/** form-js's editor alone, as the chunk form-editor.ts loads on demand (see form-js-viewer.ts for why). */
export { FormEditor } from '@bpmn-io/form-js';
