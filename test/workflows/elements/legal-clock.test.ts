import { legalClock } from '../../../workflows/elements/legal-clock';
import { fakeElementContext } from '../../support/fake-element-context';

describe('legal clock', () => {
  it('stops the named clock and moves on', () => {
    // given a gov:legalClock that stops the "review" clock
    const { ctx, recorded } = fakeElementContext();
    // when the token passes it
    const leave = legalClock.execute(
      { id: 'pause', type: 'legalClock', clock: 'review', action: 'stop', incoming: ['in'], outgoing: ['out'] },
      ctx,
    );
    // then the clock is stopped and the token leaves
    expect(recorded.legalClocks).toEqual([{ action: 'stop', clock: 'review' }]);
    expect(leave).toEqual({ flows: ['out'] });
  });

  it('resumes the named clock', () => {
    // given a gov:legalClock that resumes the "review" clock
    const { ctx, recorded } = fakeElementContext();
    // when the token passes it
    const leave = legalClock.execute(
      { id: 'go', type: 'legalClock', clock: 'review', action: 'resume', incoming: ['in'], outgoing: ['out'] },
      ctx,
    );
    // then the clock resumes (and is not stopped)
    expect(recorded.legalClocks).toEqual([{ action: 'resume', clock: 'review' }]);
    expect(leave).toEqual({ flows: ['out'] });
  });
});
