/**
 * Placeholder until the form-js editor lands (it is built on another branch with this same signature): the schema
 * as editable JSON.
 */
export async function mountFormEditor(
  container: HTMLElement,
  schema?: object,
): Promise<{ getSchema(): object; destroy(): void }> {
  const area = document.createElement('textarea');
  area.className = 'form-editor-placeholder';
  area.value = JSON.stringify(schema ?? { type: 'default', components: [] }, null, 2);
  container.append(area);
  return Promise.resolve({
    getSchema: () => JSON.parse(area.value) as object,
    destroy: () => area.remove(),
  });
}
