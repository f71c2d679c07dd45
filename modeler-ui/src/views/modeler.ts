/**
 * `#/modeler` and `#/modeler/:processId`: the Camunda 8 modeler with its properties panel for analysts and
 * administrators (a read-only viewer for everyone else). Every change is kept as the caller's draft on the server;
 * deploying sends the diagram with the draft's forms, and the server's compile errors are drawn on the elements.
 */
import { api, ApiError, isAbort, type FormSchema } from '../api';
import { h, replaceChildren, withBusy } from '../lib/dom';
import { errorMessage } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { notify } from '../lib/notices';
import { href } from '../router';
import { canModel } from '../session';
import { t } from '../i18n';
import { DraftAutosave, forgetInThisTab, type SaveState } from '../modeler/autosave';
import { download, exportSvg, exportXml, svgToPng } from '../modeler/export';
import { createModeler, createViewer, openXml, type Diagram } from '../modeler/load';
import { clearMarks, markElements } from '../modeler/marks';
import { linkedFormId, linkForm, processIdOf, selectedElements } from '../modeler/model';
import { errorBlock, loadingBlock } from './components/status';
import { deployedSource, newSource, SourceNotFound, type DiagramSource } from './modeler-source';
import type { View, ViewContext } from './types';

export const DEPLOY_ERROR_MARKER = 'bps-deploy-error';

export const modelerView: View = async (ctx) => {
  const processId = ctx.params['processId'];
  const editable = canModel();
  ctx.setTitle(processId ?? t('modeler.newTitle'));
  ctx.outlet.replaceChildren(loadingBlock());

  let source: DiagramSource;
  try {
    const version = ctx.query.get('version');
    source = processId
      ? await deployedSource(processId, version ? Number(version) : null, editable, ctx.signal)
      : await newSource(ctx.query, ctx.signal);
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    const message = err instanceof SourceNotFound ? t('modeler.notFound', { id: err.message }) : errorMessage(err);
    ctx.outlet.replaceChildren(errorBlock(message));
    return;
  }
  if (ctx.signal.aborted) return;
  // A new diagram keeps its draft key in the address, so a reload finds the draft again.
  if (!processId && !ctx.query.get('draft') && editable) {
    window.history.replaceState(window.history.state, '', href(`/modeler?draft=${source.key}`));
  }
  await renderModeler(ctx, source, editable);
};

async function renderModeler(ctx: ViewContext, source: DiagramSource, editable: boolean): Promise<void> {
  const forms: Record<string, FormSchema> = { ...source.forms };
  const canvasHost = h('div', { class: 'modeler__canvas', 'aria-label': t('modeler.canvasLabel'), role: 'region' });
  const panelHost = h('div', { class: 'modeler__panel' });
  const saveStatus = h('span', { class: 'modeler__save-status', role: 'status' });
  const results = h('div', { class: 'modeler__results' });
  const toolbar = h('div', { class: 'modeler__toolbar', role: 'toolbar', 'aria-label': t('modeler.toolbar') });
  const title = source.process?.name || source.process?.processId || t('modeler.newTitle');
  const banner = h('div', { class: 'modeler__source' });

  replaceChildren(
    ctx.outlet,
    h(
      'div',
      { class: 'page-head' },
      h('h1', { class: 'page-title', tabindex: -1 }, title),
      h('div', { class: 'page-head__actions' }, saveStatus),
    ),
    banner,
    toolbar,
    results,
    h('div', { class: ['modeler', !editable && 'modeler--read-only'] }, canvasHost, editable ? panelHost : null),
  );

  let diagram: Diagram;
  try {
    diagram = editable ? await createModeler(canvasHost, panelHost) : await createViewer(canvasHost);
    const { laidOut } = await openXml(diagram, source.xml);
    if (laidOut) notify(t('modeler.laidOut'), 'info');
  } catch (err) {
    if (ctx.signal.aborted) return;
    results.replaceChildren(errorBlock(t('modeler.openFailed', { message: errorMessage(err) })));
    return;
  }
  if (ctx.signal.aborted) {
    diagram.destroy();
    return;
  }
  canvasHost.dataset['ready'] = 'true';
  performance.mark('bps-modeler-ready');

  const page: ModelerPage = {
    ctx,
    diagram,
    forms,
    results,
    source,
    draftKey: source.key,
    autosave: null,
    deployErrors: [],
    recordChange: async () => {
      page.autosave?.changed({ xml: await exportXml(diagram), forms: { ...forms } });
    },
    keepDraftsUnder(key: string) {
      this.autosave?.cancel();
      this.draftKey = key;
      this.autosave = new DraftAutosave(key, (state) => showSaveState(saveStatus, state));
    },
  };
  if (editable) {
    page.keepDraftsUnder(source.key);
    diagram.on('commandStack.changed', () => void page.recordChange());
  }
  ctx.signal.addEventListener('abort', () => {
    page.autosave?.dispose();
    diagram.destroy();
  });
  // Discarding must also drop unsaved edits, or leaving the page would save them as a draft again.
  replaceChildren(
    banner,
    sourceBanner(ctx, source, editable, () => page.autosave?.cancel()),
  );
  toolbar.replaceChildren(...toolbarButtons(page, editable));
}

function showSaveState(el: HTMLElement, state: SaveState): void {
  el.textContent = t(`modeler.save.${state}`);
  el.classList.toggle('is-failed', state === 'failed');
}

function sourceBanner(
  ctx: ViewContext,
  source: DiagramSource,
  editable: boolean,
  stopDrafts: () => void,
): HTMLElement | null {
  if (!editable) return h('p', { class: 'modeler__banner' }, t('modeler.readOnly'));
  if (!source.draft) {
    return source.version !== undefined
      ? h('p', { class: 'modeler__banner' }, t('modeler.showingVersion', { version: source.version }))
      : null;
  }
  const discard = h('button', { type: 'button', class: 'btn btn--secondary btn--small' }, t('modeler.discardDraft'));
  discard.addEventListener(
    'click',
    () =>
      void withBusy(discard, async () => {
        if (!window.confirm(t('modeler.discardConfirm'))) return;
        try {
          stopDrafts();
          forgetInThisTab(source.key);
          await api.drafts.deleteDraft(source.key);
        } catch (err) {
          if (!(err instanceof ApiError && err.status === 404)) return notify(errorMessage(err), 'error');
        }
        ctx.navigate(source.process ? `/modeler/${encodeURIComponent(source.process.processId)}` : '/processes');
      }),
  );
  const when = source.draft.updatedAt ? formatDateTime(source.draft.updatedAt) : t('modeler.draftThisTab');
  return h(
    'div',
    { class: 'modeler__banner modeler__banner--draft', role: 'note' },
    h('p', null, t('modeler.draftOpened', { when })),
    discard,
  );
}

/** One open modeler page: its diagram, the draft's forms, and where its draft is kept. */
interface ModelerPage {
  ctx: ViewContext;
  diagram: Diagram;
  forms: Record<string, FormSchema>;
  results: HTMLElement;
  source: DiagramSource;
  /** Changes after a new diagram's first deploy are kept under its process id. */
  draftKey: string;
  autosave: DraftAutosave | null;
  /** Elements marked by the last refused deploy. */
  deployErrors: string[];
  recordChange(): Promise<void>;
  keepDraftsUnder(key: string): void;
}

function button(
  label: string,
  onClick: (b: HTMLButtonElement) => Promise<void> | void,
  primary = false,
): HTMLButtonElement {
  const b = h(
    'button',
    { type: 'button', class: ['btn', primary ? 'btn--primary' : 'btn--secondary', 'btn--small'] },
    label,
  );
  b.addEventListener(
    'click',
    () =>
      void withBusy(b, async () => {
        try {
          await onClick(b);
        } catch (err) {
          notify(errorMessage(err), 'error');
        }
      }),
  );
  return b;
}

function toolbarButtons(a: ModelerPage, editable: boolean): HTMLElement[] {
  const name = (): string => processIdOf(a.diagram) ?? 'process';
  const exports = [
    button(t('modeler.exportBpmn'), async () => {
      download(`${name()}.bpmn`, new Blob([await exportXml(a.diagram)], { type: 'application/xml' }));
    }),
    button(t('modeler.exportSvg'), async () => {
      download(`${name()}.svg`, new Blob([await exportSvg(a.diagram)], { type: 'image/svg+xml' }));
    }),
    button(t('modeler.exportPng'), async () => download(`${name()}.png`, await svgToPng(await exportSvg(a.diagram)))),
  ];
  const versions = a.source.process?.versions ?? [];
  const compare =
    versions.length >= 2
      ? h(
          'a',
          {
            class: 'btn btn--secondary btn--small',
            href: href(
              `/modeler/${encodeURIComponent(a.source.process?.processId ?? '')}/compare?left=${versions[1]?.version}&right=${versions[0]?.version}`,
            ),
          },
          t('modeler.compare'),
        )
      : null;
  if (!editable) return [...exports, ...(compare ? [compare] : [])];

  const fileInput = h('input', {
    type: 'file',
    accept: '.bpmn,.xml,application/xml',
    class: 'visually-hidden',
    'aria-label': t('modeler.importBpmn'),
  });
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (file) void importFile(a, file);
  });
  const importButton = button(t('modeler.importBpmn'), () => fileInput.click());
  const designForm = button(t('modeler.designForm'), () => openFormDesigner(a));
  designForm.disabled = true;
  a.diagram.on('selection.changed', () => {
    const [only, ...more] = selectedElements(a.diagram);
    designForm.disabled = !only || more.length > 0 || only.type !== 'bpmn:UserTask';
  });
  return [
    button(t('modeler.deploy'), () => deploy(a), true),
    designForm,
    importButton,
    fileInput,
    ...exports,
    ...(compare ? [compare] : []),
  ];
}

async function importFile(a: ModelerPage, file: File): Promise<void> {
  try {
    await openXml(a.diagram, await file.text());
    await a.recordChange();
    notify(t('modeler.imported', { name: file.name }), 'success');
  } catch (err) {
    notify(t('modeler.importFailed', { message: errorMessage(err) }), 'error');
  }
}

async function deploy(a: ModelerPage): Promise<void> {
  clearMarks(a.diagram, DEPLOY_ERROR_MARKER, a.deployErrors);
  a.deployErrors = [];
  a.results.replaceChildren();
  const processId = processIdOf(a.diagram);
  const xml = await exportXml(a.diagram);
  try {
    const result = await api.processes.deploy({ name: `${processId ?? 'process'}.bpmn`, xml }, a.forms);
    const deployed = result.processes.find((p) => p.processId === processId) ?? result.processes[0];
    // The draft is deployed now; later changes are a draft of the deployed process.
    const deployedKey = a.draftKey;
    a.autosave?.cancel();
    await api.drafts.deleteDraft(deployedKey).catch(() => undefined);
    if (deployed) {
      a.keepDraftsUnder(deployed.processId);
      window.history.replaceState(window.history.state, '', href(`/modeler/${encodeURIComponent(deployed.processId)}`));
    }
    a.results.replaceChildren(
      h(
        'div',
        { class: 'notice notice--success', role: 'status' },
        h(
          'p',
          { class: 'notice__text' },
          t('modeler.deployed', { id: deployed?.processId ?? '', version: deployed?.version ?? '' }),
          ' ',
          h('a', { href: href('/processes') }, t('modeler.toProcesses')),
        ),
      ),
    );
  } catch (err) {
    if (!(err instanceof ApiError) || err.status < 400 || err.status >= 500) throw err;
    const issues = err.issues.length ? err.issues : [{ elementId: err.elementId, message: err.message }];
    const marks = issues.flatMap((issue) =>
      issue.elementId ? [{ elementId: issue.elementId, message: issue.message }] : [],
    );
    markElements(a.diagram, DEPLOY_ERROR_MARKER, marks);
    a.deployErrors = marks.map((m) => m.elementId);
    a.results.replaceChildren(
      h(
        'div',
        { class: 'form-error modeler__deploy-errors', role: 'alert' },
        h('p', null, t('modeler.deployFailed', { message: err.message })),
        h(
          'ul',
          null,
          ...issues.map((issue) =>
            h(
              'li',
              null,
              issue.elementId ? h('code', null, issue.elementId) : null,
              issue.elementId ? ': ' : null,
              issue.message,
            ),
          ),
        ),
      ),
    );
  }
}

async function openFormDesigner(a: ModelerPage): Promise<void> {
  const [task] = selectedElements(a.diagram);
  if (!task) return;
  const formId = linkedFormId(task) ?? `${processIdOf(a.diagram) ?? 'process'}-${task.id}`;
  const schema = a.forms[formId] ?? (await api.forms.latestForm(formId))?.schema;
  const { mountFormEditor } = await import('../forms/form-editor.js');
  const host = h('div', { class: 'form-designer__editor' });
  const save = h('button', { type: 'button', class: 'btn btn--primary' }, t('modeler.formSave'));
  const cancel = h('button', { type: 'button', class: 'btn btn--secondary' }, t('modeler.formCancel'));
  const dialog = h(
    'dialog',
    { class: 'form-designer', 'aria-label': t('modeler.formTitle', { id: formId }) },
    h('h2', null, t('modeler.formTitle', { id: formId })),
    host,
    h('div', { class: 'form-designer__actions' }, save, cancel),
  );
  document.body.append(dialog);
  const editor = await mountFormEditor(host, schema);
  const close = (): void => {
    editor.destroy();
    dialog.remove();
  };
  cancel.addEventListener('click', close);
  dialog.addEventListener('cancel', close);
  save.addEventListener('click', () => {
    try {
      a.forms[formId] = { ...editor.getSchema(), id: formId };
    } catch (err) {
      notify(errorMessage(err), 'error');
      return;
    }
    // Linking changes the diagram, which records the draft (forms included); an already linked task records here.
    if (linkedFormId(task) === formId) void a.recordChange();
    else linkForm(a.diagram, task, formId);
    close();
  });
  dialog.showModal();
}
