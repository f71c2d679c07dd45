/** Typed client for the On-Nara BPS REST API. Import as `import { api } from '../api'`. */
import * as auth from './auth';
import * as incidents from './incidents';
import * as instances from './instances';
import * as tasks from './tasks';

export const api = { auth, incidents, instances, tasks };
export { ApiError, isAbort, setUnauthorizedHandler } from './http';
export type * from './types';
