/**
 * The reconciler (engine/reconciler.ts) run by the chaos runner every few seconds and once before the verdict, with
 * a short grace period: what it repaired is part of the report. A pass that fails (a dependency is down) is counted
 * and the next one tries again.
 */
import { Client as Temporal, Connection } from '@temporalio/client';
import type { Logger } from 'pino';
import { reconcileInstances, type Repair } from '../../engine/reconciler';
import { createPrisma } from '../../platform/db';
import { pause } from './bots';

const INTERVAL_MS = 15_000;
const GRACE_MS = 10_000;

export class ReconcilerPasses {
  readonly repairs: Repair[] = [];
  passes = 0;
  failedPasses = 0;
  private running = true;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly target: { databaseUrl: string; temporalAddress: string; namespace: string; taskQueue: string },
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.loop = (async () => {
      while (this.running) {
        await pause(INTERVAL_MS);
        if (this.running) await this.pass();
      }
    })();
  }

  /** Stops the periodic passes, then runs one last pass (retried while a dependency is still coming back). */
  async finish(): Promise<void> {
    this.running = false;
    await this.loop;
    for (let attempt = 0; attempt < 5 && !(await this.pass()); attempt++) await pause(2_000);
  }

  private async pass(): Promise<boolean> {
    const prisma = createPrisma(this.target.databaseUrl);
    const connection = await Connection.connect({ address: this.target.temporalAddress, connectTimeout: 2_000 }).catch(
      () => undefined,
    );
    try {
      if (!connection) throw new Error('Temporal is not reachable');
      const temporal = new Temporal({ connection, namespace: this.target.namespace });
      const report = await reconcileInstances(
        { prisma, temporal, taskQueue: this.target.taskQueue, logger: this.logger },
        { graceMs: GRACE_MS },
      );
      this.repairs.push(...report.repairs);
      this.passes += 1;
      return true;
    } catch {
      this.failedPasses += 1;
      return false;
    } finally {
      await Promise.allSettled([prisma.$disconnect(), connection?.close()]);
    }
  }
}
