/** Typed client for the On-Nara BPS REST API. Import as `import { api } from '../api'`. */
import * as approvals from './approvals';
import * as audit from './audit';
import * as auth from './auth';
import * as batches from './batches';
import * as dashboards from './dashboards';
import * as drafts from './drafts';
import * as eCourt from './e-court';
import * as forms from './forms';
import * as incidents from './incidents';
import * as instances from './instances';
import * as me from './me';
import * as org from './org';
import * as petitions from './petitions';
import * as processes from './processes';
import * as procurement from './procurement';
import * as records from './records';
import * as security from './security';
import * as tasks from './tasks';

export const api = {
  approvals,
  audit,
  auth,
  batches,
  dashboards,
  drafts,
  eCourt,
  forms,
  incidents,
  instances,
  me,
  org,
  petitions,
  processes,
  procurement,
  records,
  security,
  tasks,
};
export { ApiError, isAbort, setUnauthorizedHandler } from './http';
export type * from './types';
