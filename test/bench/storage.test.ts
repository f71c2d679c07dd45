import { clusterProblem, parseStorageList, planStorage } from '../../bench/storage';

describe('storage modes of the bench', () => {
  it('runs memory then file by default, and says why postgres is skipped without a cluster', () => {
    const plan = planStorage(undefined, undefined);
    expect(plan.targets).toEqual([{ storage: 'memory' }, { storage: 'file' }]);
    expect(plan.skipped).toEqual([
      { storage: 'postgres', reason: expect.stringContaining('no Temporal server on PostgreSQL is configured') },
    ]);
    expect(plan.skipped[0]?.reason).toContain('--temporal-address');
  });

  it('adds postgres by default once a cluster is named, and skips nothing', () => {
    const plan = planStorage(undefined, 'temporal.example:7233');
    expect(plan.targets).toEqual([
      { storage: 'memory' },
      { storage: 'file' },
      { storage: 'postgres', address: 'temporal.example:7233' },
    ]);
    expect(plan.skipped).toEqual([]);
  });

  it('runs only the modes asked for, in their order', () => {
    const plan = planStorage(['file', 'memory'], 'temporal.example:7233');
    expect(plan.targets).toEqual([{ storage: 'file' }, { storage: 'memory' }]);
    expect(plan.skipped).toEqual([{ storage: 'postgres', reason: 'not in --storage' }]);
  });

  it('skips postgres when asked for without a cluster, and runs the rest', () => {
    const plan = planStorage(['postgres', 'memory'], undefined);
    expect(plan.targets).toEqual([{ storage: 'memory' }]);
    expect(plan.skipped[0]?.reason).toContain('BENCH_TEMPORAL_ADDRESS');
  });

  it('reads --storage and refuses unknown or repeated modes', () => {
    expect(parseStorageList('memory,file')).toEqual(['memory', 'file']);
    expect(() => parseStorageList('memory,sqlite')).toThrow('unknown mode sqlite (known: memory, file, postgres)');
    expect(() => parseStorageList('file,file')).toThrow('listed twice');
  });
});

describe('a named cluster stands for the postgres mode only when it keeps its state in PostgreSQL', () => {
  const info = { serverVersion: '1.29.1', visibilityStore: 'postgres12' };

  it('accepts a cluster on PostgreSQL', () => {
    expect(clusterProblem('temporal:7233', { ...info, persistenceStore: 'postgres12' })).toBeUndefined();
  });

  it('refuses a dev server named by mistake, saying what it runs on', () => {
    expect(clusterProblem('127.0.0.1:7233', { ...info, persistenceStore: 'sqlite' })).toBe(
      'the Temporal server at 127.0.0.1:7233 keeps its state in sqlite, not PostgreSQL',
    );
  });
});
