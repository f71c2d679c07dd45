/** The 예고문 scan's activity (workflows/classified-review.ts) over the engine function that does the work. */
import { carryOutReviewNotices } from '../engine/classified/review';
import type { ActivityDeps } from './deps';

export function createClassifiedReviewActivities(deps: ActivityDeps) {
  return {
    /** Re-grades, declassifies or destroys what is due now; returns how many items it changed. */
    async carryOutReviewNotices(): Promise<{ changed: number }> {
      const done = await carryOutReviewNotices(deps.prisma, deps.now());
      if (done.length > 0) deps.logger.info({ done }, 'classified review notices carried out');
      return { changed: done.length };
    },
  };
}
