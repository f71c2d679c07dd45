import type { ElementOfType } from '../../../shared/graph';
import { receiveTask } from '../../../workflows/elements/receive-task';
import { fakeElementContext } from '../../support/fake-element-context';

const receive = (outputs: ElementOfType<'receiveTask'>['outputs']): ElementOfType<'receiveTask'> => ({
  id: 'receive',
  type: 'receiveTask',
  incoming: ['in'],
  outgoing: ['out'],
  trigger: { kind: 'message', messageName: 'reply', correlationKey: { kind: 'feel', source: 'caseId' } },
  outputs,
});

describe('receive task', () => {
  it('waits for its message as a resumable wait and sets what the message carried', async () => {
    // given a receive task and a reply carrying an answer
    const { ctx, recorded } = fakeElementContext({ firings: { receive: { answer: 'yes' } } });
    // when the reply arrives
    const leave = await receiveTask.execute(receive([]), ctx);
    // then it waited under its element instance, parked meanwhile, and set the message variables
    expect(recorded.waits.map((wait) => wait.subscriptionId)).toEqual(['element#1']);
    expect(recorded.parked).toEqual([{}]);
    expect(recorded.unparked).toBe(1);
    expect(recorded.sets).toEqual([{ answer: 'yes' }]);
    expect(leave).toEqual({ flows: ['out'] });
  });

  it('with output mappings, sets only their targets', async () => {
    // given an output mapping of the answer
    const { ctx, recorded } = fakeElementContext({ firings: { receive: { answer: 'yes', noise: 1 } } });
    // when the reply arrives
    await receiveTask.execute(receive([{ source: 'answer', target: 'replied' }]), ctx);
    // then only the mapped target is set
    expect(recorded.sets).toEqual([{ replied: 'yes' }]);
  });
});
