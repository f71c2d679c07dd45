import { variablesRead } from '../../shared/feel-reads';

describe('variablesRead', () => {
  it.each([
    ['approved', ['approved']],
    ['approved and comment != null', ['approved', 'comment']],
    ['applicant.address.city', ['applicant']],
    ['{decision: approved, note: upper case(comment)}', ['approved', 'comment']],
    ['for item in rooms return item.area * rate', ['rooms', 'rate']],
    ['some e in list satisfies e > limit', ['list', 'limit']],
    ['"a literal"', []],
  ])('reads the variables of %s', (source, expected) => {
    expect(variablesRead(source).sort()).toEqual([...expected].sort());
  });
});
