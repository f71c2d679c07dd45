/**
 * Legal time: GET /deadline counts a statutory deadline with its explanation; GET /holidays lists a year's
 * holidays; POST /holidays and DELETE /holidays/:date let administrators declare and withdraw holidays.
 */
import { Router } from 'express';
import { z } from 'zod';
import { isLocalDate, ruleNames, type Period } from '../../gov/calendar';
import { AppError } from '../../shared/app-error';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { deadline, declareHoliday, listHolidays, withdrawHoliday } from '../services/calendar';
import { parseInput } from '../validation';

const PERIOD_UNITS = ['days', 'hours', 'weeks', 'months', 'years'] as const;
const periodAmount = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(10_000, 'must be at most 10000');
const localDate = z.string().refine(isLocalDate, 'must be a date in the form YYYY-MM-DD');

export const deadlineQuery = z
  .object({
    receivedAt: z.string({
      error: 'is required: the receipt instant in ISO 8601 with an offset, e.g. 2026-03-03T10:00:00+09:00',
    }),
    rule: z.string({ error: `is required: one of ${ruleNames.join(', ')}` }),
    days: periodAmount.optional(),
    hours: periodAmount.optional(),
    weeks: periodAmount.optional(),
    months: periodAmount.optional(),
    years: periodAmount.optional(),
    immediately: z.literal('true', { error: "must be 'true' when given" }).optional(),
    excluded: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((value) => (value === undefined ? [] : [value].flat())),
  })
  .superRefine((query, context) => {
    const given = [
      ...PERIOD_UNITS.filter((unit) => query[unit] !== undefined),
      ...(query.immediately ? ['immediately'] : []),
    ];
    if (given.length === 0) {
      context.addIssue({
        code: 'custom',
        path: ['days'],
        message: 'the period is missing: give one of days, hours, weeks, months, years or immediately=true',
      });
    } else if (given.length > 1) {
      context.addIssue({
        code: 'custom',
        path: [given[1] as string],
        message: `give only one period, not both ${given.join(' and ')}`,
      });
    }
  });

export const holidaysQuery = z.object({
  year: z.coerce
    .number({ error: 'is required: a year, e.g. 2026' })
    .int('must be a whole year')
    .min(1900, 'must be a year')
    .max(9999, 'must be a year'),
});

export const declareHolidayBody = z.object({
  date: localDate,
  name: z
    .string({ error: 'is required: the holiday name, e.g. 임시공휴일' })
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters'),
});

export function calendarRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/deadline', async (req, res) => {
    const query = parseInput(deadlineQuery, req.query, 'query');
    res.json(
      await deadline(deps, caller(req), {
        rule: query.rule,
        receivedAt: query.receivedAt,
        period: periodOf(query),
        excluded: query.excluded,
      }),
    );
  });

  router.get('/holidays', async (req, res) => {
    const { year } = parseInput(holidaysQuery, req.query, 'query');
    res.json(await listHolidays(deps, caller(req), year));
  });

  router.post('/holidays', async (req, res) => {
    const input = parseInput(declareHolidayBody, req.body ?? {});
    res.status(201).json(await declareHoliday(deps, caller(req), input));
  });

  router.delete('/holidays/:date', async (req, res) => {
    const date = parseInput(localDate, req.params.date, 'date');
    await withdrawHoliday(deps, caller(req), date);
    res.status(204).end();
  });

  return router;
}

function periodOf(query: z.infer<typeof deadlineQuery>): Period {
  if (query.immediately) return { unit: 'immediately' };
  const unit = PERIOD_UNITS.find((candidate) => query[candidate] !== undefined);
  const amount = unit && query[unit];
  if (!unit || amount === undefined)
    throw new AppError('VALIDATION_FAILED', 'Invalid query: days: the period is missing.');
  return { unit, amount };
}
