/**
 * Which diagram the modeler page opens: the caller's draft when there is one (this tab's newest copy first), else the
 * requested deployed version, else a template for a new process.
 */
import { api, type FormSchema, type ProcessSummary } from '../api';
import { unsavedInThisTab } from '../modeler/autosave';
import { isTemplateName, templates } from '../modeler/templates';

export interface DiagramSource {
  /** The draft key: the process id, or `new-<uuid>` for a diagram never deployed. */
  key: string;
  xml: string;
  forms: Record<string, FormSchema>;
  /** Set when a draft was opened: when the server last saved it (absent: only this tab has it). */
  draft?: { updatedAt?: string };
  /** The deployed process, when there is one. */
  process?: ProcessSummary;
  /** The deployed version shown, when not a draft. */
  version?: number;
}

export class SourceNotFound extends Error {}

async function draftFor(key: string, signal: AbortSignal): Promise<DiagramSource | null> {
  const local = unsavedInThisTab(key);
  if (local) return { key, ...local, draft: {} };
  const saved = await api.drafts.getDraft(key, signal);
  return saved ? { key, xml: saved.xml, forms: saved.forms, draft: { updatedAt: saved.updatedAt } } : null;
}

/** `#/modeler/:processId[?version=n]`. A draft wins unless a version is asked for by number. */
export async function deployedSource(
  processId: string,
  version: number | null,
  useDraft: boolean,
  signal: AbortSignal,
): Promise<DiagramSource> {
  const [processes, draft] = await Promise.all([
    api.processes.listProcesses(signal),
    useDraft && version === null ? draftFor(processId, signal) : null,
  ]);
  const process = processes.find((p) => p.processId === processId);
  if (draft) return { ...draft, ...(process ? { process } : {}) };
  const shown = process?.versions.find((v) =>
    version === null ? v.definitionId === process.latest.definitionId : v.version === version,
  );
  if (!process || !shown) throw new SourceNotFound(processId);
  const xml = await api.processes.definitionXml(shown.definitionId, signal);
  return { key: processId, xml, forms: {}, process, version: shown.version };
}

/** `#/modeler[?template=name|?draft=key]`: a new diagram, or the draft of one not yet deployed. */
export async function newSource(query: URLSearchParams, signal: AbortSignal): Promise<DiagramSource> {
  const key = query.get('draft');
  if (key) {
    const draft = await draftFor(key, signal);
    if (!draft) throw new SourceNotFound(key);
    return draft;
  }
  const template = query.get('template');
  return {
    key: `new-${crypto.randomUUID()}`,
    xml: templates[isTemplateName(template) ? template : 'blank'],
    forms: {},
  };
}
