/** The workflow bundle's entry point: every workflow type the worker registers. */
export { runProcess } from './run-process';
export { runTimerStart } from './timer-start';
