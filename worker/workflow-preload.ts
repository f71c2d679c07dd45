/**
 * The pure modules of the workflow sandbox, imported exactly as workflow code imports them (as ES modules): the bundle
 * evaluates this module once per worker thread (PRELOADED_MODULES), and every workflow then finds these modules
 * evaluated. A bare `require('luxon')` in the preload list would not do: the bundler resolves it to luxon's CommonJS
 * build, which no workflow uses, and drops a required module that declares no side effects.
 * Only modules without per-workflow state belong here: the sandbox shares them between workflows and freezes what
 * they export.
 */
import '../shared/sandbox-stack-traces';

export * as feelin from '@bpmn-io/feelin';
export * as luxon from 'luxon';
export * as holidays from '@hyunbinseo/holidays-kr/all';
/** Its cache of syntax checks, a pure function of the source, then serves every workflow of the thread. */
export * as feel from '../shared/feel';
export * as calendar from '../gov/calendar';
