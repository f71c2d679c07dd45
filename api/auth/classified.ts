/**
 * Need-to-know for classified work (docs/access.md): a classified instance, its tasks and its documents are visible
 * only to a person whose clearance covers the grade and who is on the instance's need-to-know list. Every rule of
 * the ability that opens instances or tasks is narrowed by these conditions, so a list and a detail page agree.
 */
import type { WhereInputOf } from '@casl/prisma/runtime';
import { gradesCoveredBy } from '../../gov/security-grades';
import type { Prisma } from '../../prisma/generated/client';
import type { Principal } from './ability';

type InstanceWhere = WhereInputOf<Prisma.TypeMap, 'ProcessInstance'>;

/** The instances the principal may see as far as classification goes: unclassified, or cleared and listed. */
export function classifiedInstanceCondition(principal: Principal): InstanceWhere {
  const grades = gradesCoveredBy(principal.clearance);
  if (grades.length === 0) return { classification: null };
  return {
    OR: [{ classification: null }, { classification: { in: grades }, needToKnow: { some: { userId: principal.id } } }],
  };
}

/**
 * The same condition for a task. The task row carries its instance's grade (kept by triggers, see its migration),
 * so unclassified work is decided on the row alone; a classified task is still judged through its instance (`is`:
 * CASL reads a to-one relation only that way), whose need-to-know list the task does not copy.
 */
export function classifiedTaskCondition(principal: Principal): WhereInputOf<Prisma.TypeMap, 'UserTask'> {
  if (gradesCoveredBy(principal.clearance).length === 0) return { classification: null };
  return { OR: [{ classification: null }, { processInstance: { is: classifiedInstanceCondition(principal) } }] };
}
