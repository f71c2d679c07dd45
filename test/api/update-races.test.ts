/**
 * An update a workflow is still running when its instance is canceled fails with a cancellation; the API answers
 * 409, never a 500 (a fuzzer found a suspend racing a cancel).
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import express from 'express';
import request from 'supertest';
import { errorHandler } from '../../api/errors';
import type { PrismaClient } from '../../platform/db';
import { createLogger } from '../../platform/logger';

function appThrowing(error: unknown) {
  const app = express();
  app.post('/api/process-instances/:id/suspend', () => {
    throw error;
  });
  app.use(errorHandler({ logger: createLogger('test', 'silent'), prisma: {} as PrismaClient }));
  return app;
}

describe('an update that meets a canceled instance', () => {
  it('answers 409 CONFLICT naming the cancellation', async () => {
    const canceled = new WorkflowUpdateFailedError(
      'Workflow Update failed',
      new CancelledFailure('Workflow cancelled'),
    );
    const response = await request(appThrowing(canceled)).post('/api/process-instances/x/suspend');
    expect(response.status).toBe(409);
    expect(response.body).toEqual({
      code: 'CONFLICT',
      message: 'The instance was canceled while this request ran; nothing else was done.',
    });
  });

  it('still answers 500 for an update that failed for any other reason', async () => {
    const failed = new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ message: 'x' }));
    const response = await request(appThrowing(failed)).post('/api/process-instances/x/suspend');
    expect(response.status).toBe(500);
    expect(response.body).toMatchObject({ code: 'INTERNAL' });
  });
});
