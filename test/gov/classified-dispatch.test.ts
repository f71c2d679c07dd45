/** Dispatch channels by grade (보안업무규정: docs/classified.md). */
import { allowedChannels, DISPATCH_CHANNELS, dispatchRefusal } from '../../gov/classified-dispatch';

describe('dispatchRefusal', () => {
  it('lets an I급 item go only by encrypted network or by hand', () => {
    expect(allowedChannels('GRADE_I')).toEqual(['ENCRYPTED_NETWORK', 'HAND_DELIVERY']);
    expect(dispatchRefusal({ grade: 'GRADE_I', channel: 'ENCRYPTED_NETWORK' })).toBeNull();
    expect(dispatchRefusal({ grade: 'GRADE_I', channel: 'SECRET_MAIL' })).toMatch(/only by ENCRYPTED_NETWORK or/);
    expect(dispatchRefusal({ grade: 'GRADE_I', channel: 'REGISTERED_MAIL' })).not.toBeNull();
  });

  it('needs a carrier cleared for the grade for a hand delivery', () => {
    expect(dispatchRefusal({ grade: 'GRADE_I', channel: 'HAND_DELIVERY', carrierClearance: 'GRADE_I' })).toBeNull();
    expect(dispatchRefusal({ grade: 'GRADE_I', channel: 'HAND_DELIVERY', carrierClearance: 'GRADE_II' })).toMatch(
      /carrier cleared/,
    );
    expect(dispatchRefusal({ grade: 'GRADE_III', channel: 'HAND_DELIVERY', carrierClearance: null })).not.toBeNull();
    expect(dispatchRefusal({ grade: 'GRADE_III', channel: 'HAND_DELIVERY', carrierClearance: 'GRADE_II' })).toBeNull();
  });

  it.each(['GRADE_II', 'GRADE_III', 'RESTRICTED'] as const)(
    'lets a %s item also go by secret or registered mail',
    (grade) => {
      expect(allowedChannels(grade)).toEqual(DISPATCH_CHANNELS);
      expect(dispatchRefusal({ grade, channel: 'SECRET_MAIL' })).toBeNull();
      expect(dispatchRefusal({ grade, channel: 'REGISTERED_MAIL' })).toBeNull();
    },
  );
});
