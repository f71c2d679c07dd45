/**
 * One behaviour per element type. The mapped type makes the registry total: a graph element type without a
 * behaviour fails to compile, and each behaviour receives its own element shape.
 */
import type { ElementType } from '../../shared/graph';
import type { ElementBehaviour } from './behaviour';
import { boundaryEvent } from './boundary-event';
import { endEvent } from './end-event';
import { intermediateCatchEvent } from './intermediate-catch-event';
import { legalClock } from './legal-clock';
import { exclusiveGateway } from './exclusive-gateway';
import { parallelGateway } from './parallel-gateway';
import { passThrough } from './pass-through';
import { scriptTask } from './script-task';
import { serviceTask } from './service-task';
import { startEvent } from './start-event';
import { userTask } from './user-task';

export const behaviours: { [T in ElementType]: ElementBehaviour<T> } = {
  startEvent,
  endEvent,
  userTask,
  serviceTask,
  scriptTask,
  exclusiveGateway,
  parallelGateway,
  passThrough,
  legalClock,
  intermediateCatchEvent,
  boundaryEvent,
};
