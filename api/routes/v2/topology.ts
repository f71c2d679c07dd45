/** GET /v2/topology: one broker with one partition, the shape clients read to see that the cluster is up. */
import { Router } from 'express';

/** The Camunda REST API version whose shapes this engine answers in. */
export const CAMUNDA_API_VERSION = '8.8.0';

export function topologyRoutes(): Router {
  const router = Router();
  router.get('/', (req, res) => {
    res.json({
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
    });
  });
  return router;
}
