/**
 * Activities that run other things: call activities (child instances, variables in and out, version binding,
 * errors, a missing process), multi-instance (parallel with a completion condition, sequential, sub-process,
 * a collection that is not a list) and standard loops.
 */
import { variablesQuery } from '../../shared/workflow-contract';
import { publish, subscribed } from '../support/correlation';
import { completedPath, countIn, elementHistory } from '../support/element-history';
import { recordHistory } from '../support/histories';
import {
  childInstances,
  completeTask,
  deployModel,
  instanceInState,
  openIncident,
  openTask,
  resolveIncident,
  start,
  workflowStatus,
} from '../support/instances';
import { startTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/wait';

jest.setTimeout(120_000);

describe('call activities', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    for (const name of [
      'call-activity-child-review',
      'call-activity-all-variables',
      'call-activity-child-calc',
      'call-activity-mappings',
      'versioned-child-v1',
      'versioned-child-v2',
      'call-activity-version-tag',
      'call-activity-child-rejects',
      'call-activity-error-boundary',
      'call-activity-not-deployed',
      'mi-review-child',
      'call-activity-interrupted',
      'call-activity-escalation-child',
      'call-activity-escalation-non-interrupting',
      'call-activity-escalation-interrupting',
    ]) {
      await deployModel(stack, name);
    }
  });
  afterAll(() => stack.stop());

  it('runs the called process as a separate child instance that gets and hands back every variable', async () => {
    // given an amount to review
    const { instanceId, result } = await start(stack, 'call-activity-all-variables', { amount: 21, applicant: 'Kim' });

    // then the child is an instance of its own, indexed under the caller and running as its child workflow
    const child = await eventually(async () => (await childInstances(stack, instanceId))[0], {
      what: 'the child instance',
    });
    expect(child).toMatchObject({
      bpmnProcessId: 'call-activity-child-review',
      state: 'ACTIVE',
      parentInstanceId: instanceId,
    });
    const described = await eventually(() => stack.temporal.workflow.getHandle(child.id).describe(), {
      what: 'the child workflow',
    });
    expect(described.parentExecution?.workflowId).toBe(instanceId);
    // with every variable of the caller
    expect(await stack.temporal.workflow.getHandle(child.id).query(variablesQuery)).toEqual({
      amount: 21,
      applicant: 'Kim',
    });

    // when its task is completed
    await completeTask(stack, child.id, 'approve', { approvedBy: 'clerk1' });

    // then every child variable comes back and the caller goes on
    const { endElementId, variables } = await result();
    expect(endElementId).toBe('done');
    expect(variables).toEqual({ amount: 21, applicant: 'Kim', approvedBy: 'clerk1', doubled: 42 });
    expect(await completedPath(stack, instanceId)).toEqual(['start', 'run-review', 'done']);
    expect(await completedPath(stack, child.id)).toEqual(['child-start', 'approve', 'double', 'child-end']);
    expect((await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: child.id } })).state).toBe('COMPLETED');
    await recordHistory(stack.temporal, instanceId, 'conformance-call-activity-all-variables');
  });

  it('passes only the input mappings in and the output mappings out; propagateAllChildVariables=false brings nothing back', async () => {
    const { instanceId, result } = await start(stack, 'call-activity-mappings', {
      amount: 5,
      secret: 'not for the child',
    });
    const { variables } = await result();
    // then the caller got childResult only (not the child's value or result)
    expect(variables).toEqual({ amount: 5, secret: 'not for the child', childResult: 15 });
    const [mapped, silent] = await childInstances(stack, instanceId);
    // the first child saw only its input mapping; the second saw everything plus its input, and returned nothing
    expect(mapped?.variables).toEqual({ value: 5, result: 15 });
    expect(silent?.variables).toEqual({
      amount: 5,
      secret: 'not for the child',
      childResult: 15,
      value: 7,
      result: 21,
    });
  });

  it('binding by version tag calls the tagged version, not the newer untagged one', async () => {
    const { instanceId, result } = await start(stack, 'call-activity-version-tag', {});
    expect((await result()).variables).toEqual({ taggedVersion: 'v1', latestVersion: 'v2' });
    expect((await childInstances(stack, instanceId)).map((row) => row.version)).toEqual([1, 2]);
  });

  it('a BPMN error thrown and not caught in the child is caught by the error boundary on the call activity', async () => {
    // given an incomplete application
    const { instanceId, result } = await start(stack, 'call-activity-error-boundary', { complete: false });
    const { endElementId, variables } = await result();
    // then the caller leaves by the boundary, the call activity is terminated, the child instance ended without completing
    expect(endElementId).toBe('returned');
    expect(variables).toMatchObject({ complete: false, errorMessage: 'Application rejected' });
    expect(await completedPath(stack, instanceId)).toEqual(['start', 'on-rejected', 'returned']);
    expect((await elementHistory(stack, instanceId)).find((row) => row.elementId === 'check')?.state).toBe(
      'TERMINATED',
    );
    const [child] = await childInstances(stack, instanceId);
    expect(child?.state).toBe('CANCELED');
    expect(await completedPath(stack, child?.id ?? '')).toEqual(
      expect.arrayContaining(['child-start', 'complete-gateway']),
    );

    // and a complete application takes the normal flow
    const ok = await start(stack, 'call-activity-error-boundary', { complete: true });
    expect((await ok.result()).endElementId).toBe('accepted');
  });

  it("the child's error end event counts as completed, as it does when the error is caught inside", async () => {
    const { instanceId, result } = await start(stack, 'call-activity-error-boundary', { complete: false });
    await result();
    const [child] = await childInstances(stack, instanceId);
    expect(await completedPath(stack, child?.id ?? '')).toEqual(['child-start', 'complete-gateway', 'reject-end']);
  });

  it('an interrupting message boundary on a call activity cancels the child and leaves by the boundary', async () => {
    const { instanceId, result } = await start(stack, 'call-activity-interrupted', { caseId: 'W-1' });
    const child = await eventually(async () => (await childInstances(stack, instanceId))[0], {
      what: 'the child instance',
    });
    await openTask(stack, child.id, 'review');
    await subscribed(stack, instanceId, 'application-withdrawn');
    await publish(stack, 'application-withdrawn', 'W-1');
    await instanceInState(stack, instanceId, 'COMPLETED');
    expect(await stack.prisma.incident.count({ where: { processInstanceId: instanceId } })).toBe(0);
    expect((await result()).endElementId).toBe('withdrawn');
    expect((await instanceInState(stack, child.id, 'CANCELED')).state).toBe('CANCELED');
  });

  it('a call activity whose process is not deployed raises an incident; deploying it and resolving goes on', async () => {
    const { instanceId, result } = await start(stack, 'call-activity-not-deployed', {});
    const incident = await openIncident(stack, instanceId);
    expect(incident).toMatchObject({
      elementId: 'call-late',
      message: "The called process 'call-activity-late-child' is not deployed in any version.",
    });
    expect(await workflowStatus(stack, instanceId)).toBe('RUNNING');
    expect(await childInstances(stack, instanceId)).toEqual([]);

    await deployModel(stack, 'call-activity-late-child');
    await resolveIncident(stack, instanceId, incident.id);
    expect((await result()).variables).toEqual({ note: 'late child ran' });
    expect((await stack.prisma.incident.findUniqueOrThrow({ where: { id: incident.id } })).state).toBe('RESOLVED');
  });
  it('an escalation the child does not catch reaches a non-interrupting boundary on the call activity, and the child goes on', async () => {
    const { instanceId, handle, result } = await start(stack, 'call-activity-escalation-non-interrupting', {});
    const child = await eventually(async () => (await childInstances(stack, instanceId))[0], {
      what: 'the child instance',
    });
    await openTask(stack, child.id, 'finish');
    // the caller's escalation path runs while the child still waits for its person
    await eventually(async () => ((await handle.query(variablesQuery)).managerNotified === true ? true : undefined), {
      what: 'the escalation path in the caller',
    });
    await completeTask(stack, child.id, 'finish');
    const { endElementId, variables } = await result();
    expect(endElementId).toBe('done');
    expect(variables).toMatchObject({ managerNotified: true });
    expect(await completedPath(stack, instanceId)).toEqual(
      expect.arrayContaining(['on-late', 'notify', 'notified', 'work', 'done']),
    );
    expect((await instanceInState(stack, child.id, 'COMPLETED')).state).toBe('COMPLETED');
    await recordHistory(stack.temporal, instanceId, 'conformance-call-activity-child-escalation');
  });

  it('an escalation the child does not catch reaches an interrupting boundary on the call activity, which cancels the child', async () => {
    const { instanceId, result } = await start(stack, 'call-activity-escalation-interrupting', {});
    const { endElementId } = await result();
    expect(endElementId).toBe('escalated');
    const [child] = await childInstances(stack, instanceId);
    expect((await instanceInState(stack, child?.id ?? '', 'CANCELED')).state).toBe('CANCELED');
    expect((await stack.prisma.userTask.findFirstOrThrow({ where: { processInstanceId: child?.id } })).state).toBe(
      'CANCELED',
    );
    expect((await elementHistory(stack, instanceId)).find((row) => row.elementId === 'work')?.state).toBe('TERMINATED');
  });
});

describe('multi-instance', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    for (const name of [
      'mi-review-child',
      'mi-call-activity-completion-condition',
      'mi-sequential-user-task',
      'mi-sub-process',
      'mi-not-a-list',
      'mi-parallel-script-output',
    ]) {
      await deployModel(stack, name);
    }
  });
  afterAll(() => stack.stop());

  it('a parallel call activity over five items ends after three children complete, cancelling the other two', async () => {
    // given five permits to review, each in a child instance of its own
    const items = ['permit-a', 'permit-b', 'permit-c', 'permit-d', 'permit-e'];
    const { instanceId, result } = await start(stack, 'mi-call-activity-completion-condition', { items });
    const children = await eventually(
      async () => {
        const rows = await childInstances(stack, instanceId);
        return rows.length === 5 ? rows : undefined;
      },
      { what: 'five child instances' },
    );
    const childOf = new Map<string, string>();
    for (const child of children) {
      await openTask(stack, child.id, 'review');
      const { item } = await stack.temporal.workflow.getHandle(child.id).query(variablesQuery);
      childOf.set(item as string, child.id);
    }
    expect([...childOf.keys()].sort()).toEqual(items);

    // when three reviews are completed, one after another
    for (const item of ['permit-d', 'permit-a', 'permit-b']) {
      const verdict = `${item} approved`;
      await completeTask(stack, childOf.get(item) as string, 'review', { verdict });
      await instanceInState(stack, childOf.get(item) as string, 'COMPLETED');
    }

    // then the completion condition holds: the other two children are cancelled and the instance goes on
    await instanceInState(stack, instanceId, 'COMPLETED');
    const { endElementId, variables } = await result();
    expect(endElementId).toBe('decided');
    expect(variables).toMatchObject({
      verdicts: ['permit-a approved', 'permit-b approved', null, 'permit-d approved', null],
      verdictCount: 3,
    });
    for (const item of ['permit-c', 'permit-e']) {
      const childId = childOf.get(item) as string;
      expect((await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: childId } })).state).toBe('CANCELED');
      expect((await stack.prisma.userTask.findFirstOrThrow({ where: { processInstanceId: childId } })).state).toBe(
        'CANCELED',
      );
    }
    const states = (await childInstances(stack, instanceId)).map((row) => row.state).sort();
    expect(states).toEqual(['CANCELED', 'CANCELED', 'COMPLETED', 'COMPLETED', 'COMPLETED']);
    // the body: the activity completed once, three of its instances completed and two were terminated
    expect(await countIn(stack, instanceId, 'COMPLETED')).toMatchObject({ reviews: 4, count: 1, decided: 1 });
    expect(await countIn(stack, instanceId, 'TERMINATED')).toEqual({ reviews: 2 });
    await recordHistory(stack.temporal, instanceId, 'conformance-mi-call-activity-completion-condition');
  });

  it('a sequential user task asks each signer in turn, with the item and loopCounter in each instance', async () => {
    const { instanceId, result } = await start(stack, 'mi-sequential-user-task', { signers: ['kim', 'lee', 'park'] });
    for (const [index, signer] of ['kim', 'lee', 'park'].entries()) {
      // only one task is open at a time, assigned to the signer whose turn it is
      const task = await openTask(stack, instanceId, 'sign');
      expect(task.assignee).toBe(signer);
      expect(await stack.prisma.userTask.count({ where: { processInstanceId: instanceId, state: 'CREATED' } })).toBe(1);
      await completeTask(stack, instanceId, 'sign', { stamp: `seal-${index + 1}` });
      await eventually(() =>
        stack.prisma.userTask
          .count({ where: { processInstanceId: instanceId, state: 'COMPLETED' } })
          .then((n) => (n === index + 1 ? n : undefined)),
      );
    }
    const { variables } = await result();
    expect(variables.signatures).toEqual([
      { signer: 'kim', position: 1, stamp: 'seal-1' },
      { signer: 'lee', position: 2, stamp: 'seal-2' },
      { signer: 'park', position: 3, stamp: 'seal-3' },
    ]);
    // the item and the counter stayed local to each instance
    expect(variables).not.toHaveProperty('signer');
    expect(variables).not.toHaveProperty('loopCounter');
    expect(await countIn(stack, instanceId, 'COMPLETED')).toEqual({ start: 1, sign: 4, signed: 1 });
    await recordHistory(stack.temporal, instanceId, 'conformance-mi-sequential-user-task');
  });

  it('a parallel multi-instance sub-process runs one sub-process instance per item and collects their outputs', async () => {
    const { instanceId, result } = await start(stack, 'mi-sub-process', {
      parcels: [{ kg: 1.5 }, { kg: 2 }, { kg: 0.25 }],
    });
    const { endElementId, variables } = await result();
    expect(endElementId).toBe('weighed');
    expect(variables.weights).toEqual([1500, 2000, 250]);
    const history = await elementHistory(stack, instanceId);
    // each script ran inside its own sub-process instance
    const scopes = new Set(history.filter((row) => row.elementId === 'to-grams').map((row) => row.scopeInstanceId));
    expect(scopes.size).toBe(3);
    expect(await countIn(stack, instanceId, 'COMPLETED')).toMatchObject({
      weigh: 4,
      'weigh-start': 3,
      'to-grams': 3,
      'weigh-end': 3,
      weighed: 1,
    });
  });

  it("a parallel multi-instance script task collects each instance's own result", async () => {
    const { result } = await start(stack, 'mi-parallel-script-output', { offices: ['Jongno', 'Mapo', 'Gangnam'] });
    expect((await result()).variables.notices).toEqual(['notified Jongno', 'notified Mapo', 'notified Gangnam']);
  });

  it('an inputCollection that is not a list raises an incident; a list given on resolving runs the activity', async () => {
    const { instanceId, result } = await start(stack, 'mi-not-a-list', { offices: 'Jongno' });
    const incident = await openIncident(stack, instanceId);
    expect(incident).toMatchObject({
      elementId: 'notify',
      message: 'the inputCollection evaluated to "Jongno", not a list',
    });
    expect((await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).state).toBe(
      'INCIDENT',
    );

    await resolveIncident(stack, instanceId, incident.id, { offices: ['Jongno', 'Mapo'] });
    const { variables } = await result();
    expect(variables.notices).toEqual(['notified Jongno', 'notified Mapo']);
  });
});

describe('standard loops', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    for (const name of ['loop-test-after', 'loop-test-before', 'loop-maximum']) await deployModel(stack, name);
  });
  afterAll(() => stack.stop());

  /** Runs a loop model from the given attempts; returns the final attempts and how many times the body ran. */
  async function runLoop(processId: string, attempts: number) {
    const { instanceId, result } = await start(stack, processId, { attempts });
    const { variables } = await result();
    const history = await elementHistory(stack, instanceId);
    const outer = history.find((row) => row.elementId === 'attempt' && row.scopeInstanceId === null);
    const runs = history.filter(
      (row) =>
        row.elementId === 'attempt' && row.scopeInstanceId === outer?.elementInstanceId && row.state === 'COMPLETED',
    ).length;
    return { instanceId, attempts: variables.attempts, runs, outer };
  }

  it('tests the condition after each run by default: repeats while it holds, and runs once even when it does not', async () => {
    const repeated = await runLoop('loop-test-after', 0);
    expect(repeated).toMatchObject({ attempts: 3, runs: 3, outer: { state: 'COMPLETED' } });
    expect(await completedPath(stack, repeated.instanceId)).toEqual([
      'start',
      'attempt',
      'attempt',
      'attempt',
      'attempt',
      'done',
    ]);
    await recordHistory(stack.temporal, repeated.instanceId, 'conformance-loop-test-after');
    expect(await runLoop('loop-test-after', 5)).toMatchObject({ attempts: 6, runs: 1 });
  });

  it('with testBefore the condition is tested first: no run at all when it does not hold', async () => {
    expect(await runLoop('loop-test-before', 0)).toMatchObject({ attempts: 3, runs: 3 });
    expect(await runLoop('loop-test-before', 5)).toMatchObject({ attempts: 5, runs: 0, outer: { state: 'COMPLETED' } });
  });

  it('stops at loopMaximum although the condition still holds', async () => {
    expect(await runLoop('loop-maximum', 0)).toMatchObject({ attempts: 2, runs: 2 });
  });
});
