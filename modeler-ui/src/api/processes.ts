import { request, requestText } from './http';
import type { DeploymentResult, FormSchema, ProcessSummary } from './types';

/** Every deployed process with its versions (newest first) and their instance counts. */
export function listProcesses(signal?: AbortSignal): Promise<ProcessSummary[]> {
  return request<ProcessSummary[]>('GET', '/api/processes', signal ? { signal } : {});
}

/** The BPMN XML of one deployed version. */
export function definitionXml(definitionId: string, signal?: AbortSignal): Promise<string> {
  return requestText(`/api/process-definitions/${encodeURIComponent(definitionId)}/xml`, signal ? { signal } : {});
}

/** Deploys a diagram with its forms in one all-or-nothing deployment (each form as `<formId>.form`). */
export function deploy(
  bpmn: { name: string; xml: string },
  forms: Record<string, FormSchema>,
): Promise<DeploymentResult> {
  const body = new FormData();
  body.append('resource', new Blob([bpmn.xml], { type: 'application/xml' }), bpmn.name);
  for (const [formId, schema] of Object.entries(forms)) {
    body.append(
      'resource',
      new Blob([JSON.stringify({ ...schema, id: formId })], { type: 'application/json' }),
      `${formId}.form`,
    );
  }
  return request<DeploymentResult>('POST', '/api/deployments', { body });
}
