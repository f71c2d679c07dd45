/**
 * The token runner: moves tokens through the graph, one element behaviour at a time. It owns the process
 * variables and element-instance numbering; the behaviours own element semantics.
 */
import type { Variables } from '../shared/feel';
import { CancellationScope } from '@temporalio/workflow';
import type { BoundaryEventElement, ElementOfType, ElementType, GraphElement, ProcessGraph } from '../shared/graph';
import { runWithBoundaries } from './boundaries';
import type { LegalTime } from './legal-time';
import type { ElementBehaviour, ElementContext, Leave } from './elements/behaviour';
import { behaviours } from './elements/registry';
import { UserTaskWaits } from './user-task-waits';

export class ProcessRunner {
  readonly userTasks = new UserTaskWaits();
  private variables: Variables;
  private elementInstances = 0;
  private endElementId: string | undefined;
  /** The element each live token is executing, by element instance: for incidents and the operations console. */
  readonly activeElements = new Map<string, string>();
  /** Tokens waiting at joins: element id → incoming flow id → tokens that arrived by it. */
  private readonly joins = new Map<string, Map<string, number>>();
  /** Boundary events by the activity they are attached to. */
  private readonly boundariesOf = new Map<string, BoundaryEventElement[]>();
  private readonly detachedTokens: Array<Promise<void>> = [];
  /** The scope run() was called in (the instance's): detached tokens belong to it, so cancelling it ends them too. */
  private instanceScope: CancellationScope | undefined;
  private failTokens: (error: unknown) => void = () => undefined;
  private readonly tokenFailure = new Promise<never>((_, reject) => {
    this.failTokens = reject;
  });

  constructor(
    private readonly instanceId: string,
    private readonly graph: ProcessGraph,
    variables: Variables,
    readonly legalTime: LegalTime,
  ) {
    this.variables = { ...variables };
    for (const element of Object.values(graph.elements)) {
      if (element.type !== 'boundaryEvent') continue;
      this.boundariesOf.set(element.attachedToId, [...(this.boundariesOf.get(element.attachedToId) ?? []), element]);
    }
  }

  currentVariables(): Variables {
    return this.variables;
  }

  feelScope(): Variables {
    return { ...this.variables, ...this.legalTime.feelFunctions() };
  }

  lastEndElementId(): string | undefined {
    return this.endElementId;
  }

  /** Runs the instance from its start event until every token has reached an end. */
  async run(): Promise<void> {
    this.instanceScope = CancellationScope.current();
    await Promise.race([this.runAllTokens(), this.tokenFailure]);
  }

  private async runAllTokens(): Promise<void> {
    await this.runToken(this.graph.startEventId);
    // Tokens started by non-interrupting boundary events may still be running, and may start more.
    while (this.detachedTokens.length > 0) await Promise.all(this.detachedTokens.splice(0));
  }

  /**
   * Starts a token outside the current cancellation scope (so that ending the activity whose boundary event
   * started it does not cancel it). Its failure fails the run at once rather than when the main token ends.
   */
  private startDetachedToken(elementId: string): void {
    const scope = this.instanceScope ?? CancellationScope.current();
    const token = scope.run(() => this.runToken(elementId)).catch((error: unknown) => this.failTokens(error));
    this.detachedTokens.push(token);
  }

  /**
   * Moves one token until it ends. A token leaving by several flows forks: each branch runs as its own token,
   * and this one ends when all of them have (a join lets one of them on).
   */
  private async runToken(startElementId: string, startedVia?: string): Promise<void> {
    let next: { elementId: string; via?: string } | undefined = { elementId: startElementId, via: startedVia };
    while (next) {
      const element: GraphElement = this.element(next.elementId);
      const ctx = this.contextFor(element, next.via);
      this.activeElements.set(ctx.elementInstanceId, element.id);
      const outcome = await runWithBoundaries(
        this.boundariesOf.get(element.id) ?? [],
        () => this.feelScope(),
        this.legalTime,
        () => execute(element, ctx),
        (boundaryId) => this.startDetachedToken(boundaryId),
      );
      this.activeElements.delete(ctx.elementInstanceId);
      if ('interruptedBy' in outcome) {
        next = { elementId: outcome.interruptedBy };
        continue;
      }
      const { flows } = outcome.leave;
      if (flows.length <= 1) {
        next = flows[0] === undefined ? undefined : { elementId: this.target(flows[0]), via: flows[0] };
      } else {
        await Promise.all(flows.map((flowId) => this.runToken(this.target(flowId), flowId)));
        next = undefined;
      }
    }
  }

  private contextFor(element: GraphElement, arrivedVia: string | undefined): ElementContext {
    this.elementInstances += 1;
    return {
      instanceId: this.instanceId,
      graph: this.graph,
      elementInstanceId: `${element.id}#${this.elementInstances}`,
      arrivedVia,
      variables: () => this.variables,
      feelScope: () => this.feelScope(),
      legalTime: this.legalTime,
      setVariables: (values) => {
        this.variables = { ...this.variables, ...values };
      },
      userTasks: this.userTasks,
      ended: (endElementId) => {
        this.endElementId = endElementId;
      },
      join: (elementId, incoming, via) => this.join(elementId, incoming, via),
    };
  }

  /** Counts tokens waiting per incoming flow of a join; when every flow has one, takes one from each. */
  private join(elementId: string, incoming: string[], via: string | undefined): boolean {
    const waiting = this.joins.get(elementId) ?? new Map<string, number>();
    this.joins.set(elementId, waiting);
    if (via !== undefined) waiting.set(via, (waiting.get(via) ?? 0) + 1);
    if (!incoming.every((flowId) => (waiting.get(flowId) ?? 0) > 0)) return false;
    for (const flowId of incoming) waiting.set(flowId, (waiting.get(flowId) ?? 0) - 1);
    return true;
  }

  private element(id: string): GraphElement {
    const element = this.graph.elements[id];
    if (!element) throw new Error(`The process graph has no element '${id}'`);
    return element;
  }

  private target(flowId: string): string {
    const flow = this.graph.flows[flowId];
    if (!flow) throw new Error(`The process graph has no sequence flow '${flowId}'`);
    return flow.targetId;
  }
}

/** Dispatches to the element's behaviour; the cast is sound because the registry is keyed by the element's type. */
function execute<T extends ElementType>(element: ElementOfType<T>, ctx: ElementContext): Leave | Promise<Leave> {
  const behaviour = behaviours[element.type] as ElementBehaviour<T>;
  return behaviour.execute(element, ctx);
}
