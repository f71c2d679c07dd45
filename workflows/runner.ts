/**
 * The token runner: moves tokens through the graph, one element behaviour at a time, through scopes, boundary
 * events, multi-instance bodies and incidents, and records each element instance's history. The behaviours own
 * element semantics; what they may use of the instance is their context (elements/behaviour.ts), built here from
 * focused parts: variables-limit.ts, throw-handling.ts, continue-as-new.ts.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import type { Variables } from '../shared/feel';
import type {
  ElementOfType,
  ElementType,
  EventSubProcessElement,
  EventTrigger,
  GraphElement,
  ProcessGraph,
  SubProcessElement,
} from '../shared/graph';
import { FailureType, type ChildEscalation, type ProcessInput } from '../shared/workflow-contract';
import { runWithBoundaries } from './boundaries';
import { BpmnThrow } from './bpmn-throws';
import {
  canHandOver,
  carriedTokens,
  nestedScopeOf,
  restoreInto,
  restoreNestedScope,
  resumeStateOf,
  snapshotOf,
  type ParkedToken,
  type ResumeState,
  type RunState,
} from './continue-as-new';
import { elementContext, type InstanceParts, type SubProcessCarrier } from './element-context';
import { elementHistory } from './element-history';
import type { ElementBehaviour, ElementContext, Leave } from './elements/behaviour';
import { behaviours } from './elements/registry';
import { EventWaits } from './event-waits';
import { ExternalJobWaits } from './external-job-waits';
import { GraphIndex } from './graph-index';
import { IncidentWaits, isIncident } from './incidents';
import { ElementListeners } from './listeners';
import type { LegalTime } from './legal-time';
import {
  runLoop,
  runMultiInstance,
  type IterationHandOver,
  type ParkedIteration,
  type ParkedIterations,
} from './multi-instance';
import { ScopeExecution, type TokenDriver, type TokenStart } from './scope-execution';
import { ThrowHandling } from './throw-handling';
import { everyFiring, firstFiring, isWaitable, TimerAnchors, type TriggerEnv } from './triggers';
import { Suspension } from './suspension';
import { UserTaskWaits } from './user-task-waits';
import { VariablesLimit } from './variables-limit';
import { hasPatch } from './patches';

/** The element instance id the process's own listeners run under: their job keys and incidents name it. */
const PROCESS_INSTANCE = 'process';

export class ProcessRunner implements TokenDriver {
  readonly userTasks = new UserTaskWaits();
  readonly externalJobs = new ExternalJobWaits();
  readonly suspension: Suspension;
  readonly events: EventWaits;
  readonly incidents = new IncidentWaits();
  readonly anchors = new TimerAnchors();
  readonly root: ScopeExecution;
  private readonly resumed: ResumeState | undefined;
  readonly variablesLimit: VariablesLimit;
  private readonly throws: ThrowHandling;
  /** What element contexts are built over (element-context.ts). */
  private readonly parts: InstanceParts;
  private elementInstances = 0;
  private endElementId: string | undefined;
  private readonly graph: ProcessGraph;
  private readonly index: GraphIndex;
  private readonly instanceId: string;

  constructor(
    private readonly input: ProcessInput,
    readonly legalTime: LegalTime,
  ) {
    this.graph = input.graph;
    this.index = new GraphIndex(input.graph);
    this.instanceId = input.instanceId;
    this.resumed = resumeStateOf(input);
    this.suspension = new Suspension(input.instanceId, this.resumed?.suspended);
    this.events = new EventWaits(this.suspension);
    this.root = new ScopeExecution('process', { ...(this.resumed?.variables ?? input.variables) }, this);
    if (this.resumed) {
      this.elementInstances = this.resumed.elementInstances;
      this.endElementId = this.resumed.endElementId;
      restoreInto(this.runState(), this.resumed);
    }
    this.variablesLimit = new VariablesLimit(this.root);
    this.throws = new ThrowHandling(this.index, input.parent, (scope, handler) =>
      this.runElement(scope, handler, undefined),
    );
    this.parts = {
      instance: { id: this.instanceId, graph: this.graph, parent: input.parent, limits: input.limits },
      root: this.root,
      userTasks: this.userTasks,
      externalJobs: this.externalJobs,
      legalTime,
      variablesLimit: this.variablesLimit,
      throws: this.throws,
      feelScope: (scope) => this.feelScope(scope),
      triggerEnv: (scope) => this.triggerEnv(scope),
      ended: (scope, endElementId) => {
        // The instance's end: in the process scope, or in an event sub-process of it (which may have ended the rest).
        if (scope === this.root || (scope.kind === 'eventSubProcess' && scope.parent === this.root))
          this.endElementId = endElementId;
      },
      passed: (scope, element) => {
        const passedId = this.startElementInstance(element, scope.instanceId);
        elementHistory.changed(passedId, 'COMPLETED');
      },
      runSubProcess: (scope, container, elementInstanceId, local, carrier, resume) =>
        this.runSubProcess(scope, container, elementInstanceId, local, carrier, resume),
      waitInIncident: (scope, elementId, elementInstanceId, error) =>
        this.waitInIncident(scope, elementId, elementInstanceId, error),
    };
  }

  currentVariables(): Variables {
    return this.root.variables();
  }

  lastEndElementId(): string | undefined {
    return this.endElementId;
  }

  /** Runs the instance from its start event (or the waits a previous run handed over) until every token has ended. */
  async run(): Promise<void> {
    const starts: TokenStart[] = this.resumed
      ? [
          ...this.resumed.parked.map((token) => ({ elementId: token.elementId, via: token.via, resume: token })),
          ...(this.resumed.starts ?? []).map((elementId) => ({ elementId })),
        ]
      : [{ elementId: this.input.startElementId ?? this.graph.startEventId }];
    // The process's own execution listeners run around all of it (docs/listeners.md); a continued run has had its start.
    const process = { id: this.graph.processId, executionListeners: this.graph.executionListeners };
    const listeners = ElementListeners.of(process, this.resumed !== undefined);
    const context = () => elementContext(this.parts, this.root, process, PROCESS_INSTANCE, undefined);
    if (listeners) {
      await listeners.beforeElement(context());
      // The process is the start listeners' element: what they set is the process's own.
      this.root.declareLocal(listeners.locals ?? {});
    }
    await this.runScope(this.root, starts);
    if (listeners) await listeners.afterElement(context());
  }

  private runScope(scope: ScopeExecution, starts: TokenStart[]): Promise<void> {
    return scope.run(
      starts,
      this.hasEventSubProcessStarts(scope) ? (running) => this.watchEventSubProcessStarts(running) : undefined,
      (error) => {
        const thrown = this.throws.claimedByEventSubProcess(scope, error);
        return thrown && this.catching(scope, thrown.catcherId, thrown.variables);
      },
    );
  }

  /** An escalation a called process did not catch, for the call activity waiting for it. */
  childEscalated(escalation: ChildEscalation): void {
    this.throws.childEscalated(escalation);
  }

  // ── Tokens and elements ──

  async runToken(scope: ScopeExecution, start: TokenStart, token: number): Promise<void> {
    let next: TokenStart | undefined = start;
    while (next) {
      // A suspended instance holds its tokens before they enter the next element (suspension.ts).
      if (this.suspension.suspended) await this.suspension.resumed();
      const element = this.index.element(next.elementId);
      scope.positions.set(token, element.id);
      const outcome = await this.runElement(scope, element, next.via, next.resume, next.carried);
      if ('next' in outcome) {
        next = outcome.next;
        continue;
      }
      const { flows } = outcome.leave;
      if (flows.length === 1) {
        next = { elementId: this.index.target(flows[0] as string), via: flows[0] };
      } else {
        // A fork: each branch runs as a token of its own; this one ends (a join lets one of them on).
        for (const flowId of flows) scope.startToken(this.index.target(flowId), flowId);
        next = undefined;
      }
    }
  }

  /**
   * Runs one element instance with its boundary events. An incident stops it here and, once resolved, runs it
   * again; every state change goes to the element history. `carried` is what the event it caught carried.
   */
  private async runElement(
    scope: ScopeExecution,
    element: GraphElement,
    via: string | undefined,
    resume?: ParkedToken,
    carried?: Variables,
  ): Promise<ElementOutcome> {
    // A wait carried over by continue-as-new keeps its element instance (and its open history entry).
    const elementInstanceId = resume?.elementInstanceId ?? this.startElementInstance(element, scope.instanceId);
    // Execution listeners run here for every element (docs/listeners.md): before it and its boundary events, after it.
    const listeners = ElementListeners.of(element, resume !== undefined);
    const listenerContext = () => elementContext(this.parts, scope, element, elementInstanceId, via);
    for (let resumeState = resume?.state, caught = carried; ; resumeState = undefined) {
      try {
        if (caught) {
          this.variablesLimit.merge(scope, element.id, `the ${caughtEventName(this.triggerCaughtAt(element))}`, caught);
          caught = undefined;
        }
        if (listeners) await listeners.beforeElement(listenerContext());
        const outcome = await runWithBoundaries(
          this.index.boundariesOf(element.id),
          this.triggerEnv(scope),
          elementInstanceId,
          () => this.executeBody(scope, element, elementInstanceId, via, resumeState, listeners?.locals),
          (boundaryId, variables) => scope.startAt(this.catching(scope, boundaryId, variables)),
        );
        if ('interruptedBy' in outcome) {
          const next = this.catching(scope, outcome.interruptedBy, outcome.variables);
          elementHistory.changed(elementInstanceId, 'TERMINATED');
          return { next };
        }
        if (isAbsorbedIntoJoin(element, outcome.leave)) {
          elementHistory.discard(elementInstanceId);
          return outcome;
        }
        if (listeners) await listeners.afterElement(listenerContext());
        elementHistory.changed(elementInstanceId, 'COMPLETED');
        if (this.index.compensationBoundaryOf(element.id))
          scope.completed.push({ elementId: element.id, elementInstanceId });
        return outcome;
      } catch (error) {
        if (!isIncident(error)) {
          // The event that threw a BPMN error or escalation happened; anything else the throw unwinds through ends early.
          const thrown =
            error instanceof BpmnThrow || (error instanceof ApplicationFailure && error.type === FailureType.BpmnError);
          const thrower = thrown && (element.type === 'endEvent' || element.type === 'throwEvent');
          elementHistory.changed(elementInstanceId, thrower ? 'COMPLETED' : 'TERMINATED');
          throw error;
        }
        await this.waitInIncident(scope, element.id, elementInstanceId, error);
      }
    }
  }

  /**
   * A token starting at the element that caught a message, signal or BPMN error: what the event carried is merged as
   * the token enters it, the instance's size checked there. Histories recorded before merged it at once, unchecked.
   */
  private catching(scope: ScopeExecution, catcherId: string, variables: Variables): TokenStart {
    if (Object.keys(variables).length > 0 && hasPatch('caught-variables-limit'))
      return { elementId: catcherId, carried: variables };
    scope.set(variables);
    return { elementId: catcherId };
  }

  /** The trigger of a boundary event or event sub-process: what it caught. */
  private triggerCaughtAt(element: GraphElement): EventTrigger | undefined {
    if (element.type === 'boundaryEvent') return element.trigger;
    if (element.type === 'eventSubProcess') return this.index.startOf(element).trigger;
    return undefined;
  }

  /** The element waits in an incident until it is resolved; the operator's variables are set in its scope. */
  private async waitInIncident(
    scope: ScopeExecution,
    fallbackElementId: string,
    elementInstanceId: string,
    error: ApplicationFailure,
  ): Promise<void> {
    elementHistory.changed(elementInstanceId, 'INCIDENT');
    const elementId = (error.details?.[0] as { elementId?: string } | undefined)?.elementId ?? fallbackElementId;
    scope.set(await this.incidents.raise(this.instanceId, elementId, elementInstanceId, error));
    elementHistory.changed(elementInstanceId, 'ACTIVE');
  }

  /** The element itself, or its multi-instance or loop body around it. */
  private executeBody(
    scope: ScopeExecution,
    element: GraphElement,
    elementInstanceId: string,
    via: string | undefined,
    resume: unknown,
    locals: Variables | undefined,
  ): Promise<Leave> | Leave {
    const runIteration = (body: ScopeExecution, carried?: { elementInstanceId: string; state: unknown }) => {
      const iterationId = carried?.elementInstanceId ?? this.startElementInstance(element, elementInstanceId);
      const ctx = elementContext(this.parts, body, element, iterationId, via, carried?.state, locals);
      return Promise.resolve(execute(element, ctx)).then(
        (leave) => (elementHistory.changed(iterationId, 'COMPLETED'), leave),
        (error: unknown) => {
          elementHistory.changed(iterationId, 'TERMINATED');
          throw error;
        },
      );
    };
    const newBody = (local: Variables) => new ScopeExecution('body', local, this, scope, element.id, elementInstanceId);
    if ('multiInstance' in element && element.multiInstance) {
      return runMultiInstance(
        element,
        element.multiInstance,
        scope,
        newBody,
        runIteration,
        (values) => this.variablesLimit.set(scope, element.id, values),
        this.input.limits,
        this.iterationHandOver(scope, element.id, elementInstanceId, via, resume),
      );
    }
    if ('loop' in element && element.loop) return runLoop(element, element.loop, scope, newBody, runIteration);
    return execute(element, elementContext(this.parts, scope, element, elementInstanceId, via, resume, locals));
  }

  /**
   * Lets a multi-instance continue as new while its iterations wait: a sequential one's waiting iteration parks as
   * the activity's token in its scope, its element's parked state beside `multiInstance`; a parallel one parks once,
   * its waiting iterations in `parallelMultiInstance`.
   */
  private iterationHandOver(
    scope: ScopeExecution,
    elementId: string,
    elementInstanceId: string,
    via: string | undefined,
    resume: unknown,
  ): IterationHandOver {
    const parkedState = resume as
      | (Record<string, unknown> & { multiInstance?: ParkedIteration; parallelMultiInstance?: ParkedIterations })
      | undefined;
    const { multiInstance, parallelMultiInstance, ...state } = parkedState ?? {};
    return {
      park: (iteration, waitState, inner) => {
        // Histories recorded before ran the whole multi-instance in one run (patches.ts).
        if (!hasPatch('multi-instance-continue-as-new')) return;
        const carried = () => ({ ...(waitState() as Record<string, unknown>), multiInstance: iteration() });
        scope.parked.park({ elementId, elementInstanceId, via, state: carried, inner });
      },
      parkAll: (iterations, waits) => {
        // Histories recorded before ran a parallel multi-instance in one run.
        if (!hasPatch('parallel-multi-instance-continue-as-new')) return;
        const carried = () => ({ parallelMultiInstance: iterations() });
        scope.parked.park({ elementId, elementInstanceId, via, state: carried, waits });
      },
      unpark: () => scope.parked.unpark(elementInstanceId),
      resumed: multiInstance && { iteration: multiInstance, state },
      resumedAll: parallelMultiInstance,
    };
  }

  private feelScope(scope: ScopeExecution): Variables {
    return { ...scope.variables(), ...this.legalTime.feelFunctions() };
  }

  private triggerEnv(scope: ScopeExecution): TriggerEnv {
    return {
      instanceId: this.instanceId,
      feelScope: () => this.feelScope(scope),
      legalTime: this.legalTime,
      events: this.events,
      anchors: this.anchors,
      suspension: this.suspension,
      limits: this.input.limits,
    };
  }

  // ── Continue-as-new ──

  /** Every token waits where a new run can pick it up (continue-as-new.ts). */
  canContinueAsNew(): boolean {
    return canHandOver(this.runState());
  }

  /**
   * As canContinueAsNew, with no sub-process or parallel multi-instance running: an operator's change sees the
   * process scope's single waits only.
   */
  canChangeTokens(): boolean {
    return (
      this.canContinueAsNew() &&
      this.root.parked.all().every((token) => token.inner === undefined && token.waits === undefined)
    );
  }

  /** The tokens of the process scope waiting where a snapshot can carry them. */
  waitingTokens(): ParkedToken[] {
    return carriedTokens(this.root);
  }

  snapshot(): ResumeState {
    return snapshotOf(this.runState());
  }

  private runState(): RunState {
    return {
      root: this.root,
      anchors: this.anchors,
      events: this.events,
      legalTime: this.legalTime,
      suspension: this.suspension,
      elementInstances: this.elementInstances,
      endElementId: this.endElementId,
    };
  }

  // ── Scopes ──

  private async runSubProcess(
    parent: ScopeExecution,
    container: SubProcessElement | EventSubProcessElement,
    elementInstanceId: string,
    local: Variables,
    carrier: SubProcessCarrier,
    resume: unknown,
  ): Promise<Variables> {
    const kind = container.type === 'eventSubProcess' ? 'eventSubProcess' : 'subProcess';
    const carried = nestedScopeOf(resume);
    const scope = new ScopeExecution(kind, carried?.variables ?? local, this, parent, container.id, elementInstanceId);
    const starts = carried ? restoreNestedScope(scope, carried) : [{ elementId: container.startEventId }];
    // An embedded sub-process can be carried over while every token inside it waits; histories recorded before
    // held the run until it ended (patches.ts). Asked when a token inside first waits: a sub-process that never
    // waits costs no patch marker (two history events).
    if (kind === 'subProcess')
      scope.parked.onFirstPark(() => {
        if (hasPatch('sub-process-continue-as-new')) carrier.park(scope);
      });
    try {
      await this.runScope(scope, starts);
    } finally {
      carrier.unpark();
    }
    // Activities completed inside stay compensable from outside (a later compensation undoes them too).
    parent.completed.push(...scope.completed);
    // A multi-instance sub-process instance and its body are one scope to Zeebe: the body keeps the locals, for outputElement.
    if (parent.kind === 'body' && parent.containerId === container.id) parent.declareLocal(scope.localVariables());
    return scope.variables();
  }

  /** Whether the scope has an event sub-process whose start waits for a timer, message, signal or condition. */
  private hasEventSubProcessStarts(scope: ScopeExecution): boolean {
    if (scope.kind === 'body') return false;
    return this.index.eventSubProcessesIn(scope.containerId).some((eventSubProcess) => {
      const trigger = this.index.startOf(eventSubProcess).trigger;
      return trigger !== undefined && isWaitable(trigger);
    });
  }

  /** Timer, message, signal and conditional starts of the scope's event sub-processes, while the scope runs. */
  private async watchEventSubProcessStarts(scope: ScopeExecution): Promise<void> {
    await Promise.all(
      this.index.eventSubProcessesIn(scope.containerId).map(async (eventSubProcess) => {
        const start = this.index.startOf(eventSubProcess);
        const trigger = start.trigger;
        if (!trigger || !isWaitable(trigger)) return;
        const subscriptionId = `${scope.instanceId ?? 'process'}/${eventSubProcess.id}`;
        if (start.interrupting !== false) {
          const variables = await firstFiring(this.triggerEnv(scope), start.id, subscriptionId, trigger);
          scope.interruptWith(this.catching(scope, eventSubProcess.id, variables));
        } else {
          await everyFiring(this.triggerEnv(scope), start.id, subscriptionId, trigger, (variables) =>
            scope.startAt(this.catching(scope, eventSubProcess.id, variables)),
          );
        }
      }),
    );
  }

  // ── Graph ──

  canReach(from: string, to: string): boolean {
    return this.index.canReach(from, to);
  }

  /** A new element instance of `element` inside the scope instance `scopeInstanceId`, started in the history. */
  private startElementInstance(element: GraphElement, scopeInstanceId: string | undefined): string {
    this.elementInstances += 1;
    const elementInstanceId = `${element.id}#${this.elementInstances}`;
    elementHistory.started({
      elementInstanceId,
      elementId: element.id,
      elementType: historyType(element),
      scopeInstanceId,
    });
    return elementInstanceId;
  }
}

/** How an element instance ended: left by its flows, or interrupted by a boundary event, where its token goes on. */
type ElementOutcome = { leave: Leave } | { next: TokenStart };

/** The event a catching element caught, as an incident names it. */
function caughtEventName(trigger: EventTrigger | undefined): string {
  switch (trigger?.kind) {
    case 'message':
      return `message '${trigger.messageName}'`;
    case 'signal':
      return `signal '${trigger.signalName}'`;
    case 'error':
      return trigger.errorCode ? `BPMN error '${trigger.errorCode}'` : 'BPMN error';
    default:
      return `${trigger?.kind ?? 'caught'} event`;
  }
}

/** A token that arrived at a join and waits there for the others: the join happens once, with the last of them. */
function isAbsorbedIntoJoin(element: GraphElement, leave: Leave): boolean {
  return (
    (element.type === 'parallelGateway' || element.type === 'inclusiveGateway') &&
    element.incoming.length > 1 &&
    leave.flows.length === 0 &&
    element.outgoing.length > 0
  );
}

/** The type recorded in the element history: the BPMN type an element was compiled from, where that differs. */
function historyType(element: GraphElement): string {
  if (element.type === 'passThrough') return element.bpmnType;
  if (element.type === 'serviceTask' && element.bpmnType) return element.bpmnType;
  return element.type;
}

/** Dispatches to the element's behaviour; the cast is sound because the registry is keyed by the element's type. */
function execute<T extends ElementType>(element: ElementOfType<T>, ctx: ElementContext): Leave | Promise<Leave> {
  const behaviour = behaviours[element.type] as ElementBehaviour<T>;
  return behaviour.execute(element, ctx);
}
