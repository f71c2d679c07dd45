/**
 * Forms (form-js schemas, `.form` files) deployed beside processes: checked like BPMN uploads, stored as immutable
 * versions per form id, an identical redeploy returning the latest version.
 *
 * A user task's zeebe:formId is bound when its process is deployed, to the version in the same deployment, else to
 * the latest version deployed before (ProcessDefinition.formVersions). Zeebe's default binding is "latest", which
 * lets a later form change the tasks of every version deployed before it; binding at deployment keeps a process
 * version with the forms it was checked against, as it keeps its own XML.
 */
import { createHash } from 'node:crypto';
import type { XmlLimits } from '../bpmn/xml-guard';
import { AppError } from '../shared/app-error';
import type { ProcessGraph } from '../shared/graph';
import { asJson, type Prisma } from '../platform/db';
import { appendAudit, type AuditedPerson } from './audit';

/** A form file, parsed and checked. */
export interface FormResource {
  formId: string;
  schema: Record<string, unknown>;
  resourceName: string;
}

export interface DeployedForm {
  formId: string;
  version: number;
  id: string;
  /** False when an identical latest version already existed and was returned. */
  created: boolean;
}

/** {formId: Form.id}: the form versions a process version's user tasks show. */
export type FormVersions = Record<string, string>;

/**
 * Parses a form file within the limits of BPMN uploads: at most `maxBytes`, and JSON nested at most `maxDepth` deep
 * (PostgreSQL and the form renderer walk JSON recursively); then it must be an object with a string `id` and an
 * array `components`.
 */
export function parseForm(content: string, resourceName: string, limits: XmlLimits): FormResource {
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > limits.maxBytes) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `${resourceName}: the form is ${bytes} bytes; the limit is ${limits.maxBytes}.`,
    );
  }
  let schema: unknown;
  try {
    schema = JSON.parse(content);
  } catch (error) {
    throw new AppError('BAD_REQUEST', `${resourceName}: the form is not valid JSON: ${(error as Error).message}`);
  }
  if (nestingDepth(schema) > limits.maxDepth) {
    throw new AppError('BAD_REQUEST', `${resourceName}: the form's JSON nests deeper than ${limits.maxDepth} levels.`);
  }
  if (!isObject(schema)) throw new AppError('FORM_FILE_INVALID', `${resourceName}: a form must be a JSON object.`);
  const { id, components } = schema;
  if (typeof id !== 'string' || id.trim() === '') {
    throw new AppError(
      'FORM_FILE_INVALID',
      `${resourceName}: the form has no \`id\`; form-js forms carry their form id there.`,
    );
  }
  if (!Array.isArray(components)) {
    throw new AppError('FORM_FILE_INVALID', `${resourceName}: the form '${id}' has no \`components\` array.`);
  }
  return { formId: id, schema, resourceName };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How deep objects and arrays nest in a parsed JSON value, counted without recursion. */
function nestingDepth(value: unknown): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, depth] = next;
    if (typeof current !== 'object' || current === null) continue;
    deepest = Math.max(deepest, depth);
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return deepest;
}

/** The advisory lock a deployment holds on a form id while it stores the form's next version. */
export const formLockKey = ({ formId }: FormResource) => `form:${formId}`;

/**
 * Stores a form as its next version, or returns the latest version when its schema is the same. The caller holds
 * the form id's lock (formLockKey).
 */
export async function storeForm(
  tx: Prisma.TransactionClient,
  form: FormResource,
  deployedBy?: AuditedPerson,
): Promise<DeployedForm> {
  const { formId } = form;
  const contentHash = createHash('sha256').update(JSON.stringify(form.schema)).digest('hex');
  const latest = await tx.form.findFirst({ where: { formId }, orderBy: { version: 'desc' } });
  if (latest?.contentHash === contentHash) return { formId, version: latest.version, id: latest.id, created: false };
  const stored = await tx.form.create({
    data: {
      formId,
      version: (latest?.version ?? 0) + 1,
      schema: asJson(form.schema),
      resourceName: form.resourceName,
      contentHash,
      deployedById: deployedBy?.id,
    },
  });
  await appendAudit(tx, {
    actor: deployedBy?.username,
    sourceAddress: deployedBy?.sourceAddress,
    action: 'form.deployed',
    objectType: 'Form',
    objectId: stored.id,
    details: { formId, version: stored.version, resourceName: form.resourceName },
  });
  return { formId, version: stored.version, id: stored.id, created: true };
}

/** A compiled process and the file it came from. */
export interface CompiledProcess {
  graph: ProcessGraph;
  /** The file's name; none for XML sent as the request body. */
  resourceName?: string;
}

/**
 * The form versions each process's user tasks are bound to: a form of this deployment, else the latest deployed.
 * A formId that names neither refuses the deployment, naming every user task concerned.
 */
export async function bindForms(
  tx: Prisma.TransactionClient,
  processes: CompiledProcess[],
  deployedForms: DeployedForm[],
): Promise<Map<string, FormVersions>> {
  const references = processes.flatMap(({ graph, resourceName }) =>
    Object.values(graph.elements).flatMap((element) =>
      element.type === 'userTask' && element.form?.formId
        ? [{ processId: graph.processId, resourceName, elementId: element.id, formId: element.form.formId }]
        : [],
    ),
  );
  const available = new Map(deployedForms.map((form) => [form.formId, form.id]));
  const earlier = await tx.form.findMany({
    where: { formId: { in: references.map((ref) => ref.formId).filter((formId) => !available.has(formId)) } },
    orderBy: [{ formId: 'asc' }, { version: 'desc' }],
    distinct: ['formId'],
    select: { id: true, formId: true },
  });
  for (const form of earlier) available.set(form.formId, form.id);

  const resolved = references.map((ref) => ({ ...ref, formVersionId: available.get(ref.formId) }));
  const unbound = resolved.filter((ref) => ref.formVersionId === undefined);
  if (unbound.length > 0) {
    const problem = (formId: string) =>
      `the form '${formId}' (zeebe:formId) is neither in this deployment nor deployed before`;
    const issues = unbound.map(({ elementId, formId }) => ({ elementId, message: problem(formId) }));
    const summary = unbound.map(
      (ref) => `${ref.resourceName ? `${ref.resourceName}, ` : ''}${ref.elementId}: ${problem(ref.formId)}`,
    );
    throw new AppError('BPMN_INVALID', `The model cannot be deployed. ${summary.join('; ')}`, {
      elementId: issues[0]?.elementId,
      issues,
    });
  }
  return new Map(
    processes.map(({ graph }) => [
      graph.processId,
      Object.fromEntries(
        resolved.flatMap((ref) =>
          ref.processId === graph.processId && ref.formVersionId ? [[ref.formId, ref.formVersionId]] : [],
        ),
      ),
    ]),
  );
}

/** Whether a stored version's bindings are these (key order aside: JSON columns do not keep it). */
export function sameFormVersions(stored: Prisma.JsonValue, bound: FormVersions): boolean {
  const sorted = (versions: object) => JSON.stringify(Object.entries(versions).sort());
  return typeof stored === 'object' && stored !== null && sorted(stored) === sorted(bound);
}

/** The Form.id a task's form (its row's `form` column) is bound to by its process version, if it names a form id. */
export function boundFormVersionId(formVersions: Prisma.JsonValue, taskForm: Prisma.JsonValue): string | undefined {
  const formId = isObject(taskForm) ? taskForm['formId'] : undefined;
  const formVersionId = typeof formId === 'string' && isObject(formVersions) ? formVersions[formId] : undefined;
  return typeof formVersionId === 'string' ? formVersionId : undefined;
}
