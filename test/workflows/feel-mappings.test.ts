/** Input and output mappings, as Zeebe applies them: in order, and dotted targets into contexts. */
import { applyMappings } from '../../workflows/feel-mappings';

describe('applyMappings', () => {
  it('writes a dotted target into the existing context, keeping its other entries', () => {
    const variables = { authentication: { user: 'kim', token: 'old' }, reply: { token: 'new' } };

    expect(applyMappings('e', [{ source: 'reply.token', target: 'authentication.token' }], variables)).toEqual({
      authentication: { user: 'kim', token: 'new' },
    });
    expect(variables.authentication).toEqual({ user: 'kim', token: 'old' });
  });

  it('creates the contexts a dotted target needs, replacing a value that is not one', () => {
    expect(
      applyMappings(
        'e',
        [
          { source: '"abc"', target: 'authentication.token' },
          { source: '1', target: 'count.total' },
          { source: '2', target: 'a.b.c' },
        ],
        { count: 7 },
      ),
    ).toEqual({ authentication: { token: 'abc' }, count: { total: 1 }, a: { b: { c: 2 } } });
  });

  it('lets later targets build on earlier ones in the same context', () => {
    expect(
      applyMappings(
        'e',
        [
          { source: '"kim"', target: 'applicant.name' },
          { source: 'applicant.name + "@example.kr"', target: 'applicant.email' },
        ],
        {},
      ),
    ).toEqual({ applicant: { name: 'kim', email: 'kim@example.kr' } });
  });
});
