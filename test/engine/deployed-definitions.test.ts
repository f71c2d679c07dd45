import { randomUUID } from 'node:crypto';
import { deployedDefinitions, type DeployedDefinition } from '../../engine/deployed-definitions';

/** A stand-in for Prisma's processDefinition delegate that counts the queries it answers. */
function fakeDatabase(rows: DeployedDefinition[]) {
  const asked: string[][] = [];
  const prisma = {
    processDefinition: {
      findMany: ({ where }: { where: { id: { in: string[] } } }) => {
        asked.push(where.id.in);
        return Promise.resolve(rows.filter((row) => where.id.in.includes(row.id)));
      },
    },
  } as unknown as Parameters<typeof deployedDefinitions>[0];
  return { prisma, asked };
}

function definition(): DeployedDefinition {
  return {
    id: randomUUID(),
    bpmnProcessId: 'demo-approval',
    version: 1,
    name: null,
    resourceName: null,
    graph: {},
    versionTag: null,
    contentHash: 'hash',
    deployedById: null,
    deployedAt: new Date(),
    formVersions: {},
    sensitiveVariables: ['residentNumber'],
  };
}

describe('deployedDefinitions', () => {
  it('reads a definition once: later reads of it answer without a query, and ask only for the ones not yet read', async () => {
    // given two deployed definitions
    const [first, second] = [definition(), definition()];
    const { prisma, asked } = fakeDatabase([first, second]);

    // when the first is read, then both, then the first again
    await deployedDefinitions(prisma, [first.id]);
    const both = await deployedDefinitions(prisma, [first.id, second.id, first.id]);
    const again = await deployedDefinitions(prisma, [first.id]);

    // then each was asked of the database once, and every read answered it
    expect(asked).toEqual([[first.id], [second.id]]);
    expect([...both.values()]).toEqual([first, second]);
    expect(again.get(first.id)).toEqual(first);
  });

  it('leaves out an id no definition has, and asks for it again next time (it may be deployed by then)', async () => {
    const { prisma, asked } = fakeDatabase([]);
    const unknown = randomUUID();

    expect((await deployedDefinitions(prisma, [unknown])).size).toBe(0);
    await deployedDefinitions(prisma, [unknown]);

    expect(asked).toEqual([[unknown], [unknown]]);
  });
});
