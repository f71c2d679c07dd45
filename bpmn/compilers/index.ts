/**
 * The element compilers, one per supported BPMN element type. A flow node whose type is not listed here is
 * rejected at deploy time with its id; adding an element type means adding a compiler here and a behaviour in
 * workflows/elements/.
 */
import { compileBoundaryEvent } from './boundary-event';
import { compileEndEvent } from './end-event';
import { compileIntermediateCatchEvent } from './intermediate-catch-event';
import { compileExclusiveGateway } from './exclusive-gateway';
import { compileParallelGateway } from './parallel-gateway';
import { compilePassThrough } from './pass-through';
import { compileScriptTask } from './script-task';
import { compileServiceTask } from './service-task';
import { compileStartEvent } from './start-event';
import type { ElementCompiler } from './types';
import { compileUserTask } from './user-task';

export const elementCompilers: Readonly<Record<string, ElementCompiler>> = {
  'bpmn:StartEvent': compileStartEvent,
  'bpmn:EndEvent': compileEndEvent,
  'bpmn:UserTask': compileUserTask,
  'bpmn:ServiceTask': compileServiceTask,
  'bpmn:ScriptTask': compileScriptTask,
  'bpmn:Task': compilePassThrough('task'),
  'bpmn:ManualTask': compilePassThrough('manualTask'),
  'bpmn:IntermediateThrowEvent': compilePassThrough('intermediateThrowEvent'),
  'bpmn:IntermediateCatchEvent': compileIntermediateCatchEvent,
  'bpmn:BoundaryEvent': compileBoundaryEvent,
  'bpmn:ExclusiveGateway': compileExclusiveGateway,
  'bpmn:ParallelGateway': compileParallelGateway,
};

/** Flow elements without execution semantics: carried in the XML, skipped by the engine. */
export const passiveElementTypes: ReadonlySet<string> = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);
