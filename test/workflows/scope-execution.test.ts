/**
 * A scope's variables and joins. Running tokens (run, startToken) needs Temporal's workflow sandbox: a
 * CancellationScope cannot be created outside it, so those are covered by the stack tier's conformance suite.
 * The inclusive join waits with Temporal's condition(), which only works inside a workflow; here a stand-in
 * re-evaluates blocked conditions the way the SDK does at the end of each activation.
 */
import type { InclusiveGatewayElement } from '../../shared/graph';
import { GraphIndex } from '../../workflows/graph-index';
import { ScopeExecution, type TokenDriver } from '../../workflows/scope-execution';
import { expression, flow, model } from '../support/bpmn';
import { compileOne } from '../support/compile';

jest.mock('@temporalio/workflow', () => ({
  ...jest.requireActual<object>('@temporalio/workflow'),
  condition: (predicate: () => boolean) => mockCondition(predicate),
}));

const mockBlockedConditions = new Set<{ predicate: () => boolean; resolve: () => void }>();

/** condition() as the SDK runs it: true at once, or blocked until a later activation finds it true. */
function mockCondition(predicate: () => boolean): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve) => mockBlockedConditions.add({ predicate, resolve }));
}

/** The end of an activation: pending work settles, then blocked conditions that now hold are released, repeatedly. */
async function activationEnds(): Promise<void> {
  for (;;) {
    await new Promise((resolve) => setImmediate(resolve));
    const holding = [...mockBlockedConditions].filter((blocked) => blocked.predicate());
    if (holding.length === 0) return;
    for (const blocked of holding) {
      mockBlockedConditions.delete(blocked);
      blocked.resolve();
    }
  }
}

/** A promise's outcome so far: what it resolved to, or 'pending'. */
function outcome<T>(promise: Promise<T>): () => T | 'pending' {
  let settled: { value: T } | undefined;
  void promise.then((value) => (settled = { value }));
  return () => (settled ? settled.value : 'pending');
}

const noTokens: TokenDriver = { runToken: () => Promise.resolve(), canReach: () => false };

describe('ScopeExecution variables', () => {
  it('reads through every enclosing scope, the nearest one winning', () => {
    // given a process with a and b, and a sub-process scope declaring its own b
    const process = new ScopeExecution('process', { a: 1, b: 'outer' }, noTokens);
    const inner = new ScopeExecution('subProcess', { b: 'inner', c: true }, noTokens, process, 'sub', 'sub#1');
    // then the inner scope sees all three, with its own b; the process sees only its own
    expect(inner.variables()).toEqual({ a: 1, b: 'inner', c: true });
    expect(process.variables()).toEqual({ a: 1, b: 'outer' });
    expect(inner.localVariables()).toEqual({ b: 'inner', c: true });
  });

  it('writes a variable where it lives, and a new one at the top (Zeebe propagation)', () => {
    // given a process with a, a sub-process with b, and a multi-instance body inside it
    const process = new ScopeExecution('process', { a: 1 }, noTokens);
    const sub = new ScopeExecution('subProcess', { b: 2 }, noTokens, process, 'sub', 'sub#1');
    const body = new ScopeExecution('body', {}, noTokens, sub, 'each', 'each#2');
    // when the body sets a, b and a new c
    body.set({ a: 10, b: 20, c: 30 });
    // then a changes in the process, b in the sub-process, and c is created in the process
    expect(process.localVariables()).toEqual({ a: 10, c: 30 });
    expect(sub.localVariables()).toEqual({ b: 20 });
    expect(body.localVariables()).toEqual({});
    expect(body.root()).toBe(process);
  });

  it('keeps a declared local in its scope, shadowing the outer one for writes too', () => {
    const process = new ScopeExecution('process', { item: 'outer' }, noTokens);
    const body = new ScopeExecution('body', {}, noTokens, process, 'each', 'each#2');
    body.declareLocal({ item: 'first' });
    body.set({ item: 'changed' });
    expect(body.variables()).toMatchObject({ item: 'changed' });
    expect(process.localVariables()).toEqual({ item: 'outer' });
  });
});

describe('ScopeExecution parallel join', () => {
  const incoming = ['from-a', 'from-b'];

  it('lets a token on only when every incoming flow has delivered one', () => {
    const scope = new ScopeExecution('process', {}, noTokens);
    expect(scope.joinParallel('join', 'join#1', incoming, 'from-a')).toBe(false);
    expect(scope.joinParallel('join', 'join#2', incoming, 'from-a')).toBe(false);
    expect(scope.joinParallel('join', 'join#3', incoming, 'from-b')).toBe(true);
  });

  it('counts tokens per flow: an extra token on one flow waits for the next partner on the other', () => {
    // given two tokens arrived by from-a and one by from-b (which completed the first join)
    const scope = new ScopeExecution('process', {}, noTokens);
    scope.joinParallel('join', 'join#1', incoming, 'from-a');
    scope.joinParallel('join', 'join#2', incoming, 'from-a');
    expect(scope.joinParallel('join', 'join#3', incoming, 'from-b')).toBe(true);
    // when another comes by from-b, then it joins the remaining from-a token; a third from-b waits
    expect(scope.joinParallel('join', 'join#4', incoming, 'from-b')).toBe(true);
    expect(scope.joinParallel('join', 'join#5', incoming, 'from-b')).toBe(false);
  });

  it('keeps the arrivals of each gateway apart', () => {
    const scope = new ScopeExecution('process', {}, noTokens);
    scope.joinParallel('join-1', 'join-1#1', incoming, 'from-a');
    expect(scope.joinParallel('join-2', 'join-2#2', incoming, 'from-b')).toBe(false);
  });

  it('answers an element instance asked again (retried after an incident) without counting its token twice', () => {
    // given the token by from-a, asked twice for the same element instance
    const scope = new ScopeExecution('process', {}, noTokens);
    expect(scope.joinParallel('join', 'join#1', incoming, 'from-a')).toBe(false);
    expect(scope.joinParallel('join', 'join#1', incoming, 'from-a')).toBe(false);
    // when two tokens come by from-b, then only the first finds a partner
    expect(scope.joinParallel('join', 'join#2', incoming, 'from-b')).toBe(true);
    expect(scope.joinParallel('join', 'join#3', incoming, 'from-b')).toBe(false);
    // and the instance that went on still answers true
    expect(scope.joinParallel('join', 'join#2', incoming, 'from-b')).toBe(true);
  });

  it('carries waiting tokens over continue-as-new', () => {
    // given a token waiting at the join when the run continues as new
    const before = new ScopeExecution('process', {}, noTokens);
    before.joinParallel('join', 'join#1', incoming, 'from-a');
    const snapshot = before.parallelArrivalsSnapshot();
    expect(snapshot).toEqual([['join', [['from-a', 1]]]]);
    // when the next run restores it, then its partner completes the join there
    const after = new ScopeExecution('process', {}, noTokens);
    after.restoreParallelArrivals(JSON.parse(JSON.stringify(snapshot)) as typeof snapshot);
    expect(after.joinParallel('join', 'join#7', incoming, 'from-b')).toBe(true);
  });
});

describe('ScopeExecution inclusive join', () => {
  /**
   * fork → a → join, and fork → b → choose → (join | skipped): a token on b can still reach the join until
   * 'choose' sends it elsewhere.
   */
  const forkJoinXml = model(
    `<bpmn:startEvent id="start" />${flow('f0', 'start', 'fork')}<bpmn:inclusiveGateway id="fork" default="to-b" />
     <bpmn:sequenceFlow id="to-a" sourceRef="fork" targetRef="a">${expression('conditionExpression', '=withA')}</bpmn:sequenceFlow><bpmn:task id="a" />${flow('a-join', 'a', 'join')}
     ${flow('to-b', 'fork', 'b')}<bpmn:task id="b" />${flow('b-choose', 'b', 'choose')}
     <bpmn:exclusiveGateway id="choose" default="choose-join" />${flow('choose-join', 'choose', 'join')}
     <bpmn:sequenceFlow id="choose-skip" sourceRef="choose" targetRef="skipped">${expression('conditionExpression', '=skip')}</bpmn:sequenceFlow>
     <bpmn:endEvent id="skipped" />
     <bpmn:inclusiveGateway id="join" />${flow('join-end', 'join', 'end')}<bpmn:endEvent id="end" />`,
  );

  let index: GraphIndex;
  let join: InclusiveGatewayElement;
  beforeAll(async () => {
    index = new GraphIndex(await compileOne(forkJoinXml));
    join = index.element('join') as InclusiveGatewayElement;
  });
  afterEach(() => mockBlockedConditions.clear());

  /** A process scope whose tokens stand where given (token number → element id), reachability from the graph. */
  function scopeWithTokens(positions: Record<number, string>): ScopeExecution {
    const scope = new ScopeExecution('process', {}, { ...noTokens, canReach: (from, to) => index.canReach(from, to) });
    for (const [token, elementId] of Object.entries(positions)) scope.positions.set(Number(token), elementId);
    return scope;
  }

  it('waits while another token can still reach the gateway, then lets one of the two go on', async () => {
    // given token 1 at the join (by a-join) and token 2 still on b
    const scope = scopeWithTokens({ 1: 'join', 2: 'b' });
    const first = outcome(scope.joinInclusive(join, 'join#1', 'a-join'));
    await activationEnds();
    expect(first()).toBe('pending');
    // when token 2 moves on to 'choose', from where the join is still reachable
    scope.positions.set(2, 'choose');
    await activationEnds();
    expect(first()).toBe('pending');
    // and then arrives at the join by choose-join
    scope.positions.set(2, 'join');
    const second = outcome(scope.joinInclusive(join, 'join#2', 'choose-join'));
    await activationEnds();
    // then both tokens are consumed: the one that arrived last goes on, the other ends here
    expect([first(), second()]).toEqual([false, true]);
  });

  it('goes on as soon as the other token can no longer reach the gateway (a skipped branch)', async () => {
    const scope = scopeWithTokens({ 1: 'join', 2: 'choose' });
    const waiting = outcome(scope.joinInclusive(join, 'join#1', 'a-join'));
    await activationEnds();
    expect(waiting()).toBe('pending');
    // when token 2 leaves by choose-skip
    scope.positions.set(2, 'skipped');
    await activationEnds();
    expect(waiting()).toBe(true);
  });

  it('goes on at once when no other token is left in the scope', async () => {
    const scope = scopeWithTokens({ 1: 'join' });
    await expect(scope.joinInclusive(join, 'join#1', 'a-join')).resolves.toBe(true);
  });

  it('consumes one token per incoming flow at each firing: a second token on the same flow goes on by itself later', async () => {
    // given tokens 1 and 3 waiting at the join, both by a-join, while token 2 is on b
    const scope = scopeWithTokens({ 1: 'join', 2: 'b', 3: 'join' });
    const firstByA = outcome(scope.joinInclusive(join, 'join#1', 'a-join'));
    const secondByA = outcome(scope.joinInclusive(join, 'join#3', 'a-join'));
    await activationEnds();
    // when token 2 arrives by choose-join
    scope.positions.set(2, 'join');
    const byB = outcome(scope.joinInclusive(join, 'join#2', 'choose-join'));
    await activationEnds();
    // then the first a-join token is absorbed into b's, and the second a-join token fires again on its own
    expect({ firstByA: firstByA(), byB: byB(), secondByA: secondByA() }).toEqual({
      firstByA: false,
      byB: true,
      secondByA: true,
    });
  });

  it('answers an element instance asked again (retried after an incident) with its outcome, without waiting again', async () => {
    // given join#1 went on while it was alone
    const scope = scopeWithTokens({ 1: 'join' });
    await expect(scope.joinInclusive(join, 'join#1', 'a-join')).resolves.toBe(true);
    // when a token now on b could reach the join and join#1 is asked again, then it answers at once
    scope.positions.set(2, 'b');
    const again = outcome(scope.joinInclusive(join, 'join#1', 'a-join'));
    await activationEnds();
    expect(again()).toBe(true);
    expect(mockBlockedConditions.size).toBe(0);
  });
});
