/**
 * Compensation: the saga (completed bookings undone, latest first, after a later BPMN error) and a compensation
 * throw that names one activity.
 */
import { ApplicationFailure } from '@temporalio/common';
import { completedPath, countIn, elementHistory } from '../support/element-history';
import { recordHistory } from '../support/histories';
import { deployModel, start } from '../support/instances';
import { startJobWorkers } from '../support/job-workers';
import { startTestStack, type TestStack } from '../support/stack';

describe('compensation', () => {
  let stack: TestStack;
  let workers: Awaited<ReturnType<typeof startJobWorkers>>;
  const undoneWith: Record<string, unknown> = {};
  beforeAll(async () => {
    stack = await startTestStack();
    await deployModel(stack, 'compensation-saga');
    await deployModel(stack, 'compensation-one-activity');
    workers = await startJobWorkers(stack, {
      'conformance-saga-book-room': () => ({ roomId: 'R-301' }),
      'conformance-saga-book-car': () => ({ carId: 'CAR-7' }),
      'conformance-saga-charge': ({ variables }) => {
        if (variables.cardValid === true) return { receipt: 'RC-1' };
        throw ApplicationFailure.create({
          type: 'BpmnError',
          nonRetryable: true,
          message: 'card declined',
          details: [{ errorCode: 'PAYMENT_DECLINED', variables: { declineReason: 'insufficient funds' } }],
        });
      },
      'conformance-saga-cancel-room': ({ variables }) => {
        undoneWith.room = variables.roomId;
        return { roomCancelled: true };
      },
      'conformance-saga-cancel-car': ({ variables }) => {
        undoneWith.car = variables.carId;
        return { carCancelled: true };
      },
    });
  });
  afterAll(async () => {
    await workers.stop();
    await stack.stop();
  });

  it('the saga: after the payment fails, the car and then the room are cancelled and the instance ends on that path', async () => {
    // given a booking whose card will be declined
    workers.log.length = 0;
    const { instanceId, result } = await start(stack, 'compensation-saga', { cardValid: false });
    const { endElementId, variables } = await result();

    // then the workers ran the bookings, the failed charge, and the cancellations in reverse order
    expect(workers.log).toEqual([
      'conformance-saga-book-room:book-room',
      'conformance-saga-book-car:book-car',
      'conformance-saga-charge:charge',
      'conformance-saga-cancel-car:cancel-car',
      'conformance-saga-cancel-room:cancel-room',
    ]);
    // each undo got the variables of what it undoes
    expect(undoneWith).toEqual({ car: 'CAR-7', room: 'R-301' });
    expect(endElementId).toBe('booking-cancelled');
    expect(variables).toEqual({
      cardValid: false,
      roomId: 'R-301',
      carId: 'CAR-7',
      declineReason: 'insufficient funds',
      carCancelled: true,
      roomCancelled: true,
    });
    expect(await completedPath(stack, instanceId)).toEqual([
      'start',
      'book-room',
      'book-car',
      'on-declined',
      'undo-bookings',
      'cancel-car',
      'cancel-room',
      'booking-cancelled',
    ]);
    expect((await elementHistory(stack, instanceId)).find((row) => row.elementId === 'charge')?.state).toBe(
      'TERMINATED',
    );
    await recordHistory(stack.temporal, instanceId, 'conformance-compensation-saga');
  });

  it('without the error nothing is compensated', async () => {
    workers.log.length = 0;
    const { result } = await start(stack, 'compensation-saga', { cardValid: true });
    expect((await result()).endElementId).toBe('confirmed');
    expect(workers.log).toEqual([
      'conformance-saga-book-room:book-room',
      'conformance-saga-book-car:book-car',
      'conformance-saga-charge:charge',
    ]);
  });

  it('a compensation end event naming one activity undoes only that one', async () => {
    const { instanceId, result } = await start(stack, 'compensation-one-activity', { log: [] });
    const { endElementId, variables } = await result();
    expect(endElementId).toBe('refund-only');
    expect(variables.log).toEqual(['fee paid', 'permit issued', 'fee refunded']);
    const completed = await countIn(stack, instanceId, 'COMPLETED');
    expect(completed['refund-fee']).toBe(1);
    expect(completed['revoke-permit']).toBeUndefined();
  });
});
