/**
 * How many frames a stack trace keeps inside Temporal's workflow sandbox, set once per worker thread by a preloaded
 * module (worker/workflow-preload.ts): preloading runs before the SDK freezes the sandbox's globals. The SDK captures
 * a stack trace for every promise that workflow code creates (for its stack-trace query) and maps each frame through
 * the bundle's source map: keeping three of V8's default ten saves about a seventh of the interpreter's CPU per
 * instance (docs/benchmarks.md). Three frames still name where an error was thrown, and what created a promise.
 */
export const SANDBOX_STACK_FRAMES = 3;

// A sandbox that did not preload (the SDK's non-reusable context) has frozen Error by now: keep its default there.
if (Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit')?.writable) Error.stackTraceLimit = SANDBOX_STACK_FRAMES;
