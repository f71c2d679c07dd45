/**
 * Deploying BPMN, forms and DMN decisions: compile and check every file (which validates everything), then store each
 * form, decision and process as its next version, in one transaction; a stored version never changes. Deploying XML identical to a
 * process's latest version, with the same forms bound (engine/forms.ts), returns that version instead of creating
 * a new one (as Zeebe does); the same holds for forms.
 *
 * A new version takes over the process's triggered starts: its message and signal start events replace the
 * previous version's (EventStartSubscription), and its timer start events get a timer-start workflow each while the
 * previous version's are cancelled.
 */
import { createHash } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { compileBpmn } from '../bpmn/compile';
import { DEFAULT_XML_LIMITS, type XmlLimits } from '../bpmn/xml-guard';
import { AppError } from '../shared/app-error';
import type { ProcessGraph, StartEventElement, TimerDefinition } from '../shared/graph';
import { DEFAULT_ENGINE_LIMITS } from '../shared/engine-limits';
import { TIMER_START_WORKFLOW, timerStartWorkflowId, type TimerStartInput } from '../shared/workflow-contract';
import { asJson, type Prisma } from '../platform/db';
import type { EngineDeps } from './deps';
import {
  bindForms,
  formLockKey,
  parseForm,
  sameFormVersions,
  storeForm,
  type CompiledProcess,
  type DeployedForm,
  type FormVersions,
} from './forms';
import {
  assertCalledDecisionsExist,
  decisionLockKey,
  definedDecisions,
  parseDecisions,
  storeDecisions,
  type DecisionResource,
  type DeployedDecision,
} from './decisions';
import { loadGraph, type StoredDefinition } from './graph';
import { appendAudit, type AuditedPerson } from './audit';
import { settleOwnership, type MayRedeploy } from './process-access';

export interface DeployedProcess {
  processId: string;
  version: number;
  definitionId: string;
  /** False when an identical latest version already existed and was returned. */
  created: boolean;
}

/** The process-level start events with a trigger of the given kinds (event sub-process starts have a parentId). */
function triggeredStarts(graph: ProcessGraph): StartEventElement[] {
  return Object.values(graph.elements).filter(
    (element): element is StartEventElement =>
      element.type === 'startEvent' && !element.parentId && element.trigger !== undefined,
  );
}

type EventStart = { elementId: string; kind: 'MESSAGE' | 'SIGNAL'; name: string };

function eventStartSubscriptions(graph: ProcessGraph): EventStart[] {
  return triggeredStarts(graph).flatMap((start): EventStart[] => {
    if (start.trigger?.kind === 'message')
      return [{ elementId: start.id, kind: 'MESSAGE', name: start.trigger.messageName }];
    if (start.trigger?.kind === 'signal')
      return [{ elementId: start.id, kind: 'SIGNAL', name: start.trigger.signalName }];
    return [];
  });
}

function timerStarts(graph: ProcessGraph): Array<{ elementId: string; timer: TimerDefinition }> {
  return triggeredStarts(graph).flatMap((start) =>
    start.trigger?.kind === 'timer' ? [{ elementId: start.id, timer: start.trigger.timer }] : [],
  );
}

interface NewVersion {
  processId: string;
  definitionId: string;
  timers: Array<{ elementId: string; timer: TimerDefinition }>;
  previousTimerElementIds: string[];
}

/** One file of a deployment: a form-js form when its name ends in `.form`, DMN when in `.dmn`, else BPMN XML. */
export interface DeploymentResource {
  name?: string;
  content: string;
}

export interface DeployResourcesInput {
  resources: DeploymentResource[];
  deployedBy?: AuditedPerson;
  /** Whether the deployer may add versions to a process that has owners (docs/access.md); unchecked without it. */
  mayRedeploy?: MayRedeploy;
  limits?: XmlLimits;
}

export interface Deployment {
  processes: DeployedProcess[];
  forms: DeployedForm[];
  decisions: DeployedDecision[];
}

/** A process compiled from a BPMN resource, with the resource's XML. */
interface CompiledResource extends CompiledProcess {
  xml: string;
}

/**
 * Deploys BPMN, forms and decisions together, all or nothing: every file is parsed and compiled before anything is
 * stored, and the forms, the decisions, the links to them from user and business rule tasks and the processes are
 * stored in one transaction.
 */
export async function deployResources(deps: EngineDeps, input: DeployResourcesInput): Promise<Deployment> {
  const limits = input.limits ?? DEFAULT_XML_LIMITS;
  if (input.resources.length === 0) throw new AppError('BAD_REQUEST', 'The deployment has no resources.');
  const forms = input.resources.filter(isForm).map((resource) => parseForm(resource.content, resource.name, limits));
  const decisionFiles: DecisionResource[] = [];
  for (const resource of input.resources.filter(isDecisionFile)) {
    decisionFiles.push(await parseDecisions(resource.content, resource.name, limits));
  }
  const processes: CompiledResource[] = [];
  for (const resource of input.resources.filter((resource) => !isForm(resource) && !isDecisionFile(resource))) {
    const graphs = await compileBpmn(resource.content, limits, deps.limits).catch((error: unknown) => {
      throw resource.name && error instanceof AppError
        ? new AppError(error.code, `${resource.name}: ${error.message}`, error.details)
        : error;
    });
    processes.push(...graphs.map((graph) => ({ graph, xml: resource.content, resourceName: resource.name })));
  }
  assertDistinct(
    processes.map(({ graph, resourceName }) => ({
      id: graph.processId,
      resourceName: resourceName ?? 'the request body',
    })),
    'process',
  );
  assertDistinct(
    forms.map(({ formId, resourceName }) => ({ id: formId, resourceName })),
    'form',
  );
  const decisionIds = definedDecisions(decisionFiles);
  assertDistinct(decisionIds, 'decision');

  const newVersions: NewVersion[] = [];
  const deployment = await deps.prisma.$transaction(async (tx) => {
    // Serialises concurrent deployments of the same ids, so versions stay gap-free and unique. Taken all at once in
    // one order, so that two deployments sharing several ids cannot deadlock.
    const lockKeys = [
      ...forms.map(formLockKey),
      ...decisionIds.map(({ id }) => decisionLockKey(id)),
      ...processes.map(({ graph }) => `deploy:${graph.processId}`),
    ];
    for (const key of lockKeys.sort()) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
    const deployedForms: DeployedForm[] = [];
    for (const form of forms) deployedForms.push(await storeForm(tx, form, input.deployedBy));
    const deployedDecisions: DeployedDecision[] = [];
    for (const file of decisionFiles) deployedDecisions.push(...(await storeDecisions(tx, file, input.deployedBy)));
    await assertCalledDecisionsExist(
      tx,
      processes,
      decisionIds.map(({ id }) => id),
    );
    const formBindings = await bindForms(tx, processes, deployedForms);
    const deployedProcesses: DeployedProcess[] = [];
    for (const process of processes) {
      const formVersions = formBindings.get(process.graph.processId) ?? {};
      const stored = await storeProcess(deps, tx, {
        ...process,
        formVersions,
        deployedBy: input.deployedBy,
        mayRedeploy: input.mayRedeploy,
      });
      deployedProcesses.push(stored.deployed);
      if (stored.newVersion) newVersions.push(stored.newVersion);
    }
    return { processes: deployedProcesses, forms: deployedForms, decisions: deployedDecisions };
  });
  await scheduleTimerStarts(deps, newVersions);
  return deployment;
}

function isForm(resource: DeploymentResource): resource is Required<DeploymentResource> {
  return resource.name?.toLowerCase().endsWith('.form') ?? false;
}

function isDecisionFile(resource: DeploymentResource): resource is Required<DeploymentResource> {
  return resource.name?.toLowerCase().endsWith('.dmn') ?? false;
}

const duplicateCodes = { process: 'BPMN_INVALID', form: 'FORM_FILE_INVALID', decision: 'DMN_INVALID' } as const;

/** Two files of one deployment may not define the same process, form or decision: which would be the next version? */
function assertDistinct(items: Array<{ id: string; resourceName: string }>, what: keyof typeof duplicateCodes): void {
  const seen = new Map<string, string>();
  for (const { id, resourceName } of items) {
    const first = seen.get(id);
    if (first !== undefined) {
      throw new AppError(
        duplicateCodes[what],
        `The ${what} '${id}' is defined twice in this deployment (${first} and ${resourceName}); deploy it once.`,
        what === 'form' ? {} : { elementId: id },
      );
    }
    seen.set(id, resourceName);
  }
}

/**
 * Stores a process as its next version, or returns the latest version when both its XML and its form bindings are
 * the same: a form changed alongside unchanged XML makes a new version that shows the new form. The caller holds
 * the process id's lock.
 */
async function storeProcess(
  deps: EngineDeps,
  tx: Prisma.TransactionClient,
  input: CompiledResource & { formVersions: FormVersions; deployedBy?: AuditedPerson; mayRedeploy?: MayRedeploy },
): Promise<{ deployed: DeployedProcess; newVersion?: NewVersion }> {
  const { graph, xml, formVersions } = input;
  const { processId } = graph;
  if (input.deployedBy) await settleOwnership(tx, processId, input.deployedBy, input.mayRedeploy);
  const contentHash = createHash('sha256').update(`${processId}\n${xml}`).digest('hex');
  const latest = await tx.processDefinition.findFirst({
    where: { bpmnProcessId: processId },
    orderBy: { version: 'desc' },
  });
  const latestGraph = latest && readableGraph(deps, latest);
  if (
    latest &&
    latestGraph &&
    latest.contentHash === contentHash &&
    sameFormVersions(latest.formVersions, formVersions)
  ) {
    return { deployed: { processId, version: latest.version, definitionId: latest.id, created: false } };
  }
  const { resourceName } = input;
  const definition = await tx.processDefinition.create({
    data: {
      bpmnProcessId: processId,
      version: (latest?.version ?? 0) + 1,
      name: graph.name,
      xml,
      resourceName,
      graph: asJson(graph),
      versionTag: graph.versionTag ?? null,
      sensitiveVariables: graph.sensitiveVariables ?? [],
      contentHash,
      deployedById: input.deployedBy?.id,
      formVersions,
    },
  });
  await tx.eventStartSubscription.deleteMany({ where: { bpmnProcessId: processId } });
  await tx.eventStartSubscription.createMany({
    data: eventStartSubscriptions(graph).map((start) => ({
      definitionId: definition.id,
      bpmnProcessId: processId,
      ...start,
    })),
  });
  await appendAudit(tx, {
    actor: input.deployedBy?.username,
    sourceAddress: input.deployedBy?.sourceAddress,
    action: 'process.deployed',
    objectType: 'ProcessDefinition',
    objectId: definition.id,
    details: { processId, version: definition.version, resourceName: resourceName ?? null },
  });
  return {
    deployed: { processId, version: definition.version, definitionId: definition.id, created: true },
    newVersion: {
      processId,
      definitionId: definition.id,
      timers: timerStarts(graph),
      previousTimerElementIds: latestGraph ? timerStarts(latestGraph).map((timer) => timer.elementId) : [],
    },
  };
}

export interface DeployInput {
  xml: string;
  resourceName?: string;
  deployedBy?: AuditedPerson;
  limits?: XmlLimits;
}

/** One BPMN document alone, as scripts and tests deploy it. */
export async function deployResource(deps: EngineDeps, input: DeployInput): Promise<DeployedProcess[]> {
  const { xml, resourceName, ...rest } = input;
  const { processes } = await deployResources(deps, { ...rest, resources: [{ name: resourceName, content: xml }] });
  return processes;
}

/**
 * The latest version's graph, or undefined when it is stored in a graph format this engine does not run. Deploying
 * over such a version must make a new one, even from the same XML: redeploying is the advice its error gives.
 */
function readableGraph(deps: EngineDeps, latest: StoredDefinition): ProcessGraph | undefined {
  try {
    return loadGraph(latest);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    deps.logger.warn({ processId: latest.bpmnProcessId, version: latest.version }, error.message);
    return undefined;
  }
}

/**
 * After the commit: the previous version's timer-start workflows are cancelled and the new version's started. A
 * timer start event keeping its id across versions keeps its workflow id, so the new run replaces a run still
 * closing.
 */
async function scheduleTimerStarts(
  { temporal, taskQueue, logger, limits }: EngineDeps,
  versions: NewVersion[],
): Promise<void> {
  try {
    for (const version of versions) {
      for (const elementId of version.previousTimerElementIds) {
        await temporal.workflow
          .getHandle(timerStartWorkflowId(version.processId, elementId))
          .cancel()
          .catch((error: unknown) => {
            if (!(error instanceof WorkflowNotFoundError)) throw error;
          });
      }
      for (const { elementId, timer } of version.timers) {
        const timerInput: TimerStartInput = {
          definitionId: version.definitionId,
          processId: version.processId,
          elementId,
          timer,
          limits: limits ?? DEFAULT_ENGINE_LIMITS,
        };
        await temporal.workflow.start(TIMER_START_WORKFLOW, {
          taskQueue,
          workflowId: timerStartWorkflowId(version.processId, elementId),
          args: [timerInput],
          workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.TERMINATE_EXISTING,
        });
      }
    }
  } catch (error) {
    logger.error({ err: error }, 'timer start events could not be scheduled');
    throw new AppError(
      'DEPENDENCY_UNAVAILABLE',
      `The new versions are deployed, but their timer start events could not be scheduled: the process engine (Temporal) did not answer. ${describe(versions)}`,
    );
  }
}

function describe(versions: NewVersion[]): string {
  return versions.map((version) => `${version.processId} (${version.definitionId})`).join(', ');
}
