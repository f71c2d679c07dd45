/** What Zeebe deploys and the compiler used to refuse: unassigned user tasks, dotted targets, FEEL job types. */
import { model, path } from '../support/bpmn';
import { compileOne, rejection } from '../support/compile';

const job = (definition: string, extensions = '') =>
  model(
    path(
      'job',
      'job',
      `<bpmn:serviceTask id="job"><bpmn:extensionElements>${definition}${extensions}</bpmn:extensionElements></bpmn:serviceTask>`,
    ),
  );

const outputs = (...targets: string[]) =>
  `<zeebe:ioMapping>${targets.map((target) => `<zeebe:output source="=1" target="${target}" />`).join('')}</zeebe:ioMapping>`;

describe('accepted as Zeebe accepts it', () => {
  it('compiles a user task with no assignee and no candidates', async () => {
    const graph = await compileOne(model(path('review', 'review', '<bpmn:userTask id="review" name="Review" />')));

    expect(graph.elements['review']).toMatchObject({
      type: 'userTask',
      assignee: undefined,
      candidateGroups: undefined,
      candidateUsers: undefined,
    });
  });

  it('compiles a dotted output target as it is written', async () => {
    const graph = await compileOne(
      job('<zeebe:taskDefinition type="login" />', outputs('authentication.token', 'a.b.c')),
    );

    expect(graph.elements['job']).toMatchObject({
      outputs: [
        { source: '1', target: 'authentication.token' },
        { source: '1', target: 'a.b.c' },
      ],
    });
  });

  it('compiles a FEEL job type and FEEL retries into expressions for activation', async () => {
    const graph = await compileOne(job('<zeebe:taskDefinition type="=&#34;prefix-&#34; + kind" retries="=tries" />'));

    expect(graph.elements['job']).toMatchObject({
      jobType: '="prefix-" + kind',
      jobTypeExpression: '"prefix-" + kind',
      retriesExpression: 'tries',
    });
  });

  it('keeps a fixed job type and retries fixed', async () => {
    const graph = await compileOne(job('<zeebe:taskDefinition type="send-email" retries="5" />'));

    expect(graph.elements['job']).toEqual(expect.objectContaining({ jobType: 'send-email', retries: 5 }));
    expect(graph.elements['job']).not.toHaveProperty('jobTypeExpression');
    expect(graph.elements['job']).not.toHaveProperty('retriesExpression');
  });
});

describe('still refused, with the reason', () => {
  it('rejects a job type or retries that are not valid FEEL', async () => {
    const error = await rejection(job('<zeebe:taskDefinition type="=kind +" retries="=(" />'));

    expect(error.details.issues).toEqual([
      { elementId: 'job', message: expect.stringContaining('the job type is not a valid FEEL expression') },
      { elementId: 'job', message: expect.stringContaining('the retries is not a valid FEEL expression') },
    ]);
  });

  it('rejects a target with an empty step or a step that would reach an object prototype', async () => {
    const error = await rejection(
      job('<zeebe:taskDefinition type="t" />', outputs('a..b', 'session.__proto__', 'token.')),
    );

    expect(error.details.issues).toEqual([
      { elementId: 'job', message: "the mapping target 'a..b' has a step '' that cannot name a variable" },
      {
        elementId: 'job',
        message: "the mapping target 'session.__proto__' has a step '__proto__' that cannot name a variable",
      },
      { elementId: 'job', message: "the mapping target 'token.' has a step '' that cannot name a variable" },
    ]);
  });
});
