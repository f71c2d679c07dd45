import {
  formatLegalDeadlineCall,
  legalDeadlineRuleNames,
  parseLegalDeadlineCall,
} from '../../bpmn/legal-deadline-call';

describe('legal deadline call text', () => {
  it('formats a call as a Zeebe expression and parses it back', () => {
    const call = {
      rule: 'civil-petition',
      receivedAt: 'receivedAt',
      amount: 7,
      unit: 'days' as const,
      clock: 'answer',
    };
    const expression = formatLegalDeadlineCall(call);
    expect(expression).toBe('=legal deadline("civil-petition", receivedAt, 7, "days", "answer")');
    expect(parseLegalDeadlineCall(expression)).toEqual(call);
  });

  it('leaves the clock out when there is none', () => {
    const expression = formatLegalDeadlineCall({
      rule: 'civil-petition',
      receivedAt: 'petition.receivedAt',
      amount: 0,
      unit: 'immediately',
    });
    expect(expression).toBe('=legal deadline("civil-petition", petition.receivedAt, 0, "immediately")');
    expect(parseLegalDeadlineCall(expression)).toEqual({
      rule: 'civil-petition',
      receivedAt: 'petition.receivedAt',
      amount: 0,
      unit: 'immediately',
    });
  });

  it('does not parse an expression that is more than one call, or has an unknown unit', () => {
    for (const expression of [
      '=date and time(legal deadline("civil-petition", receivedAt, 3, "days")) - duration("PT1H")',
      '=legal deadline("civil-petition", receivedAt, 3, "fortnights")',
      '=receivedAt',
      'PT1H',
      undefined,
    ]) {
      expect(parseLegalDeadlineCall(expression)).toBeUndefined();
    }
  });

  it('finds the literal rule of every call inside any expression', () => {
    expect(
      legalDeadlineRuleNames(
        'date and time(legal deadline("civil-petition", r, 3, "days")) < legal deadline ( "petition" , r, 1, "hours")',
      ),
    ).toEqual(['civil-petition', 'petition']);
    expect(legalDeadlineRuleNames('legal deadline(ruleVariable, r, 3, "days")')).toEqual([]);
  });
});
