/**
 * Conformance: inclusive and exclusive gateways on the real stack. The path taken, the variables and the element
 * history states are what a user sees in the instance view.
 */
import { variablesQuery } from '../../shared/workflow-contract';
import { completedPath, countIn, elementHistory } from '../support/element-history';
import { recordHistory } from '../support/histories';
import { completeTask, deployModel, openIncident, openTask, resolveIncident, start } from '../support/instances';
import { startTestStack, type TestStack } from '../support/stack';

const MODELS = [
  'inclusive-join-skipped-branch',
  'inclusive-join-waits-for-user-task',
  'inclusive-fork-default',
  'inclusive-no-default-incident',
  'exclusive-default',
  'exclusive-no-default-incident',
];

describe('gateways', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    for (const name of MODELS) await deployModel(stack, name);
  });
  afterAll(() => stack.stop());

  describe('inclusive gateway', () => {
    it('a fork with one false condition: the join waits for the two live branches only, and what follows runs once', async () => {
      // given an application that needs documents and a fee, but no site visit
      const { instanceId, result } = await start(stack, 'inclusive-join-skipped-branch', {
        needsDocuments: true,
        fee: 3000,
        needsSiteVisit: false,
        log: [],
      });
      // then both live branches ran, the skipped one never started, and the join let exactly one token on
      const { endElementId, variables } = await result();
      expect(endElementId).toBe('done');
      expect(variables.log).toHaveLength(3);
      expect(variables.log).toEqual(expect.arrayContaining(['documents', 'fee']));
      expect((variables.log as string[])[2]).toBe('recorded');
      const completed = await countIn(stack, instanceId, 'COMPLETED');
      expect(completed).toMatchObject({ fork: 1, 'check-documents': 1, 'charge-fee': 1, record: 1, done: 1 });
      expect(completed['visit-site']).toBeUndefined();
      const history = await elementHistory(stack, instanceId);
      expect(history.some((row) => row.elementId === 'visit-site')).toBe(false);
      expect(history.every((row) => row.state === 'COMPLETED')).toBe(true);
      await recordHistory(stack.temporal, instanceId, 'conformance-inclusive-join-skipped-branch');
    });

    it('the join does not fire while a live branch still has an open user task', async () => {
      // given a review on one branch and a fee on the other, no site visit
      const { instanceId, handle, result } = await start(stack, 'inclusive-join-waits-for-user-task', {
        needsReview: true,
        fee: 1000,
        needsSiteVisit: false,
        log: [],
      });
      await openTask(stack, instanceId, 'review');
      // while the review is open the fee branch has run, but nothing after the join
      const before = await handle.query(variablesQuery);
      expect(before.log).toEqual(['fee']);
      expect((await handle.describe()).status.name).toBe('RUNNING');
      // when the review is completed
      await completeTask(stack, instanceId, 'review', { reviewed: true });
      // then the join fires once and the instance completes
      const { endElementId, variables } = await result();
      expect(endElementId).toBe('done');
      expect(variables).toMatchObject({ reviewed: true, log: ['fee', 'recorded'] });
      expect(await countIn(stack, instanceId, 'COMPLETED')).toMatchObject({
        review: 1,
        'charge-fee': 1,
        record: 1,
        done: 1,
      });
      expect((await completedPath(stack, instanceId)).indexOf('record')).toBeGreaterThan(
        (await completedPath(stack, instanceId)).indexOf('review'),
      );
    });

    it('a fork with no true condition takes the default flow', async () => {
      const { instanceId, result } = await start(stack, 'inclusive-fork-default', { express: false, count: 3 });
      expect((await result()).endElementId).toBe('standard-end');
      expect(await completedPath(stack, instanceId)).toEqual(['start', 'route', 'standard-end']);
    });

    it('a fork with two true conditions takes both and not the default', async () => {
      const { instanceId, result } = await start(stack, 'inclusive-fork-default', { express: true, count: 500 });
      await result();
      const completed = await countIn(stack, instanceId, 'COMPLETED');
      expect(completed).toMatchObject({ 'express-end': 1, 'bulk-end': 1 });
      expect(completed['standard-end']).toBeUndefined();
    });

    it('a fork with no true condition and no default stops with an incident; resolving it with new variables continues', async () => {
      // given neither an express nor a bulk order
      const { instanceId, result } = await start(stack, 'inclusive-no-default-incident', { express: false, count: 1 });
      // then the instance stops at the gateway with an incident
      const incident = await openIncident(stack, instanceId);
      expect(incident.elementId).toBe('route');
      expect(incident.message).toContain('no outgoing condition');
      expect((await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).state).toBe(
        'INCIDENT',
      );
      // when an operator makes it an express order and resolves the incident
      await resolveIncident(stack, instanceId, incident.id, { express: true });
      // then the gateway runs again and takes the express flow
      const { endElementId, variables } = await result();
      expect(endElementId).toBe('express-end');
      expect(variables).toMatchObject({ express: true, count: 1 });
      expect((await stack.prisma.incident.findUniqueOrThrow({ where: { id: incident.id } })).state).toBe('RESOLVED');
      expect(await completedPath(stack, instanceId)).toEqual(['start', 'route', 'express-end']);
    });
  });

  describe('exclusive gateway', () => {
    it('takes the flow whose condition is true', async () => {
      const { instanceId, result } = await start(stack, 'exclusive-default', { score: 95 });
      expect((await result()).endElementId).toBe('auto-approved');
      expect(await completedPath(stack, instanceId)).toEqual(['start', 'decide', 'auto-approved']);
    });

    it('takes the default flow when no condition is true', async () => {
      const { instanceId, result } = await start(stack, 'exclusive-default', { score: 40 });
      expect((await result()).endElementId).toBe('manual-review');
      expect(await completedPath(stack, instanceId)).toEqual(['start', 'decide', 'manual-review']);
    });

    it('with no true condition and no default stops with an incident; resolving it with new variables continues', async () => {
      const { instanceId, result } = await start(stack, 'exclusive-no-default-incident', { score: 60 });
      const incident = await openIncident(stack, instanceId);
      expect(incident.elementId).toBe('decide');
      const decide = (await elementHistory(stack, instanceId)).find((row) => row.elementId === 'decide');
      expect(decide?.state).toBe('INCIDENT');
      await resolveIncident(stack, instanceId, incident.id, { score: 90 });
      const { endElementId, variables } = await result();
      expect(endElementId).toBe('approved');
      expect(variables.score).toBe(90);
      expect(await completedPath(stack, instanceId)).toEqual(['start', 'decide', 'approved']);
    });
  });
});
