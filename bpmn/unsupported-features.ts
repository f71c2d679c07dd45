/**
 * BPMN element types the engine does not run. Silently skipping one would run a different process from the one the
 * analyst drew, so each is refused at deploy time with its id and a model that does the same.
 */
/** Element types the engine will not run, with the reason an analyst can act on. */
export const unsupportedElementReasons: Readonly<Record<string, string>> = {
  'bpmn:Transaction': 'transactions are not supported; use an embedded sub-process with compensation boundary events',
  'bpmn:AdHocSubProcess':
    'ad-hoc sub-processes are not supported; model the order explicitly, e.g. with an inclusive gateway',
  'bpmn:ComplexGateway':
    'ComplexGateway elements are not supported by this engine; use an exclusive, inclusive or parallel gateway',
};
