/**
 * form-js's viewer alone, as the chunk form-viewer.ts loads on demand. Importing the package itself by `import()`
 * would bring the whole package (editor and playground too): a dynamic import cannot be tree-shaken, a re-export can.
 */
export { Form } from '@bpmn-io/form-js';
