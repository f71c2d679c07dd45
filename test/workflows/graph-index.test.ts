/** The questions the interpreter asks of a compiled graph, answered for small inline models. */
import type { ProcessGraph } from '../../shared/graph';
import { GraphIndex } from '../../workflows/graph-index';
import { error, escalation, expression, flow, model, path } from '../support/bpmn';
import { compileOne } from '../support/compile';

/**
 * A review with four boundary events (a catch-all error declared before a coded one, a non-interrupting escalation
 * and a compensation), a sub-process with an event sub-process of its own, and two escalation event sub-processes
 * of the process (a catch-all declared before a coded one).
 */
const reviewXml = model(
  `${path(
    'review',
    'check',
    `<bpmn:task id="review" />${flow('f-review', 'review', 'check')}
     <bpmn:subProcess id="check">
       <bpmn:startEvent id="check-start" />${flow('c1', 'check-start', 'inspect')}<bpmn:task id="inspect" />${flow('c2', 'inspect', 'check-end')}<bpmn:endEvent id="check-end" />
       <bpmn:subProcess id="check-errors" triggeredByEvent="true">
         <bpmn:startEvent id="check-errors-start"><bpmn:errorEventDefinition /></bpmn:startEvent>${flow('ce1', 'check-errors-start', 'check-errors-end')}<bpmn:endEvent id="check-errors-end" />
       </bpmn:subProcess>
     </bpmn:subProcess>`,
  )}
   <bpmn:boundaryEvent id="any-error" attachedToRef="review"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>${flow('b1', 'any-error', 'failed')}
   <bpmn:boundaryEvent id="missing-documents" attachedToRef="review"><bpmn:errorEventDefinition errorRef="missing" /></bpmn:boundaryEvent>${flow('b2', 'missing-documents', 'failed')}
   <bpmn:endEvent id="failed" />
   <bpmn:boundaryEvent id="overdue" attachedToRef="review" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="late" /></bpmn:boundaryEvent>${flow('b3', 'overdue', 'remind')}
   <bpmn:task id="remind" />${flow('b4', 'remind', 'reminded')}<bpmn:endEvent id="reminded" />
   <bpmn:boundaryEvent id="on-undo" attachedToRef="review"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
   <bpmn:task id="withdraw-review" isForCompensation="true" />
   <bpmn:association id="a1" associationDirection="One" sourceRef="on-undo" targetRef="withdraw-review" />
   <bpmn:subProcess id="on-any-escalation" triggeredByEvent="true">
     <bpmn:startEvent id="any-escalation-start" isInterrupting="false"><bpmn:escalationEventDefinition /></bpmn:startEvent>${flow('e1', 'any-escalation-start', 'any-escalation-end')}<bpmn:endEvent id="any-escalation-end" />
   </bpmn:subProcess>
   <bpmn:subProcess id="on-late" triggeredByEvent="true">
     <bpmn:startEvent id="late-start"><bpmn:escalationEventDefinition escalationRef="late" /></bpmn:startEvent>${flow('e2', 'late-start', 'late-end')}<bpmn:endEvent id="late-end" />
   </bpmn:subProcess>`,
  { roots: error('missing', 'MISSING_DOCUMENTS') + escalation('late', 'LATE') },
);

/** start → a → gateway → (again: back to a | on: b → end): a loop. */
const loopXml = model(
  `<bpmn:startEvent id="start" />${flow('f1', 'start', 'a')}<bpmn:task id="a" />${flow('f2', 'a', 'gateway')}
   <bpmn:exclusiveGateway id="gateway" default="on" />
   <bpmn:sequenceFlow id="again" sourceRef="gateway" targetRef="a">${expression('conditionExpression', '=retry')}</bpmn:sequenceFlow>
   ${flow('on', 'gateway', 'b')}<bpmn:task id="b" />${flow('f3', 'b', 'end')}<bpmn:endEvent id="end" />`,
);

const ids = (elements: Array<{ id: string }>) => elements.map((element) => element.id);

describe('GraphIndex', () => {
  let review: ProcessGraph;
  beforeAll(async () => {
    review = await compileOne(reviewXml);
  });

  describe('elements and flows', () => {
    it('looks elements and flow targets up by id', () => {
      const index = new GraphIndex(review);
      expect(index.element('inspect')).toMatchObject({ type: 'passThrough', parentId: 'check' });
      expect(index.target('f-review')).toBe('check');
    });

    it('names the element or flow the graph does not have', () => {
      const index = new GraphIndex(review);
      expect(() => index.element('nowhere')).toThrow("The process graph has no element 'nowhere'");
      expect(() => index.target('no-flow')).toThrow("The process graph has no sequence flow 'no-flow'");
    });
  });

  describe('boundary events', () => {
    it('lists the boundary events of each activity in model order, and none for an activity without any', () => {
      const index = new GraphIndex(review);
      expect(ids(index.boundariesOf('review'))).toEqual(['any-error', 'missing-documents', 'overdue', 'on-undo']);
      expect(index.boundariesOf('check')).toEqual([]);
      expect(index.boundariesOf('not-an-activity')).toEqual([]);
    });

    it('finds the compensation boundary of an activity, which names its handler', () => {
      const index = new GraphIndex(review);
      expect(index.compensationBoundaryOf('review')).toMatchObject({
        id: 'on-undo',
        compensationHandlerId: 'withdraw-review',
      });
      expect(index.compensationBoundaryOf('remind')).toBeUndefined();
    });

    it('prefers the boundary with the thrown code to a catch-all declared before it', () => {
      // given 'any-error' (no code) declared before 'missing-documents' (MISSING_DOCUMENTS)
      const index = new GraphIndex(review);
      // when each code is thrown at the review, then the coded boundary takes its own code and the catch-all the rest
      expect(index.boundaryCatching('review', 'error', 'MISSING_DOCUMENTS')?.id).toBe('missing-documents');
      expect(index.boundaryCatching('review', 'error', 'ANYTHING_ELSE')?.id).toBe('any-error');
    });

    it('matches the kind: error boundaries do not catch escalations, and a coded escalation no other code', () => {
      const index = new GraphIndex(review);
      expect(index.boundaryCatching('review', 'escalation', 'LATE')?.id).toBe('overdue');
      expect(index.boundaryCatching('review', 'escalation', 'MISSING_DOCUMENTS')).toBeUndefined();
      expect(index.boundaryCatching('check', 'error', 'MISSING_DOCUMENTS')).toBeUndefined();
    });
  });

  describe('event sub-processes', () => {
    it('lists the event sub-processes of each scope: the process (no id) and each sub-process', () => {
      const index = new GraphIndex(review);
      expect(ids(index.eventSubProcessesIn(undefined))).toEqual(['on-any-escalation', 'on-late']);
      expect(ids(index.eventSubProcessesIn('check'))).toEqual(['check-errors']);
      expect(index.eventSubProcessesIn('review')).toEqual([]);
    });

    it('gives the start event of an event sub-process', () => {
      const index = new GraphIndex(review);
      const [checkErrors] = index.eventSubProcessesIn('check');
      expect(index.startOf(checkErrors!)).toMatchObject({ id: 'check-errors-start', trigger: { kind: 'error' } });
    });

    it('prefers the event sub-process whose start has the thrown code to a catch-all declared before it', () => {
      const index = new GraphIndex(review);
      const late = index.eventSubProcessCatching(undefined, 'escalation', 'LATE');
      expect(late?.element.id).toBe('on-late');
      expect(late?.start).toMatchObject({ id: 'late-start', interrupting: true });
      const other = index.eventSubProcessCatching(undefined, 'escalation', 'SOMETHING_ELSE');
      expect(other?.element.id).toBe('on-any-escalation');
      expect(other?.start.interrupting).toBe(false);
    });

    it('looks only in the scope asked about, and only at starts of the thrown kind', () => {
      const index = new GraphIndex(review);
      expect(index.eventSubProcessCatching('check', 'error', 'MISSING_DOCUMENTS')?.element.id).toBe('check-errors');
      expect(index.eventSubProcessCatching(undefined, 'error', 'MISSING_DOCUMENTS')).toBeUndefined();
      expect(index.eventSubProcessCatching('check', 'escalation', 'LATE')).toBeUndefined();
    });
  });

  describe('reachability (for inclusive joins)', () => {
    it('follows sequence flows forwards, never backwards', () => {
      const index = new GraphIndex(review);
      expect(index.canReach('start', 'check')).toBe(true);
      expect(index.canReach('review', 'end')).toBe(true);
      expect(index.canReach('check', 'review')).toBe(false);
      expect(index.canReach('end', 'start')).toBe(false);
    });

    it('follows the boundary events of an activity to where they lead', () => {
      const index = new GraphIndex(review);
      expect(index.canReach('review', 'remind')).toBe(true);
      expect(index.canReach('review', 'failed')).toBe(true);
      // 'check' has no boundary events: nothing but its own outgoing flow leaves it
      expect(index.canReach('check', 'failed')).toBe(false);
    });

    it('stays in its scope: the inside of a sub-process is not reached from outside, nor the outside from inside', () => {
      const index = new GraphIndex(review);
      expect(index.canReach('start', 'inspect')).toBe(false);
      expect(index.canReach('inspect', 'end')).toBe(false);
      expect(index.canReach('check-start', 'check-end')).toBe(true);
    });

    it('reaches an element from itself only around a loop', async () => {
      const index = new GraphIndex(await compileOne(loopXml));
      expect(index.canReach('a', 'a')).toBe(true);
      expect(index.canReach('gateway', 'a')).toBe(true);
      expect(index.canReach('b', 'b')).toBe(false);
      expect(index.canReach('b', 'a')).toBe(false);
    });

    it('remembers each answer for its direction: having reached one way does not answer the other', () => {
      // given an index that has already answered review → remind
      const index = new GraphIndex(review);
      expect(index.canReach('review', 'remind')).toBe(true);
      // when asked the other way round, and the first way again, then each keeps its own answer
      expect(index.canReach('remind', 'review')).toBe(false);
      expect(index.canReach('review', 'remind')).toBe(true);
    });
  });
});
