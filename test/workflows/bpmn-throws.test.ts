/** Who catches a BPMN error or escalation: the search from the throwing element outwards through its scopes. */
import { BpmnThrow, catchesCode, findCatcher } from '../../workflows/bpmn-throws';
import { GraphIndex } from '../../workflows/graph-index';
import { ScopeExecution, type ScopeKind, type TokenDriver } from '../../workflows/scope-execution';
import { error, escalation, flow, model, path } from '../support/bpmn';
import { compileOne } from '../support/compile';

/**
 * intake → case → batch → end, with catchers at every level:
 *   the process: event sub-processes for any error, and for the escalation LATE (non-interrupting);
 *   case (a sub-process): boundaries for any error and any escalation (non-interrupting), an event sub-process for
 *     BROKEN (itself throwing BROKEN again at 'retry'); inside it 'check', with its own boundary for BROKEN, and
 *     'part', a sub-process with no catchers around 'work';
 *   batch (a multi-instance sub-process): a boundary for any error, around 'item'.
 */
const catchersXml = model(
  `${path(
    'intake',
    'batch',
    `<bpmn:task id="intake" />${flow('f1', 'intake', 'case')}
     <bpmn:subProcess id="case">
       <bpmn:startEvent id="case-start" />${flow('c1', 'case-start', 'check')}<bpmn:task id="check" />${flow('c2', 'check', 'part')}
       <bpmn:subProcess id="part">
         <bpmn:startEvent id="part-start" />${flow('p1', 'part-start', 'work')}<bpmn:task id="work" />${flow('p2', 'work', 'part-end')}<bpmn:endEvent id="part-end" />
       </bpmn:subProcess>${flow('c3', 'part', 'case-end')}<bpmn:endEvent id="case-end" />
       <bpmn:boundaryEvent id="check-broken" attachedToRef="check"><bpmn:errorEventDefinition errorRef="broken" /></bpmn:boundaryEvent>${flow('c4', 'check-broken', 'case-end')}
       <bpmn:subProcess id="case-broken" triggeredByEvent="true">
         <bpmn:startEvent id="case-broken-start"><bpmn:errorEventDefinition errorRef="broken" /></bpmn:startEvent>${flow('b1', 'case-broken-start', 'retry')}
         <bpmn:task id="retry" />${flow('b2', 'retry', 'case-broken-end')}<bpmn:endEvent id="case-broken-end" />
       </bpmn:subProcess>
     </bpmn:subProcess>${flow('f2', 'case', 'batch')}
     <bpmn:subProcess id="batch">
       <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
       <bpmn:startEvent id="batch-start" />${flow('m1', 'batch-start', 'item')}<bpmn:task id="item" />${flow('m2', 'item', 'batch-end')}<bpmn:endEvent id="batch-end" />
     </bpmn:subProcess>`,
  )}
   <bpmn:boundaryEvent id="case-any-error" attachedToRef="case"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>${flow('x1', 'case-any-error', 'end')}
   <bpmn:boundaryEvent id="case-escalated" attachedToRef="case" cancelActivity="false"><bpmn:escalationEventDefinition /></bpmn:boundaryEvent>${flow('x2', 'case-escalated', 'end')}
   <bpmn:boundaryEvent id="batch-failed" attachedToRef="batch"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>${flow('x3', 'batch-failed', 'end')}
   <bpmn:subProcess id="process-errors" triggeredByEvent="true">
     <bpmn:startEvent id="process-errors-start"><bpmn:errorEventDefinition /></bpmn:startEvent>${flow('e1', 'process-errors-start', 'process-errors-end')}<bpmn:endEvent id="process-errors-end" />
   </bpmn:subProcess>
   <bpmn:subProcess id="process-late" triggeredByEvent="true">
     <bpmn:startEvent id="process-late-start" isInterrupting="false"><bpmn:escalationEventDefinition escalationRef="late" /></bpmn:startEvent>${flow('e2', 'process-late-start', 'process-late-end')}<bpmn:endEvent id="process-late-end" />
   </bpmn:subProcess>`,
  { roots: error('broken', 'BROKEN') + escalation('late', 'LATE') },
);

const noTokens: TokenDriver = { runToken: () => Promise.resolve(), canReach: () => false };

/** The scopes of one run: the process, the case sub-process with its part and its event sub-process, and one batch body. */
function runningScopes() {
  const process = new ScopeExecution('process', {}, noTokens);
  const inside = (parent: ScopeExecution, kind: ScopeKind, containerId: string) =>
    new ScopeExecution(kind, {}, noTokens, parent, containerId, `${containerId}#1`);
  const caseScope = inside(process, 'subProcess', 'case');
  const batchBody = inside(process, 'body', 'batch');
  return {
    process,
    case: caseScope,
    part: inside(caseScope, 'subProcess', 'part'),
    'case-broken': inside(caseScope, 'eventSubProcess', 'case-broken'),
    'batch body': batchBody,
    batch: inside(batchBody, 'subProcess', 'batch'),
  };
}

describe('findCatcher', () => {
  let graph: GraphIndex;
  beforeAll(async () => {
    graph = new GraphIndex(await compileOne(catchersXml));
  });

  /** The catcher of a throw at an element running in the named scope, with the scope it starts in by name. */
  function catcherOf(
    scopeName: keyof ReturnType<typeof runningScopes>,
    elementId: string,
    kind: 'error' | 'escalation',
    code: string,
  ) {
    const scopes = runningScopes();
    const catcher = findCatcher(graph, scopes[scopeName], elementId, kind, code);
    if (!catcher) return undefined;
    const scope = Object.entries(scopes).find(([, candidate]) => candidate === catcher.scope)?.[0];
    return { id: catcher.id, interrupting: catcher.interrupting, scope };
  }

  describe('errors', () => {
    it("tries the throwing element's own boundary first, before its scope's event sub-process for the same code", () => {
      // given 'check' has a boundary for BROKEN and so has its scope, 'case', an event sub-process
      // when check throws BROKEN, then its own boundary catches it, and the boundary's token starts where check ran
      expect(catcherOf('case', 'check', 'error', 'BROKEN')).toEqual({
        id: 'check-broken',
        interrupting: true,
        scope: 'case',
      });
    });

    it("asks each enclosing scope's event sub-processes before that scope's container boundaries", () => {
      // given 'work' in 'part' (no catchers), inside 'case', which has an event sub-process for BROKEN and a
      // boundary for any error
      // when work throws BROKEN, then case's event sub-process catches it, in case's scope
      expect(catcherOf('part', 'work', 'error', 'BROKEN')).toEqual({
        id: 'case-broken',
        interrupting: true,
        scope: 'case',
      });
    });

    it("goes on to the container's boundary when its event sub-processes catch other codes; the boundary's token runs outside the container", () => {
      expect(catcherOf('part', 'work', 'error', 'MISSING')).toEqual({
        id: 'case-any-error',
        interrupting: true,
        scope: 'process',
      });
    });

    it('reaches the event sub-processes of the process for an element of the process', () => {
      expect(catcherOf('process', 'intake', 'error', 'ANY_CODE')).toEqual({
        id: 'process-errors',
        interrupting: true,
        scope: 'process',
      });
    });

    it('does not let an error leaving an event sub-process be caught by the event sub-processes beside it', () => {
      // given 'retry' runs in case's event sub-process for BROKEN
      // when retry throws BROKEN again, then not that event sub-process (it would loop) but case's boundary catches it
      expect(catcherOf('case-broken', 'retry', 'error', 'BROKEN')).toEqual({
        id: 'case-any-error',
        interrupting: true,
        scope: 'process',
      });
    });

    it('starts the token of a multi-instance boundary outside the multi-instance body', () => {
      // given 'item' in one instance of the multi-instance sub-process 'batch', whose boundary catches any error
      // when item throws, then batch's boundary catches it, in the scope that runs batch itself (not its body)
      expect(catcherOf('batch', 'item', 'error', 'FAILED')).toEqual({
        id: 'batch-failed',
        interrupting: true,
        scope: 'process',
      });
    });

    it('finds none when no boundary or event sub-process on the way out catches the code', async () => {
      const bare = new GraphIndex(await compileOne(model(path('t', 't', '<bpmn:task id="t" />'))));
      expect(findCatcher(bare, new ScopeExecution('process', {}, noTokens), 't', 'error', 'ANY')).toBeUndefined();
    });
  });

  describe('escalations', () => {
    it('reports a non-interrupting catcher as such: a non-interrupting event sub-process start', () => {
      expect(catcherOf('process', 'intake', 'escalation', 'LATE')).toEqual({
        id: 'process-late',
        interrupting: false,
        scope: 'process',
      });
    });

    it('takes the nearest catcher: a catch-all boundary of the container before a coded event sub-process further out', () => {
      expect(catcherOf('part', 'work', 'escalation', 'LATE')).toEqual({
        id: 'case-escalated',
        interrupting: false,
        scope: 'process',
      });
    });

    it('is not caught by error catchers with the same code', () => {
      // given check's boundary and case's event sub-process catch the error BROKEN
      // when check escalates BROKEN, then the case's escalation boundary catches it instead
      expect(catcherOf('case', 'check', 'escalation', 'BROKEN')).toEqual({
        id: 'case-escalated',
        interrupting: false,
        scope: 'process',
      });
    });

    it('finds none for a code nothing catches', () => {
      // given the process catches only the escalation LATE, and its error event sub-process does not count
      expect(catcherOf('process', 'intake', 'escalation', 'SOMETHING_ELSE')).toBeUndefined();
    });
  });
});

describe('catchesCode', () => {
  it('lets a catcher without a code catch every code, and one with a code only that code', () => {
    expect(catchesCode(undefined, 'ANY')).toBe(true);
    expect(catchesCode('BROKEN', 'BROKEN')).toBe(true);
    expect(catchesCode('BROKEN', 'MISSING')).toBe(false);
  });
});

describe('BpmnThrow', () => {
  it('carries the kind, code, catcher and variables, and says what was thrown', () => {
    const thrown = new BpmnThrow('escalation', 'LATE', 'process-late', { days: 3 });
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).toMatchObject({
      kind: 'escalation',
      code: 'LATE',
      catcherId: 'process-late',
      variables: { days: 3 },
    });
    expect(thrown.message).toBe("BPMN escalation 'LATE'");
    expect(new BpmnThrow('error', 'X', 'c').variables).toEqual({});
  });
});
