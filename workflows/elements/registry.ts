/**
 * One behaviour per element type. The mapped type makes the registry total: a graph element type without a
 * behaviour fails to compile, and each behaviour receives its own element shape.
 */
import type { ElementType } from '../../shared/graph';
import type { ElementBehaviour } from './behaviour';
import { boundaryEvent } from './boundary-event';
import { businessRuleTask } from './business-rule-task';
import { callActivity } from './call-activity';
import { endEvent } from './end-event';
import { eventBasedGateway } from './event-based-gateway';
import { eventSubProcess } from './event-sub-process';
import { exclusiveGateway } from './exclusive-gateway';
import { inclusiveGateway } from './inclusive-gateway';
import { intermediateCatchEvent } from './intermediate-catch-event';
import { legalClock } from './legal-clock';
import { parallelGateway } from './parallel-gateway';
import { passThrough } from './pass-through';
import { receiveTask } from './receive-task';
import { scriptTask } from './script-task';
import { serviceTask } from './service-task';
import { startEvent } from './start-event';
import { subProcess } from './sub-process';
import { throwEvent } from './throw-event';
import { userTask } from './user-task';

export const behaviours: { [T in ElementType]: ElementBehaviour<T> } = {
  startEvent,
  endEvent,
  userTask,
  serviceTask,
  scriptTask,
  businessRuleTask,
  receiveTask,
  exclusiveGateway,
  inclusiveGateway,
  parallelGateway,
  eventBasedGateway,
  passThrough,
  legalClock,
  intermediateCatchEvent,
  throwEvent,
  boundaryEvent,
  subProcess,
  eventSubProcess,
  callActivity,
};
