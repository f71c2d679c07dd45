/**
 * Questions the interpreter asks of the compiled graph, answered from indexes built once per run: the boundary
 * events of an activity, the event sub-processes of a scope, the catchers of an error or escalation code, and
 * whether a token can still reach an element (for inclusive joins). Pure and deterministic.
 */
import type {
  BoundaryEventElement,
  EventSubProcessElement,
  GraphElement,
  ProcessGraph,
  StartEventElement,
} from '../shared/graph';
import { catchesCode } from './bpmn-throws';

type ThrownKind = 'error' | 'escalation';

export class GraphIndex {
  private readonly boundaries = new Map<string, BoundaryEventElement[]>();
  /** Event sub-processes by the scope they belong to ('' for the process). */
  private readonly eventSubProcesses = new Map<string, EventSubProcessElement[]>();
  private readonly reachable = new Map<string, boolean>();

  constructor(private readonly graph: ProcessGraph) {
    for (const element of Object.values(graph.elements)) {
      if (element.type === 'boundaryEvent')
        this.boundaries.set(element.attachedToId, [...this.boundariesOf(element.attachedToId), element]);
      if (element.type === 'eventSubProcess')
        this.eventSubProcesses.set(element.parentId ?? '', [...this.eventSubProcessesIn(element.parentId), element]);
    }
  }

  element(id: string): GraphElement {
    const element = this.graph.elements[id];
    if (!element) throw new Error(`The process graph has no element '${id}'`);
    return element;
  }

  target(flowId: string): string {
    const flow = this.graph.flows[flowId];
    if (!flow) throw new Error(`The process graph has no sequence flow '${flowId}'`);
    return flow.targetId;
  }

  boundariesOf(activityId: string): BoundaryEventElement[] {
    return this.boundaries.get(activityId) ?? [];
  }

  /** The event sub-processes of a scope: a sub-process id, or none for the process. */
  eventSubProcessesIn(scopeId: string | undefined): EventSubProcessElement[] {
    return this.eventSubProcesses.get(scopeId ?? '') ?? [];
  }

  startOf(eventSubProcess: EventSubProcessElement): StartEventElement {
    return this.element(eventSubProcess.startEventId) as StartEventElement;
  }

  compensationBoundaryOf(activityId: string): BoundaryEventElement | undefined {
    return this.boundariesOf(activityId).find((boundary) => boundary.trigger.kind === 'compensation');
  }

  /** The boundary event of an activity catching the code; one with that very code wins over a catch-all. */
  boundaryCatching(activityId: string, kind: ThrownKind, code: string): BoundaryEventElement | undefined {
    const candidates = this.boundariesOf(activityId).filter(
      (boundary) => boundary.trigger.kind === kind && catchesCode(codeOf(boundary.trigger), code),
    );
    return candidates.find((boundary) => codeOf(boundary.trigger) === code) ?? candidates[0];
  }

  /** The event sub-process of a scope whose start catches the code; one with that very code wins over a catch-all. */
  eventSubProcessCatching(
    scopeId: string | undefined,
    kind: ThrownKind,
    code: string,
  ): { element: EventSubProcessElement; start: StartEventElement } | undefined {
    const candidates = this.eventSubProcessesIn(scopeId)
      .map((element) => ({ element, start: this.startOf(element) }))
      .filter(({ start }) => start.trigger?.kind === kind && catchesCode(codeOf(start.trigger), code));
    return candidates.find(({ start }) => start.trigger && codeOf(start.trigger) === code) ?? candidates[0];
  }

  /** Whether a token at `from` can still reach `to` by sequence flows, boundary events included. */
  canReach(from: string, to: string): boolean {
    const key = `${from}>${to}`;
    const known = this.reachable.get(key);
    if (known !== undefined) return known;
    const seen = new Set<string>([from]);
    const queue = [from];
    let found = false;
    while (queue.length > 0 && !found) {
      const current = this.element(queue.shift() as string);
      const next = [
        ...current.outgoing.map((flowId) => this.target(flowId)),
        ...this.boundariesOf(current.id).map((boundary) => boundary.id),
      ];
      for (const id of next) {
        if (id === to) found = true;
        if (!seen.has(id)) {
          seen.add(id);
          queue.push(id);
        }
      }
    }
    this.reachable.set(key, found);
    return found;
  }
}

function codeOf(trigger: { kind: string; errorCode?: string; escalationCode?: string }): string | undefined {
  return trigger.kind === 'error' ? trigger.errorCode : trigger.escalationCode;
}
