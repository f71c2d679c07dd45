import { ApplicationFailure } from '@temporalio/workflow';
import type { Variables } from '../../shared/feel';
import type { ElementOfType, ExecutionListener, GraphElement } from '../../shared/graph';
import { FailureType } from '../../shared/workflow-contract';
import type { JobRequest } from '../../workflows/jobs';
import { runJob } from '../../workflows/jobs';
import { ElementListeners, runTaskListeners } from '../../workflows/listeners';
import { fakeElementContext } from '../support/fake-element-context';

jest.mock('../../workflows/jobs', () => ({ runJob: jest.fn() }));

const jobs = jest.mocked(runJob);
/** Each job's type, key suffix and variables, in the order they ran. */
const ran = () => jobs.mock.calls.map(([, request]: [unknown, JobRequest]) => request);

const listener = (eventType: ExecutionListener['eventType'], jobType: string): ExecutionListener => ({
  eventType,
  jobType: { kind: 'static', value: jobType },
  retries: { kind: 'static', value: '3' },
});

const scriptTask = (executionListeners: ExecutionListener[]): ElementOfType<'scriptTask'> => ({
  id: 'calc',
  type: 'scriptTask',
  incoming: ['in'],
  outgoing: ['out'],
  expression: '1',
  resultVariable: 'x',
  inputs: [{ source: 'amount * 2', target: 'doubled' }],
  outputs: [],
  executionListeners,
});

/** A fake context whose incidents resolve at once, recording what they were about. */
function context(variables: Variables) {
  const fake = fakeElementContext({ variables });
  const incidents: string[] = [];
  fake.ctx.incidents.wait = (error) => {
    incidents.push(error.message);
    return Promise.resolve();
  };
  return { ...fake, incidents };
}

const incidentFailure = (message: string) =>
  ApplicationFailure.create({ type: FailureType.Incident, message, nonRetryable: true, details: [{ elementId: 'x' }] });

beforeEach(() => jobs.mockReset());

describe('ElementListeners (Zeebe "Execution listeners")', () => {
  it('has nothing to run for an element without execution listeners', () => {
    expect(ElementListeners.of(scriptTask([]), false)).toBeUndefined();
  });

  it('runs start listeners in order after the input mappings; what they set stays local to the element', async () => {
    jobs.mockResolvedValueOnce({ token: 'T' }).mockResolvedValueOnce({ checked: true });
    const { ctx, recorded } = context({ amount: 5 });
    const listeners = ElementListeners.of(scriptTask([listener('start', 'a'), listener('start', 'b')]), false);

    await listeners?.beforeElement(ctx);

    expect(ran().map(({ jobType, keySuffix }) => `${jobType}${keySuffix}`)).toEqual(['a:start:0', 'b:start:1']);
    expect(ran()[0]?.variables).toEqual({ amount: 5, doubled: 10 });
    expect(ran()[1]?.variables).toEqual({ amount: 5, doubled: 10, token: 'T' });
    expect(listeners?.locals).toEqual({ token: 'T', checked: true });
    expect(recorded.sets).toEqual([]);
  });

  it('runs end listeners after the element, seeing its locals, and sets what they return in the scope', async () => {
    jobs.mockResolvedValueOnce({ token: 'T' }).mockResolvedValueOnce({ audited: true });
    const { ctx, recorded } = context({ amount: 5 });
    const listeners = ElementListeners.of(scriptTask([listener('start', 'a'), listener('end', 'z')]), false);

    await listeners?.beforeElement(ctx);
    await listeners?.afterElement(ctx);

    expect(ran()[1]).toMatchObject({ jobType: 'z', keySuffix: ':end:0', variables: { doubled: 10, token: 'T' } });
    expect(recorded.sets).toEqual([{ audited: true }]);
  });

  it('runs again only the listener that failed, once its incident is resolved (Incident recovery)', async () => {
    jobs
      .mockResolvedValueOnce({})
      .mockRejectedValueOnce(incidentFailure("job 'b' failed: down"))
      .mockResolvedValueOnce({});
    const { ctx, incidents } = context({ amount: 1 });

    await ElementListeners.of(scriptTask([listener('start', 'a'), listener('start', 'b')]), false)?.beforeElement(ctx);

    expect(incidents).toEqual(["the start listener 'b': job 'b' failed: down"]);
    expect(ran().map(({ jobType }) => jobType)).toEqual(['a', 'b', 'b']);
  });

  it('at a joining gateway runs the start listeners once joined, not before', async () => {
    jobs.mockResolvedValue({});
    const join: GraphElement = {
      id: 'join',
      type: 'parallelGateway',
      incoming: ['a', 'b'],
      outgoing: ['out'],
      executionListeners: [listener('start', 'joined')],
    };
    const { ctx } = context({});
    const listeners = ElementListeners.of(join, false);

    await listeners?.beforeElement(ctx);
    expect(jobs).not.toHaveBeenCalled();
    await listeners?.afterElement(ctx);
    expect(ran().map(({ jobType }) => jobType)).toEqual(['joined']);
  });

  it('does not run start listeners again for a wait resumed after continue-as-new, but runs its end listeners', async () => {
    jobs.mockResolvedValue({});
    const { ctx } = context({ amount: 1 });
    const listeners = ElementListeners.of(scriptTask([listener('start', 'a'), listener('end', 'z')]), true);

    await listeners?.beforeElement(ctx);
    await listeners?.afterElement(ctx);

    expect(ran().map(({ jobType }) => jobType)).toEqual(['z']);
    expect(listeners?.locals).toBeUndefined();
  });
});

describe('runTaskListeners (Zeebe "User task listeners")', () => {
  const review: ElementOfType<'userTask'> = {
    id: 'review',
    type: 'userTask',
    incoming: ['in'],
    outgoing: ['out'],
    inputs: [],
    outputs: [],
    taskListeners: [
      {
        eventType: 'creating',
        jobType: { kind: 'feel', source: '"check-" + kind' },
        retries: { kind: 'static', value: '1' },
      },
    ],
  };

  it('runs the listener of the event with its FEEL type evaluated now, and refuses variables from it', async () => {
    jobs.mockResolvedValueOnce({ reviewer: 'kim' }).mockResolvedValueOnce({});
    const { ctx, incidents } = context({ kind: 'new' });

    await runTaskListeners(review, ctx, 'creating', { kind: 'new' });

    expect(ran().map(({ jobType, keySuffix }) => `${jobType}${keySuffix}`)).toEqual([
      'check-new:creating:0',
      'check-new:creating:0',
    ]);
    expect(incidents).toEqual([
      `the creating task listener '="check-" + kind': job 'check-new' completed with variables, which a task listener may not set`,
    ]);
  });

  it('runs nothing for an event without listeners', async () => {
    const { ctx } = context({});
    await runTaskListeners(review, ctx, 'completing', {});
    expect(jobs).not.toHaveBeenCalled();
  });
});
