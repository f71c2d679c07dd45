/**
 * The element history gathered in the workflow: each element instance is one row, however often it changed before
 * the next activity carried the pending rows away. writeHistoryNow decides with Temporal's patched() and shields the
 * write with a CancellationScope, neither of which works outside a workflow: here patched() answers what a test
 * sets, and the non-cancellable scope just runs its function.
 */
import { patched } from '@temporalio/workflow';
import type { ElementHistoryEntry } from '../../shared/workflow-contract';
import { ElementHistory, elementHistory, writeHistoryNow } from '../../workflows/element-history';

jest.mock('@temporalio/workflow', () => ({
  ...jest.requireActual<object>('@temporalio/workflow'),
  patched: jest.fn(),
  CancellationScope: { nonCancellable: (fn: () => Promise<unknown>) => fn() },
}));

const T0 = Date.parse('2026-03-02T09:00:00.000Z');
let now = T0;
beforeEach(() => {
  now = T0;
  jest.spyOn(Date, 'now').mockImplementation(() => now);
});
afterEach(() => jest.restoreAllMocks());

/** The workflow clock moves on by some minutes. */
const minutesLater = (minutes: number) => (now += minutes * 60_000);
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

const review = { elementInstanceId: 'review#1', elementId: 'review', elementType: 'userTask' };
const notify = {
  elementInstanceId: 'notify#2',
  elementId: 'notify',
  elementType: 'serviceTask',
  scopeInstanceId: 'sub#3',
};

describe('ElementHistory', () => {
  it('records a started element as ACTIVE at the workflow clock, open and pending', () => {
    const history = new ElementHistory();
    history.started(review);
    const active: ElementHistoryEntry = { ...review, state: 'ACTIVE', startedAt: at(0) };
    expect(history.openEntries()).toEqual([active]);
    expect(history.hasPending()).toBe(true);
    expect(history.drain()).toEqual([active]);
  });

  it('merges every change before the next activity into one row per element instance, in the order they started', () => {
    // given review started, then notify, then review completed, all before an activity ran
    const history = new ElementHistory();
    history.started(review);
    minutesLater(1);
    history.started(notify);
    minutesLater(4);
    history.changed('review#1', 'COMPLETED');
    // when the next activity takes the pending rows
    const drained = history.drain();
    // then review is one COMPLETED row keeping its start, still ahead of notify
    expect(drained).toEqual([
      { ...review, state: 'COMPLETED', startedAt: at(0), endedAt: at(5) },
      { ...notify, state: 'ACTIVE', startedAt: at(1) },
    ]);
  });

  it('hands each row to one activity only: drained rows are gone, and a later change is pending again', () => {
    // given review's ACTIVE row already carried by an activity
    const history = new ElementHistory();
    history.started(review);
    history.drain();
    expect(history.hasPending()).toBe(false);
    expect(history.drain()).toBeUndefined();
    // when it completes later
    minutesLater(30);
    history.changed('review#1', 'COMPLETED');
    // then the next activity gets the completed row, with the original start
    expect(history.drain()).toEqual([{ ...review, state: 'COMPLETED', startedAt: at(0), endedAt: at(30) }]);
  });

  it('keeps an element open through an incident and its resolution, and closes it when it ends', () => {
    const history = new ElementHistory();
    history.started(notify);
    history.changed('notify#2', 'INCIDENT');
    expect(history.openEntries()).toEqual([expect.objectContaining({ state: 'INCIDENT' })]);
    expect(history.openEntries()[0]?.endedAt).toBeUndefined();
    history.changed('notify#2', 'ACTIVE');
    expect(history.openEntries()).toEqual([expect.objectContaining({ state: 'ACTIVE' })]);
    minutesLater(2);
    history.changed('notify#2', 'TERMINATED');
    expect(history.openEntries()).toEqual([]);
    expect(history.drain()).toEqual([{ ...notify, state: 'TERMINATED', startedAt: at(0), endedAt: at(2) }]);
  });

  it('ignores a change to an element instance that is not open (never started, or already ended)', () => {
    const history = new ElementHistory();
    history.started(review);
    history.changed('review#1', 'COMPLETED');
    history.drain();
    history.changed('review#1', 'TERMINATED');
    history.changed('unknown#9', 'COMPLETED');
    expect(history.hasPending()).toBe(false);
  });

  it('forgets a discarded element instance (a token absorbed into a join) if no activity has written it yet', () => {
    const history = new ElementHistory();
    history.started(review);
    history.discard('review#1');
    expect(history.hasPending()).toBe(false);
    expect(history.openEntries()).toEqual([]);
    // and a change arriving for it afterwards is ignored
    history.changed('review#1', 'COMPLETED');
    expect(history.drain()).toBeUndefined();
  });

  it('keeps a discarded element instance that was already written, so its row is still ended later', () => {
    // given review's row already written by an activity
    const history = new ElementHistory();
    history.started(review);
    history.drain();
    // when it is discarded, then it stays open, and its end is still recorded
    history.discard('review#1');
    expect(history.openEntries()).toHaveLength(1);
    history.changed('review#1', 'TERMINATED');
    expect(history.drain()).toEqual([expect.objectContaining({ elementInstanceId: 'review#1', state: 'TERMINATED' })]);
  });

  it('continues as new: the open elements and the rows no activity carried are handed to the next run', () => {
    // given a run with review open (already written) and notify started but not yet written
    const before = new ElementHistory();
    before.started(review);
    before.drain();
    before.started(notify);
    const open = before.openEntries();
    const pending = before.drain() ?? [];
    // when the next run restores them
    const after = new ElementHistory();
    after.restore(open, pending);
    // then the unwritten row is still pending, and a restored open element can still complete
    minutesLater(10);
    after.changed('review#1', 'COMPLETED');
    expect(after.drain()).toEqual([
      { ...notify, state: 'ACTIVE', startedAt: at(0) },
      { ...review, state: 'COMPLETED', startedAt: at(0), endedAt: at(10) },
    ]);
    expect(after.openEntries()).toEqual([{ ...notify, state: 'ACTIVE', startedAt: at(0) }]);
  });
});

describe('writeHistoryNow', () => {
  const record = jest.fn((_input: { instanceId: string }) => Promise.resolve());
  beforeEach(() => {
    record.mockClear();
    jest.mocked(patched).mockReset();
    elementHistory.drain();
  });

  it('writes nothing, and asks for no patch marker, when nothing is pending', async () => {
    await writeHistoryNow('instance-1', record);
    expect(record).not.toHaveBeenCalled();
    expect(patched).not.toHaveBeenCalled();
  });

  it('writes the pending history with its own activity before a wait', async () => {
    jest.mocked(patched).mockReturnValue(true);
    elementHistory.started(review);
    await writeHistoryNow('instance-1', record);
    expect(patched).toHaveBeenCalledWith('element-history-before-waits');
    expect(record).toHaveBeenCalledWith({ instanceId: 'instance-1' });
  });

  it('does not write when replaying a history recorded before the patch', async () => {
    jest.mocked(patched).mockReturnValue(false);
    elementHistory.started(review);
    await writeHistoryNow('instance-1', record);
    expect(record).not.toHaveBeenCalled();
    expect(elementHistory.hasPending()).toBe(true);
  });
});
