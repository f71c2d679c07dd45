/**
 * The token runner: moves tokens through the graph, one element behaviour at a time. It owns what spans elements
 * (scopes and their variables, boundary events, BPMN errors and escalations finding their catchers, compensation,
 * incidents, element history); the behaviours own element semantics.
 */
import { ApplicationFailure, getExternalWorkflowHandle } from '@temporalio/workflow';
import type { Variables } from '../shared/feel';
import type {
  ElementOfType,
  ElementType,
  EventSubProcessElement,
  GraphElement,
  ProcessGraph,
  SubProcessElement,
} from '../shared/graph';
import {
  FailureType,
  childEscalationSignal,
  type ChildEscalation,
  type ProcessInput,
} from '../shared/workflow-contract';
import { VARIABLES_LIMIT_BYTES, variablesSize } from '../shared/variables';
import { runWithBoundaries, type HostOutcome } from './boundaries';
import { BpmnThrow, findCatcher } from './bpmn-throws';
import { GraphIndex } from './graph-index';
import { elementHistory } from './element-history';
import type { ElementBehaviour, ElementContext, Leave } from './elements/behaviour';
import { behaviours } from './elements/registry';
import { EventWaits } from './event-waits';
import { IncidentWaits, isIncident } from './incidents';
import type { LegalTime } from './legal-time';
import { runLoop, runMultiInstance } from './multi-instance';
import { incident } from './scope';
import { ScopeExecution, type TokenDriver, type TokenStart } from './scope-execution';
import { everyFiring, firstFiring, isWaitable, TimerAnchors, type TriggerEnv } from './triggers';
import { resumeStateOf, type ParkedToken, type ResumeState } from './continue-as-new';
import { UserTaskWaits } from './user-task-waits';

export class ProcessRunner implements TokenDriver {
  readonly userTasks = new UserTaskWaits();
  readonly events = new EventWaits();
  readonly incidents = new IncidentWaits();
  readonly anchors = new TimerAnchors();
  readonly root: ScopeExecution;
  /** Tokens of the process scope waiting where a new run could pick them up again, by element instance. */
  private readonly parked = new Map<string, ParkedToken>();
  private readonly resumed: ResumeState | undefined;
  /** At least the size of the process variables as JSON (setVariables). */
  private variablesSizeBound: number;
  /** Call activities waiting for their child, by element instance: where the child's uncaught escalations go. */
  private readonly childEscalationListeners = new Map<string, (code: string) => void>();
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
    this.root = new ScopeExecution('process', { ...(this.resumed?.variables ?? input.variables) }, this);
    if (this.resumed) this.restore(this.resumed);
    this.variablesSizeBound = variablesSize(this.root.variables());
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
      ? this.resumed.parked.map((token) => ({ elementId: token.elementId, via: token.via, resume: token }))
      : [{ elementId: this.input.startElementId ?? this.graph.startEventId }];
    await this.runScope(this.root, starts);
  }

  private runScope(scope: ScopeExecution, starts: TokenStart[]): Promise<void> {
    return scope.run(
      starts,
      (running) => this.watchEventSubProcessStarts(running),
      (error) => this.claimedByEventSubProcess(scope, error),
    );
  }

  // ── Tokens and elements ──

  async runToken(scope: ScopeExecution, start: TokenStart, token: number): Promise<void> {
    let next: TokenStart | undefined = start;
    while (next) {
      const element = this.index.element(next.elementId);
      scope.positions.set(token, element.id);
      const outcome: HostOutcome = await this.runElement(scope, element, next.via, next.resume);
      if ('interruptedBy' in outcome) {
        next = { elementId: outcome.interruptedBy };
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
   * again; every state change goes to the element history.
   */
  private async runElement(
    scope: ScopeExecution,
    element: GraphElement,
    via: string | undefined,
    resume?: ParkedToken,
  ): Promise<HostOutcome> {
    // A wait carried over by continue-as-new keeps its element instance (and its open history entry).
    const elementInstanceId = resume?.elementInstanceId ?? this.nextElementInstanceId(element);
    if (!resume)
      elementHistory.started({
        elementInstanceId,
        elementId: element.id,
        elementType: historyType(element),
        scopeInstanceId: scope.instanceId,
      });
    for (let resumeState = resume?.state; ; resumeState = undefined) {
      try {
        const outcome = await runWithBoundaries(
          this.index.boundariesOf(element.id),
          this.triggerEnv(scope),
          elementInstanceId,
          () => this.executeBody(scope, element, elementInstanceId, via, resumeState),
          (boundaryId, variables) => {
            scope.set(variables);
            scope.startToken(boundaryId);
          },
        );
        if ('interruptedBy' in outcome) {
          scope.set(outcome.variables);
          elementHistory.changed(elementInstanceId, 'TERMINATED');
          return outcome;
        }
        if (isAbsorbedIntoJoin(element, outcome.leave)) elementHistory.discard(elementInstanceId);
        else elementHistory.changed(elementInstanceId, 'COMPLETED');
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
        elementHistory.changed(elementInstanceId, 'INCIDENT');
        const elementId = (error.details?.[0] as { elementId?: string } | undefined)?.elementId ?? element.id;
        scope.set(await this.incidents.raise(this.instanceId, elementId, elementInstanceId, error));
        elementHistory.changed(elementInstanceId, 'ACTIVE');
      }
    }
  }

  /** The element itself, or its multi-instance or loop body around it. */
  private executeBody(
    scope: ScopeExecution,
    element: GraphElement,
    elementInstanceId: string,
    via: string | undefined,
    resume: unknown,
  ): Promise<Leave> | Leave {
    const runIteration = (body: ScopeExecution) => {
      const iterationId = this.nextElementInstanceId(element);
      elementHistory.started({
        elementInstanceId: iterationId,
        elementId: element.id,
        elementType: historyType(element),
        scopeInstanceId: elementInstanceId,
      });
      return Promise.resolve(execute(element, this.contextFor(body, element, iterationId, via))).then(
        (leave) => (elementHistory.changed(iterationId, 'COMPLETED'), leave),
        (error: unknown) => {
          elementHistory.changed(iterationId, 'TERMINATED');
          throw error;
        },
      );
    };
    const newBody = (local: Variables) => new ScopeExecution('body', local, this, scope, element.id, elementInstanceId);
    if ('multiInstance' in element && element.multiInstance) {
      return runMultiInstance(element, element.multiInstance, scope, newBody, runIteration, (values) =>
        this.setVariables(scope, element.id, values),
      );
    }
    if ('loop' in element && element.loop) return runLoop(element, element.loop, scope, newBody, runIteration);
    return execute(element, this.contextFor(scope, element, elementInstanceId, via, resume));
  }

  private contextFor(
    scope: ScopeExecution,
    element: GraphElement,
    elementInstanceId: string,
    via: string | undefined,
    resume?: unknown,
  ): ElementContext {
    return {
      resume,
      park: (state) => {
        // Only the process scope's own waits can be carried over; a body or sub-process restarts as a whole.
        if (scope === this.root)
          this.parked.set(elementInstanceId, { elementId: element.id, elementInstanceId, via, state });
      },
      unpark: () => this.parked.delete(elementInstanceId),
      instanceId: this.instanceId,
      graph: this.graph,
      elementInstanceId,
      arrivedVia: via,
      parent: this.input.parent,
      join: (elementId, incoming, arrivedVia) => scope.joinParallel(elementId, elementInstanceId, incoming, arrivedVia),
      joinInclusive: (gateway) => scope.joinInclusive(gateway, elementInstanceId, via),
      variables: () => scope.variables(),
      feelScope: () => this.feelScope(scope),
      setVariables: (values) => this.setVariables(scope, element.id, values),
      legalTime: this.legalTime,
      userTasks: this.userTasks,
      triggers: this.triggerEnv(scope),
      ended: (endElementId) => {
        // The instance's end: in the process scope, or in an event sub-process of it (which may have ended the rest).
        if (scope === this.root || (scope.kind === 'eventSubProcess' && scope.parent === this.root))
          this.endElementId = endElementId;
      },
      runSubProcess: (container, local) => this.runSubProcess(scope, container, elementInstanceId, local),
      throwError: (code, variables) => this.throwError(scope, element.id, code, variables),
      escalate: (code) => this.escalate(scope, element.id, code),
      onChildEscalation: (listener) => {
        this.childEscalationListeners.set(elementInstanceId, listener);
        return () => this.childEscalationListeners.delete(elementInstanceId);
      },
      terminate: () => scope.terminate(),
      compensate: (activityId) => this.compensate(scope, activityId),
      passed: (passedElement) => {
        const passedId = this.nextElementInstanceId(passedElement);
        elementHistory.started({
          elementInstanceId: passedId,
          elementId: passedElement.id,
          elementType: historyType(passedElement),
          scopeInstanceId: scope.instanceId,
        });
        elementHistory.changed(passedId, 'COMPLETED');
      },
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
    };
  }

  /** Sets variables where they live; refuses (an incident at the element) what would exceed the size limit. */
  private setVariables(scope: ScopeExecution, elementId: string, values: Variables): void {
    // Measuring every variable at every write grows with the variables (a large case file, written at each step):
    // an upper bound (the last measured size plus what was written since) is enough until it nears the limit.
    const bound = this.variablesSizeBound + variablesSize(values);
    const size = bound <= VARIABLES_LIMIT_BYTES ? bound : variablesSize({ ...this.root.variables(), ...values });
    if (size > VARIABLES_LIMIT_BYTES) {
      throw incident(
        elementId,
        `the variables would take ${Math.ceil(size / 1024)} KiB, more than the limit of ${VARIABLES_LIMIT_BYTES / 1024} KiB; keep large documents outside the process and store a reference`,
      );
    }
    scope.set(values);
    this.variablesSizeBound = size;
  }

  // ── Continue-as-new ──

  /** Every token of the process scope waits where a new run can pick it up (continue-as-new.ts). */
  canContinueAsNew(): boolean {
    return this.root.liveTokens() > 0 && this.parked.size === this.root.liveTokens() && this.events.settled();
  }

  snapshot(): ResumeState {
    return {
      variables: this.root.localVariables(),
      elementInstances: this.elementInstances,
      endElementId: this.endElementId,
      parked: [...this.parked.values()],
      parallelArrivals: this.root.parallelArrivalsSnapshot(),
      completed: [...this.root.completed],
      timerAnchors: this.anchors.entries(),
      seenEventIds: this.events.seenIds(),
      openHistory: elementHistory.openEntries(),
      pendingHistory: elementHistory.drain() ?? [],
      legalClocks: this.legalTime.snapshot().clocks,
    };
  }

  private restore(state: ResumeState): void {
    this.elementInstances = state.elementInstances;
    this.endElementId = state.endElementId;
    this.root.restoreParallelArrivals(state.parallelArrivals);
    this.root.completed.push(...state.completed);
    this.anchors.restore(state.timerAnchors);
    this.events.restoreSeen(state.seenEventIds);
    elementHistory.restore(state.openHistory, state.pendingHistory);
    this.legalTime.restoreClocks(state.legalClocks);
  }

  // ── Scopes ──

  private async runSubProcess(
    parent: ScopeExecution,
    container: SubProcessElement | EventSubProcessElement,
    elementInstanceId: string,
    local: Variables,
  ): Promise<Variables> {
    const kind = container.type === 'eventSubProcess' ? 'eventSubProcess' : 'subProcess';
    const scope = new ScopeExecution(kind, local, this, parent, container.id, elementInstanceId);
    await this.runScope(scope, [{ elementId: container.startEventId }]);
    // Activities completed inside stay compensable from outside (a later compensation undoes them too).
    parent.completed.push(...scope.completed);
    // A multi-instance sub-process instance and its body are one scope to Zeebe: the body keeps the locals, for outputElement.
    if (parent.kind === 'body' && parent.containerId === container.id) parent.declareLocal(scope.localVariables());
    return scope.variables();
  }

  /** Timer, message, signal and conditional starts of the scope's event sub-processes, while the scope runs. */
  private async watchEventSubProcessStarts(scope: ScopeExecution): Promise<void> {
    if (scope.kind === 'body') return;
    await Promise.all(
      this.index.eventSubProcessesIn(scope.containerId).map(async (eventSubProcess) => {
        const start = this.index.startOf(eventSubProcess);
        const trigger = start.trigger;
        if (!trigger || !isWaitable(trigger)) return;
        const subscriptionId = `${scope.instanceId ?? 'process'}/${eventSubProcess.id}`;
        if (start.interrupting !== false) {
          scope.set(await firstFiring(this.triggerEnv(scope), start.id, subscriptionId, trigger));
          scope.interruptWith(eventSubProcess.id);
        } else {
          await everyFiring(this.triggerEnv(scope), start.id, subscriptionId, trigger, (variables) => {
            scope.set(variables);
            scope.startToken(eventSubProcess.id);
          });
        }
      }),
    );
  }

  /** A BPMN error or escalation thrown for one of this scope's event sub-processes: the element to continue at. */
  private claimedByEventSubProcess(scope: ScopeExecution, error: unknown): string | undefined {
    if (!(error instanceof BpmnThrow)) return undefined;
    const mine = this.index
      .eventSubProcessesIn(scope.containerId)
      .some((eventSubProcess) => eventSubProcess.id === error.catcherId);
    if (!mine || scope.kind === 'body') return undefined;
    scope.set(error.variables);
    return error.catcherId;
  }

  // ── Errors, escalations, compensation ──

  private throwError(scope: ScopeExecution, elementId: string, code: string, variables: Variables = {}): never {
    const catcher = findCatcher(this.index, scope, elementId, 'error', code);
    if (catcher) throw new BpmnThrow('error', code, catcher.id, variables);
    if (this.input.parent) {
      // The calling process may catch it on its call activity.
      throw ApplicationFailure.create({
        type: FailureType.BpmnError,
        nonRetryable: true,
        message: `BPMN error '${code}' thrown at '${elementId}' was not caught in the called process`,
        details: [{ errorCode: code, variables }],
      });
    }
    throw incident(elementId, `the BPMN error '${code}' is not caught by any boundary event or event sub-process`);
  }

  private async escalate(scope: ScopeExecution, elementId: string, code: string): Promise<void> {
    const catcher = findCatcher(this.index, scope, elementId, 'escalation', code);
    if (catcher?.interrupting) throw new BpmnThrow('escalation', code, catcher.id);
    if (catcher) return catcher.scope.startToken(catcher.id);
    // Uncaught here: the calling process may catch it on its call activity; otherwise nothing changes (BPMN 2.0 §10.5.3).
    const parent = this.input.parent;
    if (parent)
      await getExternalWorkflowHandle(parent.instanceId).signal(childEscalationSignal, {
        elementInstanceId: parent.elementInstanceId,
        escalationCode: code,
      });
  }

  /** An escalation a called process did not catch, for the call activity waiting for it. */
  childEscalated({ elementInstanceId, escalationCode }: ChildEscalation): void {
    this.childEscalationListeners.get(elementInstanceId)?.(escalationCode);
  }

  /**
   * Runs the compensation handlers of completed activities, the latest first. A compensation thrown inside an
   * event sub-process compensates the scope that sub-process belongs to (the saga's "undo what was done").
   */
  private async compensate(scope: ScopeExecution, activityId: string | undefined): Promise<void> {
    const target = scope.kind === 'eventSubProcess' && scope.parent ? scope.parent : scope;
    const due = target.completed
      .filter((entry) => activityId === undefined || entry.elementId === activityId)
      .reverse();
    for (const entry of due) {
      target.completed.splice(target.completed.indexOf(entry), 1);
      const handlerId = this.index.compensationBoundaryOf(entry.elementId)?.compensationHandlerId;
      if (handlerId) await this.runElement(target, this.index.element(handlerId), undefined);
    }
  }

  // ── Graph ──

  canReach(from: string, to: string): boolean {
    return this.index.canReach(from, to);
  }

  private nextElementInstanceId(element: GraphElement): string {
    this.elementInstances += 1;
    return `${element.id}#${this.elementInstances}`;
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
