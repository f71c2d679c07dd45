/**
 * The dashboards of a process and of a department, read-only and scoped to the caller's part of the org chart
 * (./scope.ts), and the statistics per element behind the heatmap. Each part is also answered as CSV.
 */
import { z } from 'zod';
import { AppError } from '../../../shared/app-error';
import type { Caller } from '../../auth/ability';
import type { ServiceDeps } from '../../deps';

/** The dashboards read PostgreSQL only. */
type DashboardDeps = Pick<ServiceDeps, 'prisma'>;
import { legalClock } from '../tasks';
import { findVisible } from '../visible';
import {
  backlogRow,
  bottleneck,
  bottlenecks,
  completedByDueDate,
  cycleTime,
  cycleTimeAnswer,
  elementStatistics,
  elementStatisticsAnswer,
  openTasks,
  overdue,
  overdueTask,
  slaAnswer,
  slaOf,
  throughput,
  throughputRow,
  windowAnswer,
  type Subject,
  type Window,
} from './figures';
import { APPROVAL_PROCESS_ID, approvalStepLeadTimes, stepLeadTime } from './approval-steps';
import { PETITION_PROCESS_ID, petitionFigures, petitionFiguresAnswer } from './petition-figures';
import { callerUnits, processUnits, requireDashboardReader, visibleDepartment, visibleVersions } from './scope';

export const DASHBOARD_PARTS = [
  'throughput',
  'cycleTime',
  'perElement',
  'sla',
  'backlog',
  'overdue',
  'bottlenecks',
  'heatmap',
  'petitions',
] as const;
export type DashboardPart = (typeof DASHBOARD_PARTS)[number];

/** What both dashboards show; the petition figures are null where no petition is in scope. */
const figuresAnswer = z.object({
  window: windowAnswer,
  throughput: z.array(throughputRow),
  cycleTime: cycleTimeAnswer,
  sla: slaAnswer,
  backlog: z.array(backlogRow),
  overdue: z.array(overdueTask),
  bottlenecks: z.array(bottleneck),
  petitions: petitionFiguresAnswer.nullable(),
});

/** A process's dashboard; approvalSteps only on document-approval's. */
export const processDashboardAnswer = figuresAnswer.extend({
  processId: z.string(),
  versions: z.array(z.number().int()),
  heatmap: z.object({ definitionId: z.guid(), version: z.number().int(), elements: z.array(elementStatisticsAnswer) }),
  approvalSteps: z.array(stepLeadTime).optional(),
});

export const departmentDashboardAnswer = figuresAnswer.extend({
  orgUnitId: z.guid(),
  name: z.string(),
  heatmap: z.null(),
});

export const dashboardListAnswer = z.object({
  processes: z.array(
    z.object({ processId: z.string(), name: z.string().nullable(), versions: z.array(z.number().int()) }),
  ),
  departments: z.array(z.object({ id: z.guid(), code: z.string(), name: z.string() })),
});

async function figures(deps: DashboardDeps, subject: Subject, window: Window) {
  const [flow, durations, completed, open, late] = await Promise.all([
    throughput(deps.prisma, subject, window),
    cycleTime(deps.prisma, subject, window),
    completedByDueDate(deps.prisma, subject, window),
    openTasks(deps.prisma, subject),
    legalClock(deps).then((clock) => overdue(deps.prisma, subject, clock)),
  ]);
  return {
    window,
    throughput: flow,
    cycleTime: durations,
    sla: slaOf(completed, open.pastDue),
    backlog: open.backlog,
    overdue: late,
    bottlenecks: bottlenecks(durations.perElement),
  };
}

/**
 * One process: all its versions, or the one asked for; the heatmap is that version's, else the latest's. A manager
 * sees the task figures (SLA, backlog, overdue) of their units only; civil-petition adds the petition figures.
 */
export async function processDashboard(
  deps: DashboardDeps,
  caller: Caller,
  input: { processId: string; version?: number; window: Window },
): Promise<z.input<typeof processDashboardAnswer>> {
  const units = processUnits(caller, input.processId);
  const versions = await visibleVersions(deps, units, input.processId);
  const chosen = input.version === undefined ? versions : versions.filter(({ version }) => version === input.version);
  const [shown] = chosen;
  if (!shown) throw new AppError('NOT_FOUND', `Process ${input.processId} has no version ${input.version}.`);
  const subject: Subject = { kind: 'process', definitionIds: chosen.map(({ id }) => id), units };
  const [parts, heatmap, petitions, approvalSteps] = await Promise.all([
    figures(deps, subject, input.window),
    elementStatistics(deps.prisma, shown.id),
    input.processId === PETITION_PROCESS_ID ? petitionFigures(deps.prisma, subject, input.window) : null,
    input.processId === APPROVAL_PROCESS_ID
      ? approvalStepLeadTimes(deps.prisma, subject.definitionIds, units, input.window)
      : undefined,
  ]);
  return {
    processId: input.processId,
    versions: versions.map(({ version }) => version),
    heatmap: { definitionId: shown.id, version: shown.version, elements: heatmap },
    ...parts,
    petitions,
    ...(approvalSteps ? { approvalSteps } : {}),
  };
}

/** One unit and the units under it: the tasks that reached them, and the petitions they handle. */
export async function departmentDashboard(
  deps: DashboardDeps,
  caller: Caller,
  input: { orgUnitId: string; window: Window },
): Promise<z.input<typeof departmentDashboardAnswer>> {
  const department = await visibleDepartment(deps, callerUnits(caller), input.orgUnitId);
  const subject: Subject = { kind: 'department', units: department.units };
  const [parts, petitions] = await Promise.all([
    figures(deps, subject, input.window),
    petitionFigures(deps.prisma, subject, input.window),
  ]);
  return { orgUnitId: department.id, name: department.name, heatmap: null, ...parts, petitions };
}

/** What the caller may open: processes with their versions, and units. */
export async function listDashboards(
  deps: DashboardDeps,
  caller: Caller,
): Promise<z.input<typeof dashboardListAnswer>> {
  const units = callerUnits(caller);
  const [definitions, reached, unitRows] = await Promise.all([
    deps.prisma.processDefinition.findMany({
      select: { id: true, bpmnProcessId: true, version: true, name: true },
      orderBy: [{ bpmnProcessId: 'asc' }, { version: 'desc' }],
    }),
    units === null
      ? null
      : deps.prisma.$queryRaw<Array<{ definitionId: string }>>`
          SELECT DISTINCT "definitionId"::text FROM "TaskCreatedStat" WHERE "orgUnitId" = ANY(${units}::uuid[])`,
    deps.prisma.orgUnit.findMany({
      where: units === null ? {} : { id: { in: units } },
      select: { id: true, code: true, name: true },
      orderBy: { code: 'asc' },
    }),
  ]);
  const reachedIds = reached && new Set(reached.map(({ definitionId }) => definitionId));
  const processes = new Map<string, { processId: string; name: string | null; versions: number[] }>();
  for (const definition of definitions) {
    const entry = processes.get(definition.bpmnProcessId) ?? {
      processId: definition.bpmnProcessId,
      name: definition.name,
      versions: [],
    };
    entry.versions.push(definition.version);
    processes.set(definition.bpmnProcessId, entry);
  }
  const owned = caller.principal.ownedProcesses ?? [];
  const visible = [...processes.values()].filter(
    ({ processId }) =>
      !reachedIds ||
      owned.includes(processId) ||
      definitions.some((definition) => definition.bpmnProcessId === processId && reachedIds.has(definition.id)),
  );
  return { processes: visible, departments: unitRows };
}

/** `GET /api/process-definitions/:id/statistics`: the heatmap's figures of one version. */
export async function definitionStatistics(deps: DashboardDeps, caller: Caller, definitionId: string) {
  requireDashboardReader(caller);
  const definition = await findVisible(caller, 'read', 'ProcessDefinition', definitionId, (where) =>
    deps.prisma.processDefinition.findFirst({ where, select: { bpmnProcessId: true } }),
  );
  await visibleVersions(deps, processUnits(caller, definition.bpmnProcessId), definition.bpmnProcessId);
  return elementStatistics(deps.prisma, definitionId);
}

type Dashboard = Awaited<ReturnType<typeof processDashboard>> | Awaited<ReturnType<typeof departmentDashboard>>;

/** One part of a dashboard as the rows of its table. */
export function partRows(dashboard: Dashboard, part: DashboardPart): object[] {
  switch (part) {
    case 'throughput':
      return dashboard.throughput;
    case 'cycleTime':
      return [{ scope: 'endToEnd', ...dashboard.cycleTime.endToEnd }];
    case 'perElement':
      return dashboard.cycleTime.perElement;
    case 'sla':
      return [dashboard.sla];
    case 'backlog':
      return dashboard.backlog;
    case 'overdue':
      return dashboard.overdue;
    case 'bottlenecks':
      return dashboard.bottlenecks;
    case 'heatmap':
      return dashboard.heatmap?.elements ?? [];
    case 'petitions':
      return dashboard.petitions ? [dashboard.petitions] : [];
  }
}
