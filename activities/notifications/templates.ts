/**
 * The notification mails, in Korean with an English variant: a subject and lines of plain text, and the same lines
 * as simple HTML with every value escaped (task names and business keys come from models and citizens).
 */
import { formatKst } from '../../gov/calendar';

export type NotificationLanguage = 'ko' | 'en';

export interface TaskFacts {
  id: string;
  name: string;
  processId: string;
  businessKey: string | null;
  dueAt: Date | null;
}

export type Notice =
  | { kind: 'assigned'; recipientName: string; task: TaskFacts }
  | { kind: 'reminder'; recipientName: string; task: TaskFacts }
  | { kind: 'overdue'; recipientName: string; task: TaskFacts; unitName: string; assignee: string | null }
  | { kind: 'progress'; processName: string; businessKey: string | null; startedAt: Date; days: number };

export type NotificationKind = Notice['kind'];

interface Draft {
  subject: string;
  lines: string[];
}

type Templates = {
  [Kind in NotificationKind]: Record<NotificationLanguage, (notice: Extract<Notice, { kind: Kind }>) => Draft>;
};

/** 2026-12-08 18:00 (KST). */
function when(date: Date): string {
  return formatKst(date.getTime()).slice(0, 16).replace('T', ' ');
}

function taskLines(task: TaskFacts, language: NotificationLanguage): string[] {
  const ko = language === 'ko';
  return [
    `${ko ? '업무' : 'Task'}: ${task.name}`,
    `${ko ? '업무 흐름' : 'Process'}: ${task.processId}${task.businessKey ? ` (${task.businessKey})` : ''}`,
    ...(task.dueAt ? [`${ko ? '처리기한' : 'Due'}: ${when(task.dueAt)} (KST)`] : []),
    `${ko ? '업무 번호' : 'Task id'}: ${task.id}`,
  ];
}

const templates: Templates = {
  assigned: {
    ko: ({ recipientName, task }) => ({
      subject: `[온나라] 업무가 배정되었습니다: ${task.name}`,
      lines: [`${recipientName}님, 다음 업무가 배정되었습니다.`, ...taskLines(task, 'ko')],
    }),
    en: ({ recipientName, task }) => ({
      subject: `[On-Nara] A task was assigned to you: ${task.name}`,
      lines: [`${recipientName}, the following task was assigned to you.`, ...taskLines(task, 'en')],
    }),
  },
  reminder: {
    ko: ({ recipientName, task }) => ({
      subject: `[온나라] 처리기한이 다가옵니다: ${task.name}`,
      lines: [`${recipientName}님, 담당 업무의 처리기한이 다가옵니다.`, ...taskLines(task, 'ko')],
    }),
    en: ({ recipientName, task }) => ({
      subject: `[On-Nara] Due soon: ${task.name}`,
      lines: [`${recipientName}, a task of yours is due soon.`, ...taskLines(task, 'en')],
    }),
  },
  overdue: {
    ko: ({ recipientName, task, unitName, assignee }) => ({
      subject: `[온나라] 처리기한이 지난 업무가 있습니다: ${task.name}`,
      lines: [
        `${recipientName}님, ${unitName}의 다음 업무가 처리기한을 넘겼습니다.`,
        `담당자: ${assignee ?? '미배정'}`,
        ...taskLines(task, 'ko'),
      ],
    }),
    en: ({ recipientName, task, unitName, assignee }) => ({
      subject: `[On-Nara] Overdue: ${task.name}`,
      lines: [
        `${recipientName}, the following task of ${unitName} is past its due date.`,
        `Assignee: ${assignee ?? 'nobody yet'}`,
        ...taskLines(task, 'en'),
      ],
    }),
  },
  progress: {
    ko: ({ processName, businessKey, startedAt, days }) => ({
      subject: `[온나라] 민원 처리 진행 상황 안내${businessKey ? ` (${businessKey})` : ''}`,
      lines: [
        `${when(startedAt)}에 접수된 민원(${processName})을 ${days}일째 처리하고 있습니다.`,
        '처리가 끝나면 결과를 알려 드리겠습니다.',
      ],
    }),
    en: ({ processName, businessKey, startedAt, days }) => ({
      subject: `[On-Nara] Progress of your petition${businessKey ? ` (${businessKey})` : ''}`,
      lines: [
        `Your petition (${processName}) received on ${when(startedAt)} has been in progress for ${days} days.`,
        'We will let you know the result once it is decided.',
      ],
    }),
  },
};

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export function renderNotice(notice: Notice, language: NotificationLanguage): RenderedMail {
  const template = templates[notice.kind][language] as (notice: Notice) => Draft;
  const { subject, lines } = template(notice);
  return {
    subject,
    text: `${lines.join('\n')}\n`,
    html: `<!doctype html><html lang="${language}"><body>${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}</body></html>`,
  };
}

function escapeHtml(text: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  return text.replace(/[&<>"']/g, (char) => entities[char] as string);
}
