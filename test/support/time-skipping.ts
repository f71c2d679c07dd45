/**
 * A suite on Temporal's time-skipping test server: timers of hours or days pass in milliseconds when the test
 * calls skip(). The server comes from PyPI (scripts/ensure-test-server.sh); the global setup finds it.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { quietTemporalRuntime } from './runtime';
import { requiredEnv, startTestStack, type TestStack } from './stack';

export interface TimeSkippingStack extends TestStack {
  /** Advances the server's clock (and fires the timers due meanwhile). */
  skip(duration: string | number): Promise<void>;
  /** Advances the server's clock to an instant (epoch ms). */
  skipTo(instant: number): Promise<void>;
}

export async function startTimeSkippingStack(): Promise<TimeSkippingStack> {
  quietTemporalRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: requiredEnv('TEMPORAL_TEST_SERVER') } },
  });
  const stack = await startTestStack({ temporalAddress: env.address });
  return {
    ...stack,
    skip: (duration) => env.sleep(duration),
    skipTo: async (instant) => {
      const now = await env.currentTimeMs();
      if (instant > now) await env.sleep(instant - now);
    },
    stop: async () => {
      await stack.stop();
      await env.teardown();
    },
  };
}
