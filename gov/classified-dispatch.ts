/**
 * Which channels may carry a classified item, by grade (docs/classified.md): I급 goes only over an encrypted network
 * or by hand, carried by a person cleared for it; II급, III급 and 대외비 may also go by secret or registered mail.
 * Pure: the engine checks every dispatch with it and the web app may offer only the allowed channels.
 */
import { clearanceCovers, type SecurityGradeCode } from './security-grades';

export const DISPATCH_CHANNELS = ['ENCRYPTED_NETWORK', 'HAND_DELIVERY', 'SECRET_MAIL', 'REGISTERED_MAIL'] as const;
export type DispatchChannelCode = (typeof DISPATCH_CHANNELS)[number];

const ALLOWED: Record<SecurityGradeCode, readonly DispatchChannelCode[]> = {
  GRADE_I: ['ENCRYPTED_NETWORK', 'HAND_DELIVERY'],
  GRADE_II: DISPATCH_CHANNELS,
  GRADE_III: DISPATCH_CHANNELS,
  RESTRICTED: DISPATCH_CHANNELS,
};

export function allowedChannels(grade: SecurityGradeCode): readonly DispatchChannelCode[] {
  return ALLOWED[grade];
}

export interface DispatchPlan {
  grade: SecurityGradeCode;
  channel: DispatchChannelCode;
  /** The clearance of the person who carries it, for a hand delivery; absent otherwise. */
  carrierClearance?: SecurityGradeCode | null;
}

/** Why the plan is refused, or null when the channel may carry the grade. */
export function dispatchRefusal({ grade, channel, carrierClearance }: DispatchPlan): string | null {
  if (!ALLOWED[grade].includes(channel)) {
    return `A ${grade} item may go only by ${ALLOWED[grade].join(' or ')}, not by ${channel}.`;
  }
  if (channel === 'HAND_DELIVERY' && !clearanceCovers(carrierClearance, grade)) {
    return `A hand delivery of a ${grade} item needs a carrier cleared for ${grade}.`;
  }
  return null;
}
