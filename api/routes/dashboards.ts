/**
 * Dashboards for managers and analysts (read-only): the list of what the caller may open, one process, one
 * department. `?format=csv&part=…` answers one part's table as CSV.
 */
import { Router, type Response } from 'express';
import { z } from 'zod';
import { formatKst, isLocalDate } from '../../gov/calendar';
import { addDays } from '../../gov/calendar/local-date';
import { AppError } from '../../shared/app-error';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { toCsv } from '../services/dashboards/csv';
import {
  DASHBOARD_PARTS,
  departmentDashboard,
  listDashboards,
  partRows,
  processDashboard,
} from '../services/dashboards/dashboards';
import type { Window } from '../services/dashboards/figures';
import { parseInput } from '../validation';
import { jsonAnswer } from './openapi-schema';

/** The longest window a dashboard answers: two years of days. */
const MAX_WINDOW_DAYS = 731;
const DEFAULT_WINDOW_DAYS = 30;

const localDate = z.string().refine(isLocalDate, 'must be a date in the form YYYY-MM-DD');

/** A dashboard's query: its window (the last 30 days by default) and a CSV part; unknown fields are refused. */
const windowFields = {
  from: localDate.optional(),
  to: localDate.optional(),
  bucket: z.enum(['day', 'week'], { error: 'must be day or week' }).default('day'),
  format: z.enum(['json', 'csv'], { error: 'must be json or csv' }).default('json'),
  part: z.enum(DASHBOARD_PARTS, { error: `must be one of ${DASHBOARD_PARTS.join(', ')}` }).optional(),
};
const processQuery = z.strictObject({ ...windowFields, version: z.coerce.number().int().positive().optional() });
const departmentQuery = z.strictObject(windowFields);
type DashboardQuery = z.infer<typeof departmentQuery>;

function windowOf({ from, to, bucket, format, part }: DashboardQuery): Window {
  const end = to ?? formatKst(Date.now()).slice(0, 10);
  const window = { from: from ?? addDays(end, 1 - DEFAULT_WINDOW_DAYS), to: end, bucket };
  const days = (Date.parse(`${window.to}T00:00:00Z`) - Date.parse(`${window.from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days < 1) throw new AppError('VALIDATION_FAILED', 'Invalid query: from: must not be after to');
  if (days > MAX_WINDOW_DAYS)
    throw new AppError('VALIDATION_FAILED', `Invalid query: from: the window may span at most ${MAX_WINDOW_DAYS} days`);
  if (format === 'csv' && !part)
    throw new AppError('VALIDATION_FAILED', 'Invalid query: part: a CSV answer needs the part to export');
  return window;
}

/** The dashboard as JSON, or with `format=csv` one part's table as a CSV file. */
export function dashboardAnswer(description: string, schema: z.ZodType) {
  const json = jsonAnswer(description, schema);
  return { ...json, content: { ...json.content, 'text/csv': { schema: { type: 'string' } } } };
}

function answer(res: Response, query: DashboardQuery, name: string, dashboard: Parameters<typeof partRows>[0]) {
  if (query.format === 'json' || !query.part) return res.json(dashboard);
  const file = `${name}-${query.part}.csv`.replace(/[^\w.-]/g, '_');
  res
    .type('text/csv; charset=utf-8')
    .attachment(file)
    .send(toCsv(partRows(dashboard, query.part)));
}

export function dashboardRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json(await listDashboards(deps, caller(req)));
  });

  router.get('/process/:processId', async (req, res) => {
    const query = parseInput(processQuery, req.query, 'query');
    const { processId } = req.params;
    const dashboard = await processDashboard(deps, caller(req), {
      processId,
      version: query.version,
      window: windowOf(query),
    });
    answer(res, query, processId, dashboard);
  });

  router.get('/department/:orgUnitId', async (req, res) => {
    const query = parseInput(departmentQuery, req.query, 'query');
    const { orgUnitId } = req.params;
    const dashboard = await departmentDashboard(deps, caller(req), { orgUnitId, window: windowOf(query) });
    answer(res, query, dashboard.name, dashboard);
  });

  return router;
}
