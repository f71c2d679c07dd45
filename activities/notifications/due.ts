/**
 * What notification mail is due now, found by scanning the database, so that no other part of the engine has to
 * call the notifier. Each notice has an idempotency key (task, kind, recipient; or instance, kind, period); a key
 * already sent is not due again, so a scan repeated or retried finds only what is still unsent.
 */
import { CalendarError, type BusinessCalendar } from '../../gov/calendar';
import { addDays, kstDate } from '../../gov/calendar/local-date';
import { loadCalendar } from '../../engine/calendar';
import type { ActivityDeps } from '../deps';
import type { Notice, NotificationKind, NotificationLanguage, TaskFacts } from './templates';

export interface NotificationSettings {
  /** A reminder goes out when the due date is at most this many working days away. */
  reminderWorkingDays: number;
  /** A petition's progress notice goes out every this many days after it was received. */
  progressNoticeDays: number;
}

export interface DueNotice {
  key: string;
  to: string;
  language: NotificationLanguage;
  notice: Notice;
}

/** At most this many notices of one kind per scan; the next scan takes the rest. */
const BATCH = 200;
/** Time enough for a claim's audit row to follow its assignee. */
const CLAIM_SETTLE_MS = 5_000;
/** Calendar days beyond the reminder window a due date can still lie within it (a long holiday in between). */
const HOLIDAY_SLACK_DAYS = 14;

type Db = Pick<ActivityDeps, 'prisma'>;

interface Recipient {
  taskId: string;
  username: string;
  displayName: string;
  email: string;
  language: NotificationLanguage;
}

export async function findDueNotices(deps: Db, settings: NotificationSettings, now: Date): Promise<DueNotice[]> {
  const [assigned, reminders, overdue, progress] = await Promise.all([
    assignedNotices(deps, now),
    reminderNotices(deps, settings, now),
    overdueNotices(deps, now),
    progressNotices(deps, settings, now),
  ]);
  return [...assigned, ...reminders, ...overdue, ...progress];
}

const taskNoticeKey = (taskId: string, kind: NotificationKind, username: string) =>
  `task:${taskId}:${kind}:${username}`;

/**
 * Open tasks whose assignee has not been told yet. A person who claimed the task themselves (the audit row
 * `task.claimed`) is not told, nor one who turned the kind off or has no address.
 */
async function assignedNotices({ prisma }: Db, now: Date): Promise<DueNotice[]> {
  // A claim writes its audit row just after the assignee: a task claimed a moment ago waits for the next scan.
  const claimSettled = new Date(now.getTime() - CLAIM_SETTLE_MS);
  const due = await prisma.$queryRaw<Recipient[]>`
    SELECT t.id AS "taskId", u.username, u."displayName", u.email, COALESCE(p.language::text, 'ko') AS language
    FROM "UserTask" t
    JOIN "User" u ON u.username = t.assignee
    LEFT JOIN "NotificationPreference" p ON p."userId" = u.id
    WHERE t.state = 'CREATED' AND u.email IS NOT NULL AND COALESCE(p.assigned, true)
      AND NOT EXISTS (SELECT 1 FROM "OutboundEmail" e
        WHERE e."idempotencyKey" = 'task:' || t.id || ':assigned:' || u.username AND e."sentAt" IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM "AuditLog" a
        WHERE a."objectType" = 'UserTask' AND a."objectId" = t.id::text AND a.action = 'task.claimed'
          AND a.actor = u.username)
      AND (t."claimedAt" IS NULL OR t."claimedAt" <= ${claimSettled.toISOString()}::timestamp)
    ORDER BY t."createdAt"
    LIMIT ${BATCH}`;
  return taskNotices({ prisma }, due, 'assigned');
}

/** Open assigned tasks due within the configured working days (counted on the business calendar), not yet told. */
async function reminderNotices({ prisma }: Db, settings: NotificationSettings, now: Date): Promise<DueNotice[]> {
  const horizon = new Date(now.getTime() + (settings.reminderWorkingDays + HOLIDAY_SLACK_DAYS) * 86_400_000);
  const candidates = await prisma.$queryRaw<Array<Recipient & { dueAt: Date }>>`
    SELECT t.id AS "taskId", t."dueAt", u.username, u."displayName", u.email,
      COALESCE(p.language::text, 'ko') AS language
    FROM "UserTask" t
    JOIN "User" u ON u.username = t.assignee
    LEFT JOIN "NotificationPreference" p ON p."userId" = u.id
    WHERE t.state = 'CREATED' AND u.email IS NOT NULL AND COALESCE(p.reminder, true)
      AND t."dueAt" > ${now.toISOString()}::timestamp AND t."dueAt" <= ${horizon.toISOString()}::timestamp
      AND NOT EXISTS (SELECT 1 FROM "OutboundEmail" e
        WHERE e."idempotencyKey" = 'task:' || t.id || ':reminder:' || u.username AND e."sentAt" IS NOT NULL)
    ORDER BY t."dueAt"
    LIMIT ${BATCH}`;
  if (candidates.length === 0) return [];
  const calendar = await loadCalendar(prisma);
  const due = candidates.filter((task) =>
    dueWithinWorkingDays(calendar, now.getTime(), task.dueAt.getTime(), settings.reminderWorkingDays),
  );
  return taskNotices({ prisma }, due, 'reminder');
}

/**
 * Whether a due instant is at most `days` working days ahead: the working days after today (Korean dates) up to and
 * including the due date are counted. A date beyond the calendar's holiday data is never within.
 */
export function dueWithinWorkingDays(calendar: BusinessCalendar, now: number, dueAt: number, days: number): boolean {
  const dueDate = kstDate(dueAt);
  let counted = 0;
  try {
    for (let date = addDays(kstDate(now), 1); date <= dueDate; date = addDays(date, 1)) {
      if (calendar.isWorkingDay(date)) counted += 1;
      if (counted > days) return false;
    }
  } catch (error) {
    if (error instanceof CalendarError && error.code === 'OUT_OF_HORIZON') return false;
    throw error;
  }
  return true;
}

/**
 * Open tasks past their due date, escalated to the head of the task's unit (else its assignee's), walking up the
 * org chart while a unit has no head or its head is the assignee. Every candidate is read, so that tasks nobody can
 * be told about (no head up the tree, no address, the kind turned off) do not keep the others waiting.
 */
async function overdueNotices({ prisma }: Db, now: Date): Promise<DueNotice[]> {
  const tasks = await prisma.$queryRaw<Array<{ id: string; assignee: string | null; orgUnitId: string | null }>>`
    SELECT t.id, t.assignee, COALESCE(t."orgUnitId", u."orgUnitId") AS "orgUnitId"
    FROM "UserTask" t
    LEFT JOIN "User" u ON u.username = t.assignee
    WHERE t.state = 'CREATED' AND t."dueAt" <= ${now.toISOString()}::timestamp
      AND NOT EXISTS (SELECT 1 FROM "OutboundEmail" e
        WHERE e."idempotencyKey" LIKE 'task:' || t.id || ':overdue:%' AND e."sentAt" IS NOT NULL)
    ORDER BY t."dueAt"`;
  if (tasks.length === 0) return [];
  const units = new Map(
    (
      await prisma.orgUnit.findMany({
        select: {
          id: true,
          name: true,
          parentId: true,
          head: { select: { username: true, displayName: true, email: true, notificationPrefs: true } },
        },
      })
    ).map((unit) => [unit.id, unit]),
  );
  const escalations = tasks
    .flatMap((task) => {
      const unit = task.orgUnitId ? units.get(task.orgUnitId) : undefined;
      let escalateTo = unit;
      while (escalateTo && (!escalateTo.head || escalateTo.head.username === task.assignee)) {
        escalateTo = escalateTo.parentId ? units.get(escalateTo.parentId) : undefined;
      }
      const head = escalateTo?.head;
      if (!unit || !head?.email || head.notificationPrefs?.overdue === false) return [];
      return [{ task, unit, head: { ...head, email: head.email } }];
    })
    .slice(0, BATCH);
  const facts = await taskFacts(
    { prisma },
    escalations.map(({ task }) => task.id),
  );
  return escalations.flatMap(({ task, unit, head }): DueNotice[] => {
    const details = facts.get(task.id);
    if (!details) return [];
    return [
      {
        key: taskNoticeKey(task.id, 'overdue', head.username),
        to: head.email,
        language: head.notificationPrefs?.language ?? 'ko',
        notice: {
          kind: 'overdue',
          recipientName: head.displayName,
          task: details,
          unitName: unit.name,
          assignee: task.assignee,
        },
      },
    ];
  });
}

/**
 * The 30-day progress notice (by default) of a petition: an active instance with a `petitionerEmail` variable,
 * once per full period since it was received, in Korean unless `petitionerLanguage` is `en`.
 */
async function progressNotices({ prisma }: Db, settings: NotificationSettings, now: Date): Promise<DueNotice[]> {
  const days = settings.progressNoticeDays;
  const due = await prisma.$queryRaw<
    Array<{
      id: string;
      businessKey: string | null;
      processName: string;
      startedAt: Date;
      email: string;
      language: string | null;
      period: number;
    }>
  >`
    WITH petitions AS (
      SELECT i.id, i."businessKey", COALESCE(d.name, i."bpmnProcessId") AS "processName", i."startedAt",
        i.variables->>'petitionerEmail' AS email, i.variables->>'petitionerLanguage' AS language,
        floor(extract(epoch FROM (${now.toISOString()}::timestamp - i."startedAt")) / 86400 / ${days}::int)::int AS period
      FROM "ProcessInstance" i
      JOIN "ProcessDefinition" d ON d.id = i."definitionId"
      WHERE i.state = 'ACTIVE' AND i.variables->>'petitionerEmail' LIKE '%@%'
    )
    SELECT * FROM petitions p
    WHERE p.period >= 1
      AND NOT EXISTS (SELECT 1 FROM "OutboundEmail" e
        WHERE e."idempotencyKey" = 'instance:' || p.id || ':progress:' || p.period AND e."sentAt" IS NOT NULL)
    ORDER BY p."startedAt"
    LIMIT ${BATCH}`;
  return due.map((petition) => ({
    key: `instance:${petition.id}:progress:${petition.period}`,
    to: petition.email,
    language: petition.language === 'en' ? 'en' : 'ko',
    notice: {
      kind: 'progress',
      processName: petition.processName,
      businessKey: petition.businessKey,
      startedAt: petition.startedAt,
      days: petition.period * days,
    },
  }));
}

async function taskNotices(deps: Db, recipients: Recipient[], kind: 'assigned' | 'reminder'): Promise<DueNotice[]> {
  const facts = await taskFacts(
    deps,
    recipients.map((recipient) => recipient.taskId),
  );
  return recipients.flatMap((recipient) => {
    const task = facts.get(recipient.taskId);
    if (!task) return [];
    return [
      {
        key: taskNoticeKey(task.id, kind, recipient.username),
        to: recipient.email,
        language: recipient.language === 'en' ? 'en' : 'ko',
        notice: { kind, recipientName: recipient.displayName, task },
      },
    ];
  });
}

async function taskFacts({ prisma }: Db, ids: string[]): Promise<Map<string, TaskFacts>> {
  if (ids.length === 0) return new Map();
  const tasks = await prisma.userTask.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      name: true,
      elementId: true,
      dueAt: true,
      processInstance: { select: { bpmnProcessId: true, businessKey: true } },
    },
  });
  return new Map(
    tasks.map((task) => [
      task.id,
      {
        id: task.id,
        name: task.name || task.elementId,
        processId: task.processInstance.bpmnProcessId,
        businessKey: task.processInstance.businessKey,
        dueAt: task.dueAt,
      },
    ]),
  );
}
