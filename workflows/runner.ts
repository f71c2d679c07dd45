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
  /** The element each live token is executing, for incidents and (later) the operations console. */
  readonly activeElements = new Set<string>();

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

  private async runToken(startElementId: string): Promise<void> {
    let elementId: string | undefined = startElementId;
    while (elementId !== undefined) {
      const element: GraphElement = this.element(elementId);
      this.activeElements.add(element.id);
      const { flows } = await execute(element, this.contextFor(element));
      this.activeElements.delete(element.id);
      const targets = flows.map((flowId) => this.target(flowId));
      if (targets.length <= 1) {
        elementId = targets[0];
      } else {
        await Promise.all(targets.map((target) => this.runToken(target)));
        elementId = undefined;
      }
    }
  }

  private contextFor(element: GraphElement): ElementContext {
    this.elementInstances += 1;
    return {
      instanceId: this.instanceId,
      graph: this.graph,
      elementInstanceId: `${element.id}#${this.elementInstances}`,
      variables: () => this.variables,
      setVariables: (values) => {
        this.variables = { ...this.variables, ...values };
      },
      userTasks: this.userTasks,
      ended: (endElementId) => {
        this.endElementId = endElementId;
      },
    };
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
