/**
 * The element compilers, one per supported BPMN element type. A flow node whose type is not listed here is
 * rejected at deploy time with its id; adding an element type means adding a compiler here and a behaviour in
 * workflows/elements/.
 */
import { compileBoundaryEvent } from './boundary-event';
import { compileBusinessRuleTask } from './business-rule-task';
import { compileCallActivity } from './call-activity';
import { compileEndEvent } from './end-event';
import { compileEventBasedGateway } from './event-based-gateway';
import { compileExclusiveGateway } from './exclusive-gateway';
import { compileInclusiveGateway } from './inclusive-gateway';
import { compileIntermediateCatchEvent } from './intermediate-catch-event';
import { compileIntermediateThrowEvent } from './intermediate-throw-event';
import { compileParallelGateway } from './parallel-gateway';
import { compilePassThrough } from './pass-through';
import { compileReceiveTask } from './receive-task';
import { compileScriptTask } from './script-task';
import { compileSendTask } from './send-task';
import { compileServiceTask } from './service-task';
import { compileStartEvent } from './start-event';
import { compileSubProcess } from './sub-process';
import type { ElementCompiler } from './types';
import { compileUserTask } from './user-task';

export const elementCompilers: Readonly<Record<string, ElementCompiler>> = {
  'bpmn:StartEvent': compileStartEvent,
  'bpmn:EndEvent': compileEndEvent,
  'bpmn:UserTask': compileUserTask,
  'bpmn:ServiceTask': compileServiceTask,
  'bpmn:SendTask': compileSendTask,
  'bpmn:BusinessRuleTask': compileBusinessRuleTask,
  'bpmn:ScriptTask': compileScriptTask,
  'bpmn:ReceiveTask': compileReceiveTask,
  'bpmn:Task': compilePassThrough('task'),
  'bpmn:ManualTask': compilePassThrough('manualTask'),
  'bpmn:SubProcess': compileSubProcess,
  'bpmn:CallActivity': compileCallActivity,
  'bpmn:IntermediateThrowEvent': compileIntermediateThrowEvent,
  'bpmn:IntermediateCatchEvent': compileIntermediateCatchEvent,
  'bpmn:BoundaryEvent': compileBoundaryEvent,
  'bpmn:ExclusiveGateway': compileExclusiveGateway,
  'bpmn:InclusiveGateway': compileInclusiveGateway,
  'bpmn:EventBasedGateway': compileEventBasedGateway,
  'bpmn:ParallelGateway': compileParallelGateway,
};

/** Flow elements without execution semantics: carried in the XML, skipped by the engine. */
export const passiveElementTypes: ReadonlySet<string> = new Set([
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
]);

/** Container types whose flow elements form a scope of their own (flattened into the graph with a parentId). */
export const scopeElementTypes: ReadonlySet<string> = new Set(['bpmn:SubProcess']);
