/** The 시행문 mailed to another agency: its subject and text as the recipient reads them. */
import { dispatchMail } from '../../activities/document-mail';
import type { SendableDocument } from '../../engine/document-dispatch/dispatch';

const document = {
  title: '2027년 민원 안내 체계 개편 계획',
  body: '초안 본문',
  processingUnit: { code: 'civil-affairs', name: '민원봉사과 (Civil Affairs)' },
  // Approved at 23:30 UTC on 4 March, which is already 5 March in Korea.
  registrations: [{ number: 'civil-affairs-7', registeredAt: new Date('2027-03-04T23:30:00Z') }],
  steps: [{ revisedBody: null }, { revisedBody: '검토자가 고친 본문' }, { revisedBody: null }],
} as unknown as SendableDocument;

describe('dispatchMail', () => {
  it('names the sender, the production number and its Korean date, and sends the text as last edited', () => {
    const mail = dispatchMail(document, { agencyName: '행정안전부', email: 'records@mois.example.kr' });
    expect(mail.to).toBe('records@mois.example.kr');
    expect(mail.subject).toBe('[시행문] 2027년 민원 안내 체계 개편 계획 (civil-affairs-7)');
    expect(mail.text.split('\n').slice(0, 5)).toEqual([
      '수신: 행정안전부',
      '발신: 민원봉사과 (Civil Affairs)',
      '생산등록번호: civil-affairs-7 (2027-03-05)',
      '제목: 2027년 민원 안내 체계 개편 계획',
      '',
    ]);
    expect(mail.text).toContain('검토자가 고친 본문');
    expect(mail.text).not.toContain('초안 본문');
  });

  it('addresses a recipient without an agency name by its address', () => {
    expect(dispatchMail(document, { agencyName: null, email: 'docs@gg.example.kr' }).text).toMatch(
      /^수신: docs@gg\.example\.kr\n/,
    );
  });
});
