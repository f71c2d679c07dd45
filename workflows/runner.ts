/**
 * The token runner: moves tokens through the graph, one element behaviour at a time. It owns the process
 * variables and element-instance numbering; the behaviours own element semantics.
 */
import type { Variables } from '../shared/feel';
import type { ElementOfType, ElementType, GraphElement, ProcessGraph } from '../shared/graph';
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

  constructor(
    private readonly instanceId: string,
    private readonly graph: ProcessGraph,
    variables: Variables,
  ) {
    this.variables = { ...variables };
  }

  currentVariables(): Variables {
    return this.variables;
  }

  lastEndElementId(): string | undefined {
    return this.endElementId;
  }

  /** Runs the instance from its start event until every token has reached an end. */
  async run(): Promise<void> {
    await this.runToken(this.graph.startEventId);
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
      const { flows } = await execute(element, ctx);
      this.activeElements.delete(ctx.elementInstanceId);
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
