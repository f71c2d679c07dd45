/**
 * One 예고문 scan: a Temporal schedule starts this workflow at each interval (engine/classified/review-schedule.ts),
 * and the activity carries out every notice whose date has come. A failed scan is retried; the next one finds
 * whatever is still due.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

const { carryOutReviewNotices } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2, maximumAttempts: 5 },
});

export async function runClassifiedReview(): Promise<void> {
  await carryOutReviewNotices();
}
