/**
 * Execution listeners and user task listeners as Zeebe 8.8 documents them (docs/listeners.md). Each test names the
 * rule it shows: the page title ("Execution listeners", "User task listeners") and its section.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Variables } from '../../shared/feel';
import { recordHistory } from '../support/histories';
import {
  completeTask,
  deployModel,
  instanceInState,
  openIncident,
  openTask,
  resolveIncident,
  start,
} from '../support/instances';
import { startJobWorkers } from '../support/job-workers';
import { startTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/wait';

jest.setTimeout(120_000);

/** A gate a job handler waits at, so a test can look at the instance while the listener runs. */
function gate() {
  let open = () => undefined as void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open: () => open() };
}

describe('listeners', () => {
  let stack: TestStack;
  let workers: Awaited<ReturnType<typeof startJobWorkers>>;
  /** The variables each job got, by `<job type>:<element id>`. */
  const seen: Record<string, Variables> = {};
  let flakyServiceUp = false;
  const creating = gate();
  const completing = gate();
  const ran = (prefix: string) => workers.log.filter((entry) => entry.startsWith(prefix));

  beforeAll(async () => {
    stack = await startTestStack();
    for (const name of [
      'listeners-order',
      'listeners-incident',
      'listeners-user-task',
      'listeners-bpmn-error',
      'listeners-task-variables',
      'listeners-process',
    ])
      await deployModel(stack, name);
    const recording =
      (jobType: string, produce: (variables: Variables) => Variables) =>
      ({ elementId, variables }: { elementId: string; variables: Variables }) => {
        seen[`${jobType}:${elementId}`] = variables;
        return produce(variables);
      };
    workers = await startJobWorkers(stack, {
      'conformance-listeners-prepare': recording('prepare', () => ({ token: 'T-1' })),
      'conformance-listeners-check': recording('check', (variables) => ({ checked: variables.token === 'T-1' })),
      'conformance-listeners-work': recording('work', () => ({ result: 'done' })),
      'conformance-listeners-audit': recording('audit', () => ({ audited: true })),
      'conformance-listeners-route': recording('route', () => ({ lane: 'fast' })),
      'conformance-listeners-stamp': () => ({ stamped: true }),
      'conformance-listeners-open': () => ({ caseNo: 'C-1' }),
      'conformance-listeners-close': recording('close', () => ({ closed: true })),
      'conformance-listeners-flaky': () => {
        if (!flakyServiceUp) throw new Error('stamp registry unavailable');
        return {};
      },
      'conformance-listeners-creating': async () => {
        await creating.opened;
        return {};
      },
      'conformance-listeners-pick': () => ({ reviewer: 'clerk1' }),
      'conformance-listeners-assigning': () => ({}),
      'conformance-listeners-thrower': () => {
        throw ApplicationFailure.create({
          type: 'BpmnError',
          nonRetryable: true,
          message: 'not checked',
          details: [{ errorCode: 'NOT_CHECKED' }],
        });
      },
      'conformance-listeners-meddler': () => ({ reviewer: 'clerk3' }),
      'conformance-listeners-completing': async () => {
        await completing.opened;
        return {};
      },
    });
  });
  afterAll(async () => {
    creating.open();
    completing.open();
    await workers.stop();
    await stack.stop();
  });

  describe('around a service task and a gateway', () => {
    let outcome: Awaited<ReturnType<Awaited<ReturnType<typeof start>>['result']>>;
    beforeAll(async () => {
      const { instanceId, result } = await start(stack, 'listeners-order', { amount: 10, step: 'route' });
      outcome = await result();
      await recordHistory(stack.temporal, instanceId, 'conformance-listeners-order');
    });

    it('run start listeners, then the element, then end listeners, each in the declared order (Execution listeners: "Define an execution listener")', () => {
      const aroundWork = ran('conformance-listeners-').filter((entry) => /:(work|route)$/.test(entry));
      expect(aroundWork).toEqual([
        'conformance-listeners-prepare:work',
        'conformance-listeners-check:work',
        'conformance-listeners-work:work',
        'conformance-listeners-audit:work',
        'conformance-listeners-route:route',
      ]);
    });

    it('let a start listener read the input-mapped variables, and the listeners after it and the element read what it set (Execution listeners: "Start listeners")', () => {
      // The first listener runs after the input mappings: it sees `doubled`
      expect(seen['prepare:work']).toMatchObject({ amount: 10, doubled: 20 });
      // The next listener and the element's own job see the first listener's variable
      expect(seen['check:work']).toMatchObject({ doubled: 20, token: 'T-1' });
      expect(seen['work:work']).toMatchObject({ doubled: 20, token: 'T-1', checked: true });
      // A gateway's start listener (its type FEEL, evaluated when it runs) sets the variable its conditions read
      // ("Start listeners", Gateways)
      expect(outcome.endElementId).toBe('fast-end');
    });

    it('keep start listener variables local to the element: gone once it completes (Execution listeners: "Start listeners")', () => {
      expect(outcome.variables).not.toHaveProperty('token');
      expect(outcome.variables).not.toHaveProperty('checked');
      expect(outcome.variables).not.toHaveProperty('lane');
    });

    it('let an end listener read the output-mapped and local variables, and send its own to the element\'s scope like output mappings (Execution listeners: "End listeners")', () => {
      expect(seen['audit:work']).toMatchObject({ outcome: 'done', token: 'T-1', doubled: 20 });
      expect(seen['audit:work']).not.toHaveProperty('audited');
      expect(outcome.variables).toMatchObject({ amount: 10, outcome: 'done', audited: true });
    });
  });

  it('stop in an incident naming the listener when its job fails; resolving it runs only that listener again (Execution listeners: "Incident recovery")', async () => {
    flakyServiceUp = false;
    const { instanceId, result } = await start(stack, 'listeners-incident');

    const incident = await openIncident(stack, instanceId);
    expect(incident).toMatchObject({ elementId: 'register', state: 'OPEN' });
    expect(incident.message).toContain("the start listener 'conformance-listeners-flaky'");
    expect(incident.message).toContain('stamp registry unavailable');
    await instanceInState(stack, instanceId, 'INCIDENT');

    flakyServiceUp = true;
    await resolveIncident(stack, instanceId, incident.id);

    const { endElementId, variables } = await result();
    expect(endElementId).toBe('done');
    expect(variables).not.toHaveProperty('stamped');
    // The listener that had completed is not run again; the failed one ran once before the incident and once after
    expect(ran('conformance-listeners-stamp:')).toHaveLength(1);
    expect(ran('conformance-listeners-flaky:')).toHaveLength(2);
  });

  it('run creating and assigning listeners before the task reaches the queues, and completing ones before the task completes (User task listeners: "Trigger a user task listener")', async () => {
    const { instanceId, result } = await start(stack, 'listeners-user-task');

    // While the creating listener runs, there is no task to see
    await eventually(() => Promise.resolve(ran('conformance-listeners-creating:').length > 0 ? true : undefined));
    expect(await stack.prisma.userTask.count({ where: { processInstanceId: instanceId } })).toBe(0);
    creating.open();

    // The assignee expression read what the start listener set (Execution listeners: "Start listeners")
    const task = await openTask(stack, instanceId, 'review');
    expect(task.assignee).toBe('clerk1');
    expect(ran('conformance-listeners-')).toContain('conformance-listeners-assigning:review');

    // A person completes it: the completing listener runs while the task is still open
    const completion = completeTask(stack, instanceId, 'review', { approved: true });
    await eventually(() => Promise.resolve(ran('conformance-listeners-completing:').length > 0 ? true : undefined));
    expect(await stack.prisma.userTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
      state: 'CREATED',
    });
    completing.open();
    await completion;

    const { variables } = await result();
    expect(variables).toMatchObject({ approved: true });
    expect(variables).not.toHaveProperty('reviewer');
    expect(ran('conformance-listeners-').filter((entry) => entry.endsWith(':review'))).toEqual([
      'conformance-listeners-pick:review',
      'conformance-listeners-creating:review',
      'conformance-listeners-assigning:review',
      'conformance-listeners-completing:review',
    ]);
  });

  it('do not let a listener job throw a BPMN error: the element stops in an incident and no boundary catches it (Execution listeners: "Limitations")', async () => {
    const { instanceId } = await start(stack, 'listeners-bpmn-error');

    const incident = await openIncident(stack, instanceId);
    expect(incident).toMatchObject({ elementId: 'check', state: 'OPEN' });
    expect(incident.message).toContain("threw the BPMN error 'NOT_CHECKED'");
    await instanceInState(stack, instanceId, 'INCIDENT');
  });

  it('refuse variables from a task listener job: an incident, and the task is not created (User task listeners: "Limitations")', async () => {
    const { instanceId } = await start(stack, 'listeners-task-variables');

    const incident = await openIncident(stack, instanceId);
    expect(incident).toMatchObject({ elementId: 'review', state: 'OPEN' });
    expect(incident.message).toContain("the creating task listener 'conformance-listeners-meddler'");
    expect(incident.message).toContain('completed with variables');
    expect(await stack.prisma.userTask.count({ where: { processInstanceId: instanceId } })).toBe(0);
  });

  it('run the process\'s own start listeners before its start event and its end listeners once it has ended (Execution listeners: "Define an execution listener")', async () => {
    const { result } = await start(stack, 'listeners-process');

    const { variables } = await result();
    expect(ran('conformance-listeners-').filter((entry) => entry.endsWith(':listeners-process'))).toEqual([
      'conformance-listeners-open:listeners-process',
      'conformance-listeners-close:listeners-process',
    ]);
    // What the start listener set belongs to the process: its first element read it, and it stays
    expect(variables).toMatchObject({ caseNo: 'C-1', caseLabel: 'case C-1', closed: true });
    // The end listener saw everything the process ended with
    expect(seen['close:listeners-process']).toMatchObject({ caseNo: 'C-1', caseLabel: 'case C-1' });
  });
});
