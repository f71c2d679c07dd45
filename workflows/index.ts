/** The workflow bundle's entry point: every workflow type the worker registers. */
export { runBatch } from './batch';
export { runClassifiedReview } from './classified-review';
export { runNotificationDispatcher } from './notification-dispatcher';
export { runProcess } from './run-process';
export { runTimerStart } from './timer-start';
