/**
 * Approval asked for by another process (job type approval.submit): the asking process drafts a document onto the
 * document-approval process and waits for message approval-decided, which says approved (with the production
 * registration number), rejected (the drafter closed it after 반려) or withdrawn (회수).
 */
import request from 'supertest';
import { deployReferenceProcesses } from '../../scripts/seed';
import { bpmn } from '../support/bpmn';
import { deploy, instanceInState, openIncident, start } from '../support/instances';
import { startTestStack, type TestStack } from '../support/stack';
import { eventually, eventuallyFound } from '../support/wait';

jest.setTimeout(120_000);

const asker = bpmn(
  `<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="ask" />
   <bpmn:serviceTask id="ask" name="결재 요청">
     <bpmn:extensionElements>
       <zeebe:taskDefinition type="approval.submit" />
       <zeebe:ioMapping>
         <zeebe:input source="=drafter" target="drafter" />
         <zeebe:input source="=approver" target="approver" />
         <zeebe:input source="=&#34;민원 답변: &#34; + caseId" target="title" />
         <zeebe:input source="=&#34;요청하신 내용에 대하여 답변드립니다.&#34;" target="body" />
         <zeebe:input source="=classification" target="classification" />
         <zeebe:input source="=caseId" target="replyKey" />
       </zeebe:ioMapping>
     </bpmn:extensionElements>
   </bpmn:serviceTask>
   <bpmn:sequenceFlow id="f2" sourceRef="ask" targetRef="decided" />
   <bpmn:intermediateCatchEvent id="decided"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
   <bpmn:sequenceFlow id="f3" sourceRef="decided" targetRef="e" /><bpmn:endEvent id="e" />`,
  'asks-for-approval',
).replace(
  '</bpmn:definitions>',
  `<bpmn:message id="m" name="approval-decided"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId" /></bpmn:extensionElements></bpmn:message></bpmn:definitions>`,
);

describe('approval asked for by another process', () => {
  let stack: TestStack;
  const api = () => request(stack.app);
  let tokens: Record<string, string>;

  beforeAll(async () => {
    stack = await startTestStack();
    await deployReferenceProcesses(stack.deps);
    await deploy(stack, asker);
    tokens = Object.fromEntries(
      await Promise.all(['clerk1', 'director1', 'lead1'].map(async (name) => [name, await stack.login(name)])),
    );
  });
  afterAll(() => stack.stop());

  const as = (username: string) => ({ Authorization: `Bearer ${tokens[username]}` });

  async function documentOf(caseId: string) {
    return eventuallyFound(
      () => stack.prisma.approvalDocument.findFirst({ where: { replyKey: caseId } }),
      `the document asked for by ${caseId}`,
    );
  }

  async function taskOf(username: string, documentId: string) {
    return eventually(
      async () => {
        const queue = await api().get('/api/tasks').set(as(username)).expect(200);
        const items = (queue.body as { items: Array<{ id: string; variables: Record<string, unknown> }> }).items;
        return items.find((task) => task.variables.documentId === documentId);
      },
      { what: `${username}'s task on ${documentId}` },
    );
  }

  it('drafts for the named drafter, routes to the head above who signs, and replies approved with the number', async () => {
    const { result } = await start(stack, 'asks-for-approval', { caseId: 'case-approved', drafter: 'clerk1' });
    const document = await documentOf('case-approved');
    const drafter = await stack.prisma.user.findUniqueOrThrow({ where: { id: document.drafterId } });
    expect(drafter.username).toBe('clerk1');
    // civil-affairs' head (manager1) only watches figures; the bureau's head signs.
    const task = await taskOf('director1', document.id);
    await api()
      .post(`/api/tasks/${task.id}/complete`)
      .set(as('director1'))
      .send({ variables: { decision: 'approve', opinion: '답변 내용 적정' } })
      .expect(200);

    const { variables } = await result();
    const registration = await stack.prisma.registration.findFirstOrThrow({
      where: { documentId: document.id, kind: 'PRODUCTION' },
    });
    expect(variables.approval).toMatchObject({
      documentId: document.id,
      outcome: 'approved',
      productionNumber: registration.number,
    });
  });

  it('replies rejected once the drafter closes the rejected document, and withdrawn after 회수', async () => {
    const rejected = await start(stack, 'asks-for-approval', {
      caseId: 'case-rejected',
      drafter: 'clerk1',
      approver: 'lead1',
    });
    const document = await documentOf('case-rejected');
    const approve = await taskOf('lead1', document.id);
    await api()
      .post(`/api/tasks/${approve.id}/complete`)
      .set(as('lead1'))
      .send({ variables: { decision: 'reject', opinion: '근거 법령을 보완하십시오' } })
      .expect(200);
    const returned = await taskOf('clerk1', document.id);
    await api()
      .post(`/api/tasks/${returned.id}/complete`)
      .set(as('clerk1'))
      .send({ variables: { next: 'close' } })
      .expect(200);
    expect((await rejected.result()).variables.approval).toMatchObject({ outcome: 'rejected', productionNumber: null });

    const withdrawn = await start(stack, 'asks-for-approval', { caseId: 'case-withdrawn', drafter: 'clerk1' });
    const second = await documentOf('case-withdrawn');
    await taskOf('director1', second.id);
    await api().post(`/api/approvals/${second.id}/withdraw`).set(as('clerk1')).expect(200);
    expect((await withdrawn.result()).variables.approval).toMatchObject({
      documentId: second.id,
      outcome: 'withdrawn',
    });
  });

  it('a classified request drafted by someone not cleared stops at an incident naming them, with no document', async () => {
    const { instanceId } = await start(stack, 'asks-for-approval', {
      caseId: 'case-classified',
      drafter: 'clerk1',
      approver: 'director1',
      classification: { grade: 'GRADE_II', reviewOn: '2031-12-31', reviewAction: 'declassify' },
    });
    const incident = await openIncident(stack, instanceId);
    expect(incident.message).toMatch(/cleared for GRADE_II.*김민원/);
    await instanceInState(stack, instanceId, 'INCIDENT');
    expect(await stack.prisma.approvalDocument.count({ where: { replyKey: 'case-classified' } })).toBe(0);
  });
});
