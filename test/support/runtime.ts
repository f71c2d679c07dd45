import { DefaultLogger, Runtime } from '@temporalio/worker';

/** The SDK's own log lines (worker state changes) at WARN, so test output shows what matters. */
export function quietTemporalRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed by an earlier suite in this process.
  }
}
