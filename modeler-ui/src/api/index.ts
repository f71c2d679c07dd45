/** Typed client for the On-Nara BPS REST API. Import as `import { api } from '../api'`. */
import * as auth from './auth';
import * as tasks from './tasks';

export const api = { auth, tasks };
export { ApiError, isAbort, setUnauthorizedHandler } from './http';
export type * from './types';
