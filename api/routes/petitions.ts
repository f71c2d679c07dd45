/**
 * Civil petitions: POST / files one (starts the civil-petition process), GET / lists those the caller may see, GET
 * /:id shows one with its history; GET /types lists the petition types with their limits, GET /types/:code one of them, POST /types
 * lets administrators add a statutory type; GET /deadline answers when a petition of a type is due, with the
 * explanation of its count (docs/civil-petition.md).
 */
import { Router } from 'express';
import { z } from 'zod';
import { generalPetitionTypes, PETITION_TYPE_CODE } from '../../gov/petitions/types';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { filePetition, getPetition, listPetitions } from '../services/petition-cases';
import { addPetitionType, getPetitionType, listPetitionTypes, petitionDeadlineFor } from '../services/petitions';
import { parseInput } from '../validation';

const generalCodes = generalPetitionTypes.map((type) => type.code).join(', ');

export const petitionDeadlineQuery = z.object({
  type: z.string({ error: `is required: a petition type, e.g. one of ${generalCodes}` }),
  receivedAt: z.string({
    error: 'is required: the receipt instant in ISO 8601 with an offset, e.g. 2026-03-03T10:00:00+09:00',
  }),
});

const limitAmount = z
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(10_000, 'must be at most 10000');

export const addPetitionTypeBody = z.object({
  code: z
    .string({ error: 'is required: a code in lower case with hyphens, e.g. food-business-report' })
    .max(64, 'must be at most 64 characters')
    .regex(PETITION_TYPE_CODE, 'must be lower-case letters and digits joined by hyphens, e.g. food-business-report'),
  name: z
    .string({ error: 'is required: the name clerks know the type by, e.g. 영업신고' })
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters'),
  limit: z.discriminatedUnion(
    'unit',
    [
      z.object({ unit: z.literal('immediately') }).strict(),
      z.object({ unit: z.enum(['hours', 'days', 'weeks', 'months', 'years']), amount: limitAmount }).strict(),
    ],
    { error: "must be {unit: 'immediately'} or {unit: hours|days|weeks|months|years, amount: N}" },
  ),
  basis: z
    .string({ error: 'is required: the provision that sets the limit, e.g. 식품위생법 시행규칙 제42조' })
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters'),
});

/** The filing's shape; its fields are checked against the deployed filing form in the service. */
export const filePetitionBody = z.object({
  typeCode: z.string({ error: 'is required: a petition type code' }),
  title: z.string({ error: 'is required' }),
  content: z.string({ error: 'is required' }),
  petitioner: z.object({ name: z.string({ error: 'is required' }), email: z.string({ error: 'is required' }) }),
  receivedAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with its offset' }).optional(),
});

export function petitionRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/types', async (req, res) => {
    res.json({ items: await listPetitionTypes(deps, caller(req)) });
  });

  router.get('/types/:code', async (req, res) => {
    res.json(await getPetitionType(deps, caller(req), req.params.code));
  });

  router.post('/types', async (req, res) => {
    const input = parseInput(addPetitionTypeBody, req.body ?? {});
    res.status(201).json(await addPetitionType(deps, caller(req), input));
  });

  router.get('/deadline', async (req, res) => {
    const query = parseInput(petitionDeadlineQuery, req.query, 'query');
    res.json(await petitionDeadlineFor(deps, caller(req), query));
  });

  router.post('/', async (req, res) => {
    const input = parseInput(filePetitionBody, req.body ?? {});
    res.status(201).json(await filePetition(deps, caller(req), input));
  });

  router.get('/', async (req, res) => {
    res.json({ items: await listPetitions(deps, caller(req)) });
  });

  router.get('/:id', async (req, res) => {
    res.json(await getPetition(deps, caller(req), req.params.id));
  });

  return router;
}
