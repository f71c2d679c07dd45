/**
 * "Find it if the caller may see it, else 404" (docs/conventions.md §8): the ability's where-input goes inside the
 * query, so a row the caller may not see is never read, and the answer is the same as for a row that does not exist.
 */
import type { WhereInputOf } from '@casl/prisma/runtime';
import { AppError } from '../../shared/app-error';
import type { Prisma } from '../../platform/db';
import { accessibleWhere, type Action, type Caller, type ModelName } from '../auth/ability';
import { isUuid } from '../validation';

const described: Record<ModelName, string> = {
  UserTask: 'task',
  ProcessInstance: 'process instance',
  ProcessDefinition: 'process definition',
  Incident: 'incident',
  Form: 'form',
  Draft: 'draft',
  Batch: 'batch',
  ApprovalDocument: 'approval document',
  CourtCase: 'court case',
  Bidding: 'bidding',
  Bid: 'bid',
  BidObjection: 'objection',
  Petition: 'petition',
};

/**
 * The 404 of something the caller may not see (a row, or a whole resource such as the audit trail) or that does not
 * exist: the error handler records it as a denial.
 */
export class NotVisibleError extends AppError {
  constructor(
    readonly objectType: string,
    readonly objectId: string,
    message: string,
  ) {
    super('NOT_FOUND', message);
  }
}

/**
 * Which row: its UUID `id`, or a where-input on another key (a form id, a draft key) with that key's value for the
 * 404 message.
 */
export type RowKey<M extends ModelName> = string | { where: WhereInputOf<Prisma.TypeMap, M>; value: string };

/**
 * The row `find` returns for the where-input "this key, and allowed to the caller for this action"; NOT_FOUND when
 * it returns none, when the ability allows the action on no row of the model, or when an id is no UUID.
 */
export async function findVisible<M extends ModelName, Row>(
  { ability }: Caller,
  action: Action,
  model: M,
  key: RowKey<M>,
  find: (where: WhereInputOf<Prisma.TypeMap, M>) => Promise<Row | null>,
): Promise<Row> {
  const allowed = accessibleWhere(ability, action, model);
  // Every model here has a UUID `id`; TypeScript cannot see that through the generic model name.
  const match =
    typeof key === 'string' ? (isUuid(key) ? ({ id: key } as WhereInputOf<Prisma.TypeMap, M>) : null) : key.where;
  const row = allowed && match ? await find({ AND: [allowed, match] } as WhereInputOf<Prisma.TypeMap, M>) : null;
  if (!row) {
    const value = typeof key === 'string' ? key : key.value;
    throw new NotVisibleError(model, value, `No ${described[model]} ${value} is visible to you.`);
  }
  return row;
}
