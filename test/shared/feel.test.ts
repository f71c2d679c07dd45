/** FEEL's bounds (shared/feel.ts): what a hostile expression can reach, and how much work it may do. */
import {
  evaluateFeel,
  evaluateUnaryTest,
  FeelEvaluationError,
  findFeelSyntaxError,
  MAX_FEEL_RANGE_STEPS,
  MAX_FEEL_VARIABLE_READS,
} from '../../shared/feel';

describe('FEEL bounds', () => {
  it.each(['constructor', 'process', 'globalThis', 'a.constructor', 'a.__proto__', '"x".constructor', 'toString'])(
    'gives null for %s: no JavaScript object is reachable by name',
    (source) => {
      expect(evaluateFeel(source, { a: {} })).toBeNull();
    },
  );

  it('cannot call the Function constructor through a path', () => {
    expect(() => evaluateFeel('a.constructor.constructor("return process")()', { a: {} })).toThrow(FeelEvaluationError);
  });

  it('refuses a range with a bound from a variable, at deploy time', () => {
    expect(findFeelSyntaxError('for i in 1..n return i')?.message).toMatch(/number literals/);
    expect(() => evaluateFeel('for i in 1..n return i', { n: 1e9 })).toThrow(FeelEvaluationError);
  });

  it('refuses ranges whose steps, multiplied, exceed the limit, and takes smaller ones', () => {
    expect(findFeelSyntaxError(`for i in 1..${MAX_FEEL_RANGE_STEPS + 1} return i`)?.message).toMatch(/steps/);
    expect(findFeelSyntaxError('for i in 1..1000, j in 1..1000 return i')?.message).toMatch(/1000000 steps/);
    expect(evaluateFeel('count(for i in 1..600 return i)', {})).toBe(600);
  });

  it('stops nested loops over a large list with an error instead of running for minutes', () => {
    const xs = Array.from({ length: 2000 }, (_, n) => n);
    const started = Date.now();
    expect(() => evaluateFeel('for a in xs, b in xs return a + b', { xs })).toThrow(
      new RegExp(`more than ${MAX_FEEL_VARIABLE_READS} times`),
    );
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(evaluateFeel('sum(for x in xs return x)', { xs })).toBe(1999000);
  });

  it('stops unary tests that loop over a large list, as it stops expressions', () => {
    const xs = Array.from({ length: 2000 }, (_, n) => n);
    expect(() => evaluateUnaryTest('? in (for a in xs, b in xs return a + b)', 1, { xs })).toThrow(
      new RegExp(`unary tests .* read their variables more than ${MAX_FEEL_VARIABLE_READS} times`),
    );
    expect(evaluateUnaryTest('? in xs', 1999, { xs })).toBe(true);
  });

  it('turns a function that calls itself into an error (a defined function cannot see its own name)', () => {
    expect(() => evaluateFeel('{f: function(n) f(n + 1), r: f(0)}.r', {})).toThrow(FeelEvaluationError);
  });

  it('answers plain data, not the proxies that count reads', () => {
    const value = evaluateFeel('a', { a: { b: [1, { c: 2 }] } });
    expect(value).toEqual({ b: [1, { c: 2 }] });
    expect(JSON.stringify(value)).toBe('{"b":[1,{"c":2}]}');
  });
});
