/**
 * The 예고문 scan's Temporal schedule: one per task queue, created by every worker at start-up and given the
 * worker's interval if it already exists. Overlapping scans are skipped; a scan marks each item before it acts, so
 * two would not act twice anyway.
 */
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { CLASSIFIED_REVIEW_WORKFLOW, classifiedReviewScheduleId } from '../../shared/workflow-contract';
import type { EngineDeps } from '../deps';

export async function scheduleClassifiedReview(
  { temporal, taskQueue }: Pick<EngineDeps, 'temporal' | 'taskQueue'>,
  intervalSeconds: number,
): Promise<void> {
  const scheduleId = classifiedReviewScheduleId(taskQueue);
  const spec = { intervals: [{ every: `${intervalSeconds}s` }] };
  try {
    await temporal.schedule.create({
      scheduleId,
      spec,
      action: { type: 'startWorkflow', workflowType: CLASSIFIED_REVIEW_WORKFLOW, taskQueue, args: [] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await temporal.schedule.getHandle(scheduleId).update((current) => ({ ...current, spec }));
  }
}
