/**
 * The 시행문 mailed to another agency (규정 §15): who sends it, its production registration number and date, the text
 * as approved, and the seal the electronic document carries (a stand-in line until a certified seal service exists).
 */
import { finalBody, type SendableDocument } from '../engine/document-dispatch/dispatch';
import type { OutgoingMail } from './outbound-email';

export function dispatchMail(
  document: SendableDocument,
  to: { agencyName: string | null; email: string },
): OutgoingMail {
  const sender = document.processingUnit?.name ?? '온나라시청';
  const registration = document.registrations[0];
  const number = registration?.number ?? '(미등록)';
  const day = registration ? koreanDay(registration.registeredAt) : '';
  return {
    to: to.email,
    subject: `[시행문] ${document.title} (${number})`,
    text: [
      `수신: ${to.agencyName ?? to.email}`,
      `발신: ${sender}`,
      `생산등록번호: ${number} (${day})`,
      `제목: ${document.title}`,
      '',
      finalBody(document),
      '',
      `[전자 관인] ${sender}`,
      '이 문서는 전자문서로 시행되었으며 도달한 때 효력이 발생합니다 (행정업무규정 §6②).',
    ].join('\n'),
  };
}

function koreanDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(at);
}
