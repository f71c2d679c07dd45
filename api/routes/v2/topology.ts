/** GET /v2/topology: one broker with one partition, the shape clients read to see that the cluster is up. */
import { Router } from 'express';
import { z } from 'zod';

/** The Camunda REST API version whose shapes this engine answers in. */
export const CAMUNDA_API_VERSION = '8.8.0';

/** Camunda's TopologyResponse, of a cluster of one. */
export const topologyAnswer = z.object({
  brokers: z.array(
    z.object({
      nodeId: z.number().int(),
      host: z.string(),
      port: z.number().int(),
      partitions: z.array(
        z.object({ partitionId: z.number().int(), role: z.literal('leader'), health: z.literal('healthy') }),
      ),
      version: z.string(),
    }),
  ),
  clusterSize: z.number().int(),
  partitionsCount: z.number().int(),
  replicationFactor: z.number().int(),
  gatewayVersion: z.string(),
  lastCompletedChangeId: z.string(),
});

export function topologyRoutes(): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const topology: z.input<typeof topologyAnswer> = {
      brokers: [
        {
          nodeId: 0,
          host: req.hostname,
          port: req.socket.localPort ?? 0,
          partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }],
          version: CAMUNDA_API_VERSION,
        },
      ],
      clusterSize: 1,
      partitionsCount: 1,
      replicationFactor: 1,
      gatewayVersion: CAMUNDA_API_VERSION,
      lastCompletedChangeId: '-1',
    };
    res.json(topology);
  });
  return router;
}
