import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  blockedEntry,
  canSearch,
  describeBlocked,
  pathChain,
  type PathMode,
} from '../../../scripts/stack/reachability';

const postgres = { name: 'postgres', uid: 101, gid: 104 };
const rootOwned = (path: string, mode: number): PathMode => ({ path, mode, uid: 0, gid: 0 });

describe('canSearch', () => {
  it("lets everyone through a folder whose mode gives everyone x, and no one else through root's home", () => {
    expect(canSearch(rootOwned('/var/lib', 0o40755), postgres)).toBe(true);
    expect(canSearch(rootOwned('/srv', 0o40711), postgres)).toBe(true);
    expect(canSearch(rootOwned('/root', 0o40700), postgres)).toBe(false);
  });

  it("judges by the group's bits when the folder's group is the user's", () => {
    expect(canSearch({ path: '/srv/db', mode: 0o750, uid: 0, gid: 104 }, postgres)).toBe(true);
    expect(canSearch({ path: '/srv/db', mode: 0o705, uid: 0, gid: 104 }, postgres)).toBe(false);
  });

  it("judges an owner by the owner's bits alone, even when everyone else may pass", () => {
    expect(canSearch({ path: '/srv/db', mode: 0o700, uid: 101, gid: 0 }, postgres)).toBe(true);
    expect(canSearch({ path: '/srv/db', mode: 0o077, uid: 101, gid: 104 }, postgres)).toBe(false);
  });

  it('lets root through anything', () => {
    expect(canSearch(rootOwned('/home/someone', 0o700), { name: 'root', uid: 0, gid: 0 })).toBe(true);
  });
});

describe('blockedEntry', () => {
  it('names the topmost folder the user cannot enter', () => {
    const chain = [rootOwned('/', 0o755), rootOwned('/root', 0o700), rootOwned('/root/t', 0o700)];
    expect(blockedEntry(chain, postgres)?.path).toBe('/root');
    expect(describeBlocked(blockedEntry(chain, postgres)!, postgres)).toBe(
      'user postgres (uid 101) cannot enter /root (mode 0700, owner uid 0, group 0)',
    );
  });

  it('finds nothing when every folder on the way is open', () => {
    expect(blockedEntry([rootOwned('/', 0o755), rootOwned('/tmp', 0o1777)], postgres)).toBeUndefined();
  });
});

describe('pathChain', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reachability-'));
    await mkdir(join(dir, 'real', 'inner'), { recursive: true });
    await symlink(join(dir, 'real'), join(dir, 'link'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('lists / and every folder down to the path, through the target of a symbolic link', async () => {
    const paths = (await pathChain(join(dir, 'link', 'inner'))).map((e) => e.path);
    expect(paths[0]).toBe('/');
    expect(paths.at(-1)).toMatch(/\/real\/inner$/);
    expect(paths.some((p) => p.endsWith('/link'))).toBe(false);
    expect(paths.slice(1).every((p, i) => p.startsWith(paths[i] ?? '?'))).toBe(true);
  });

  it('reports the mode of each folder', async () => {
    const [real, temp] = (await pathChain(join(dir, 'real'))).reverse();
    expect(real?.mode).toBe(0o40755 & ~process.umask());
    expect(temp && temp.mode & 0o777).toBe(0o700); // mkdtemp makes its folder private
  });
});
