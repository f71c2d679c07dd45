/** The records metadata a document gets when it is drafted (docs/records.md). */
import { disclosureProblem, type DisclosureClass, type RetentionPeriod } from '../../gov/records';
import { AppError } from '../../shared/app-error';

export interface DocumentRecordsInput {
  retention?: RetentionPeriod;
  disclosure?: DisclosureClass;
  nonDisclosureGrounds?: number[];
}

/** The 처리과 is the drafter's unit when drafting: without one, the document could never be registered. */
export function processingUnitOf(drafter: { username: string; orgUnitId?: string | null }): string {
  if (!drafter.orgUnitId) {
    throw new AppError(
      'NO_PROCESSING_UNIT',
      `${drafter.username} belongs to no unit, and a document is registered in its drafter's unit (처리과). An administrator places people in units on the org chart.`,
    );
  }
  return drafter.orgUnitId;
}

/** The drafter's choice, refused (400) when the grounds do not fit the disclosure class (정보공개법 §9①). */
export function checkedRecords(records: DocumentRecordsInput = {}): DocumentRecordsInput {
  const problem = disclosureProblem(records.disclosure ?? 'PUBLIC', records.nonDisclosureGrounds ?? []);
  if (problem) throw new AppError('VALIDATION_FAILED', `Invalid records fields: nonDisclosureGrounds: ${problem}`);
  return records;
}
