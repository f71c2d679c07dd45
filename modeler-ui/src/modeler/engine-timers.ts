/**
 * Camunda 8 allows no duration on a timer start event, and its modeler deletes one whenever the event is moved or
 * edited (a draft would lose the timer without anyone noticing). Our engine runs such a timer (one instance, that long
 * after the deploy), so this module replaces that clean-up with nothing.
 */
export const keepEngineTimersModule = {
  cleanUpTimerExpressionBehavior: ['value', {}],
};
