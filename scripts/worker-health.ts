/**
 * Is a worker serving? It is once it polls its task queue for workflow tasks: the SDK names each poller
 * `<pid>@<host>`. The cluster mode waits on this for a worker it started; as a process of its own it is the
 * worker container's health check (docker-compose.yml), passing while a worker on this host polls.
 */
import { hostname } from 'node:os';
import { Connection } from '@temporalio/client';
import { loadConfig } from '../platform/config';

/** TASK_QUEUE_TYPE_WORKFLOW of Temporal's API. */
const WORKFLOW_TASK_QUEUE = 1;

export async function pollsTaskQueue(opts: {
  address: string;
  namespace: string;
  taskQueue: string;
  /** Which poller: `${pid}@` for one process, `@${host}` for any on a host. */
  identity: (identity: string) => boolean;
}): Promise<boolean> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address: opts.address, connectTimeout: 1_000 });
    const { pollers } = await connection.workflowService.describeTaskQueue({
      namespace: opts.namespace,
      taskQueue: { name: opts.taskQueue },
      taskQueueType: WORKFLOW_TASK_QUEUE,
    });
    return pollers.some((poller) => opts.identity(poller.identity ?? ''));
  } catch {
    return false;
  } finally {
    await connection?.close();
  }
}

if (require.main === module) {
  const config = loadConfig();
  const host = hostname();
  void pollsTaskQueue({
    address: config.TEMPORAL_ADDRESS,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    identity: (identity) => identity.endsWith(`@${host}`),
  }).then((polls) => {
    if (!polls) console.error(`no worker on ${host} polls task queue ${config.TEMPORAL_TASK_QUEUE}`);
    process.exit(polls ? 0 : 1);
  });
}
