/**
 * What the engine runs, asked of the compiler itself: which element types have a compiler, which event definitions
 * each kind of event accepts (found by compiling a small probe model for every combination), and what is refused.
 * The README's "What runs" section is written from this (`npm run docs:what-runs`) and a unit test keeps the two
 * equal, so the documentation cannot drift from the code.
 */
import { AppError } from '../shared/app-error';
import { compileBpmn } from './compile';
import { elementCompilers } from './compilers';
import { unsupportedElementReasons } from './unsupported-features';

/** What each element type with a compiler does, in a reader's words. Must name exactly the compiled types. */
const elementSummaries: Readonly<Record<string, string>> = {
  'bpmn:StartEvent': 'none, or the triggers in the table below',
  'bpmn:EndEvent': 'none, or what it throws (table below)',
  'bpmn:UserTask':
    "a row in the work queue: assignee, candidates (none: unassigned work of the instance's unit), a deployed (`formId`) or embedded (`zeebe:userTaskForm`) form, due and follow-up dates, priority (FEEL or static)",
  'bpmn:ServiceTask':
    'a job of its `zeebe:taskDefinition` type (fixed or FEEL) with retries (fixed or FEEL) and headers: built-in types (`send-email`) run on our worker; any other type is a job that Camunda job workers activate and complete through `/v2/jobs`',
  'bpmn:SendTask': 'a job, as a service task',
  'bpmn:BusinessRuleTask':
    'a deployed DMN decision (`zeebe:calledDecision`) into its result variable, or a job as a service task',
  'bpmn:ScriptTask': 'a FEEL expression (`zeebe:script`) into a result variable, or a job',
  'bpmn:ReceiveTask': 'waits for a message with a FEEL correlation key; output mappings',
  'bpmn:Task': 'passes straight through',
  'bpmn:ManualTask': 'passes straight through',
  'bpmn:SubProcess': 'embedded, with local variables; `triggeredByEvent`: an event sub-process',
  'bpmn:CallActivity':
    'a child instance of the called process (latest, deployment or version tag), variables in and out',
  'bpmn:IntermediateThrowEvent': 'none, link, or what it throws (table below)',
  'bpmn:IntermediateCatchEvent': 'waits for its trigger (table below)',
  'bpmn:BoundaryEvent': 'interrupting or not, on any activity (table below)',
  'bpmn:ExclusiveGateway': 'the first true condition, else the default flow, else an incident',
  'bpmn:InclusiveGateway': 'every true condition; the join waits until no token can still arrive',
  'bpmn:EventBasedGateway': 'the first of its events to happen',
  'bpmn:ParallelGateway': 'fork and join',
};

const DEFINITIONS = [
  'none',
  'timer',
  'message',
  'signal',
  'error',
  'escalation',
  'conditional',
  'compensation',
  'link',
  'terminate',
  'cancel',
] as const;
type Definition = (typeof DEFINITIONS)[number];

const POSITIONS = [
  'process start',
  'event sub-process start',
  'intermediate catch',
  'boundary',
  'intermediate throw',
  'end',
] as const;
type Position = (typeof POSITIONS)[number];

/** Interrupting and non-interrupting are probed separately where BPMN allows both. */
const INTERRUPTIBLE: ReadonlySet<Position> = new Set(['event sub-process start', 'boundary']);

export interface EventCoverage {
  definition: Definition;
  /** Per position: the variants the compiler accepts (empty: refused). */
  accepted: Record<Position, Array<'interrupting' | 'non-interrupting' | 'yes'>>;
}

export interface Coverage {
  elements: Array<{ type: string; summary: string }>;
  events: EventCoverage[];
  refusedElements: Array<{ type: string; reason: string }>;
}

export async function engineCoverage(): Promise<Coverage> {
  const compiled = Object.keys(elementCompilers);
  const described = Object.keys(elementSummaries);
  const undescribed = compiled.filter((type) => !described.includes(type));
  const stale = described.filter((type) => !compiled.includes(type));
  if (undescribed.length || stale.length) {
    throw new Error(
      `bpmn/coverage.ts: describe every compiled element type and no other (missing: ${undescribed.join(', ') || 'none'}; without a compiler: ${stale.join(', ') || 'none'})`,
    );
  }
  const events: EventCoverage[] = [];
  for (const definition of DEFINITIONS) {
    const accepted = {} as EventCoverage['accepted'];
    for (const position of POSITIONS) {
      const variants = INTERRUPTIBLE.has(position)
        ? (['interrupting', 'non-interrupting'] as const)
        : (['yes'] as const);
      accepted[position] = [];
      for (const variant of variants) {
        if (await compiles(probe(definition, position, variant !== 'non-interrupting')))
          accepted[position].push(variant);
      }
    }
    events.push({ definition, accepted });
  }
  return {
    elements: compiled.map((type) => ({ type, summary: elementSummaries[type]! })),
    events,
    refusedElements: Object.entries(unsupportedElementReasons).map(([type, reason]) => ({ type, reason })),
  };
}

export function coverageMarkdown(coverage: Coverage): string {
  const lines = [
    'Element types, in the Zeebe dialect with FEEL; any other type is refused at deploy time with its id:',
    '',
    '| Element | How it runs |',
    '| --- | --- |',
    ...coverage.elements.map(({ type, summary }) => `| \`${type}\` | ${summary} |`),
    '',
    'Activities may also be multi-instance (parallel or sequential) or standard loops, and compensation handlers.',
    '',
    'Event definitions by where the event sits (✓ accepted; "int." interrupting only; "non-int." non-interrupting',
    'only; — refused at deploy time with the reason):',
    '',
    `| Definition | ${POSITIONS.join(' | ')} |`,
    `| --- | ${POSITIONS.map(() => ':---:').join(' | ')} |`,
    ...coverage.events.map(
      ({ definition, accepted }) => `| ${definition} | ${POSITIONS.map((p) => cell(accepted[p])).join(' | ')} |`,
    ),
    '',
    'Refused at deploy time, with the reason:',
    '',
    ...coverage.refusedElements.map(({ type, reason }) => `- \`${type}\`: ${reason}`),
  ];
  return lines.join('\n');
}

function cell(variants: string[]): string {
  if (variants.length === 0) return '—';
  if (variants.length === 2 || variants[0] === 'yes') return '✓';
  return variants[0] === 'interrupting' ? 'int.' : 'non-int.';
}

async function compiles(xml: string): Promise<boolean> {
  try {
    await compileBpmn(xml);
    return true;
  } catch (error) {
    // A probe refused for another reason than support would make the table lie: that is a bug in the probe.
    const issues = error instanceof AppError ? (error.details.issues ?? []) : [];
    if (issues.length > 0 && issues.every((issue) => issue.elementId === 'probe')) return false;
    throw new Error(`bpmn/coverage.ts: a probe model is invalid: ${(error as Error).message}`, { cause: error });
  }
}

/** The event definition's XML, and what it refers to at the definitions level. */
function definitionXml(definition: Definition, position: Position): { xml: string; roots: string } {
  switch (definition) {
    case 'none':
      return { xml: '', roots: '' };
    case 'timer': {
      const value =
        position === 'process start'
          ? '<bpmn:timeCycle>R/PT1H</bpmn:timeCycle>'
          : '<bpmn:timeDuration>PT1H</bpmn:timeDuration>';
      return { xml: `<bpmn:timerEventDefinition>${value}</bpmn:timerEventDefinition>`, roots: '' };
    }
    case 'message':
      return {
        xml: '<bpmn:messageEventDefinition messageRef="message" />',
        roots:
          '<bpmn:message id="message" name="probe-message"><bpmn:extensionElements><zeebe:subscription correlationKey="=key" /></bpmn:extensionElements></bpmn:message>',
      };
    case 'signal':
      return {
        xml: '<bpmn:signalEventDefinition signalRef="signal" />',
        roots: '<bpmn:signal id="signal" name="probe-signal" />',
      };
    case 'error':
      return {
        xml: '<bpmn:errorEventDefinition errorRef="error" />',
        roots: '<bpmn:error id="error" name="probe" errorCode="PROBE" />',
      };
    case 'escalation':
      return {
        xml: '<bpmn:escalationEventDefinition escalationRef="escalation" />',
        roots: '<bpmn:escalation id="escalation" name="probe" escalationCode="PROBE" />',
      };
    case 'conditional':
      return {
        xml: '<bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">=x &gt; 1</bpmn:condition></bpmn:conditionalEventDefinition>',
        roots: '',
      };
    case 'compensation':
      return { xml: '<bpmn:compensateEventDefinition />', roots: '' };
    case 'link':
      return { xml: '<bpmn:linkEventDefinition name="probe-link" />', roots: '' };
    case 'terminate':
      return { xml: '<bpmn:terminateEventDefinition />', roots: '' };
    case 'cancel':
      return { xml: '<bpmn:cancelEventDefinition />', roots: '' };
  }
}

const flow = (id: string, from: string, to: string) =>
  `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;
const job = (id: string, extra = '') =>
  `<bpmn:serviceTask id="${id}"${extra}><bpmn:extensionElements><zeebe:taskDefinition type="probe" /></bpmn:extensionElements></bpmn:serviceTask>`;

/** The smallest valid model with the probed event at `position`; its id is `probe`. */
function probe(definition: Definition, position: Position, interrupting: boolean): string {
  const { xml: def, roots } = definitionXml(definition, position);
  let body: string;
  switch (position) {
    case 'process start':
      body = `<bpmn:startEvent id="probe">${def}</bpmn:startEvent>${flow('f1', 'probe', 'end')}<bpmn:endEvent id="end" />`;
      break;
    case 'event sub-process start':
      body = `<bpmn:startEvent id="start" />${flow('f1', 'start', 'end')}<bpmn:endEvent id="end" />
        <bpmn:subProcess id="handler" triggeredByEvent="true">
          <bpmn:startEvent id="probe" isInterrupting="${interrupting}">${def}</bpmn:startEvent>
          ${flow('h1', 'probe', 'handled')}<bpmn:endEvent id="handled" />
        </bpmn:subProcess>`;
      break;
    case 'intermediate catch': {
      // A link catch is entered by a link throw of the same name, not by a sequence flow.
      const entry =
        definition === 'link'
          ? `${flow('f1', 'start', 'jump')}<bpmn:intermediateThrowEvent id="jump">${def}</bpmn:intermediateThrowEvent>`
          : flow('f1', 'start', 'probe');
      body = `<bpmn:startEvent id="start" />${entry}
        <bpmn:intermediateCatchEvent id="probe">${def}</bpmn:intermediateCatchEvent>${flow('f2', 'probe', 'end')}<bpmn:endEvent id="end" />`;
      break;
    }
    case 'boundary': {
      // A compensation boundary has no outgoing flow: its handler is associated with it.
      const handling =
        definition === 'compensation'
          ? `${job('undo', ' isForCompensation="true"')}<bpmn:association id="a1" associationDirection="One" sourceRef="probe" targetRef="undo" />`
          : `${flow('f3', 'probe', 'caught')}<bpmn:endEvent id="caught" />`;
      body = `<bpmn:startEvent id="start" />${flow('f1', 'start', 'work')}${job('work')}${flow('f2', 'work', 'end')}<bpmn:endEvent id="end" />
        <bpmn:boundaryEvent id="probe" attachedToRef="work" cancelActivity="${interrupting}">${def}</bpmn:boundaryEvent>${handling}`;
      break;
    }
    case 'intermediate throw': {
      const target =
        definition === 'link'
          ? `<bpmn:intermediateCatchEvent id="landing">${def}</bpmn:intermediateCatchEvent>${flow('f3', 'landing', 'end')}`
          : flow('f2', 'probe', 'end');
      body = `<bpmn:startEvent id="start" />${flow('f1', 'start', 'probe')}
        <bpmn:intermediateThrowEvent id="probe">${def}</bpmn:intermediateThrowEvent>${target}<bpmn:endEvent id="end" />`;
      break;
    }
    case 'end':
      body = `<bpmn:startEvent id="start" />${flow('f1', 'start', 'probe')}<bpmn:endEvent id="probe">${def}</bpmn:endEvent>`;
      break;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="http://bps.onnara.kr/probe">
  <bpmn:process id="probe-process" isExecutable="true">${body}</bpmn:process>${roots}
</bpmn:definitions>`;
}
