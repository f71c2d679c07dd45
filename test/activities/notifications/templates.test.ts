import { renderNotice, type TaskFacts } from '../../../activities/notifications/templates';

const task: TaskFacts = {
  id: 'task-1',
  name: '건축허가 <검토>',
  processId: 'building-permit',
  businessKey: 'REQ-7',
  dueAt: new Date('2026-12-08T09:00:00Z'),
};

describe('renderNotice', () => {
  it('writes the assignment mail in Korean with the due date in KST', () => {
    const mail = renderNotice({ kind: 'assigned', recipientName: '김민원', task }, 'ko');
    expect(mail.subject).toBe('[온나라] 업무가 배정되었습니다: 건축허가 <검토>');
    expect(mail.text).toBe(
      [
        '김민원님, 다음 업무가 배정되었습니다.',
        '업무: 건축허가 <검토>',
        '업무 흐름: building-permit (REQ-7)',
        '처리기한: 2026-12-08 18:00 (KST)',
        '업무 번호: task-1',
        '',
      ].join('\n'),
    );
  });

  it('escapes every value in the HTML part', () => {
    const mail = renderNotice({ kind: 'reminder', recipientName: 'Kim "K" & co', task }, 'en');
    expect(mail.subject).toBe('[On-Nara] Due soon: 건축허가 <검토>');
    expect(mail.html).toContain('<p>Task: 건축허가 &lt;검토&gt;</p>');
    expect(mail.html).toContain('<p>Kim &quot;K&quot; &amp; co, a task of yours is due soon.</p>');
    expect(mail.html).not.toContain('<검토>');
  });

  it('names the unit and the assignee in an escalation, and says when nobody has the task', () => {
    const mail = renderNotice(
      { kind: 'overdue', recipientName: '최과장', task, unitName: '민원봉사과', assignee: null },
      'ko',
    );
    expect(mail.text).toContain('최과장님, 민원봉사과의 다음 업무가 처리기한을 넘겼습니다.');
    expect(mail.text).toContain('담당자: 미배정');
  });

  it('tells a petitioner how long the petition has been in progress', () => {
    const notice = {
      kind: 'progress' as const,
      processName: '민원 간이 신청',
      businessKey: 'REQ-9',
      startedAt: new Date('2026-11-01T01:00:00Z'),
      days: 30,
    };
    expect(renderNotice(notice, 'ko').text).toContain(
      '2026-11-01 10:00에 접수된 민원(민원 간이 신청)을 30일째 처리하고 있습니다.',
    );
    expect(renderNotice(notice, 'en').subject).toBe('[On-Nara] Progress of your petition (REQ-9)');
  });
});
