// Can a server we start as another user reach a path? It needs search (x) permission on every folder from `/` down,
// which Linux grants from exactly one class: the owner's bits if the user owns the folder, else the group's bits if
// the folder's group is the user's group, else everyone's. Node's spawn with uid/gid drops supplementary groups,
// so the one gid we run the server with is the whole truth. (ACLs are not read; a folder they open is at worst
// worked around needlessly.)
import { stat, realpath } from 'node:fs/promises';
import { dirname, parse } from 'node:path';

export interface Identity {
  name: string;
  uid: number;
  gid: number;
}

export interface PathMode {
  path: string;
  mode: number;
  uid: number;
  gid: number;
}

export function canSearch(entry: PathMode, who: Identity): boolean {
  if (who.uid === 0) return true;
  const shift = entry.uid === who.uid ? 6 : entry.gid === who.gid ? 3 : 0;
  return ((entry.mode >> shift) & 1) === 1;
}

/** The first entry (from `/` down) that `who` may not pass, or undefined when the whole chain is open to it. */
export function blockedEntry(chain: readonly PathMode[], who: Identity): PathMode | undefined {
  return chain.find((entry) => !canSearch(entry, who));
}

export function describeBlocked(entry: PathMode, who: Identity): string {
  const mode = (entry.mode & 0o777).toString(8).padStart(4, '0');
  const owner = `owner uid ${entry.uid}, group ${entry.gid}`;
  return `user ${who.name} (uid ${who.uid}) cannot enter ${entry.path} (mode ${mode}, ${owner})`;
}

/** `/`, each folder on the way to `path` and `path` itself, after resolving symbolic links as the kernel would. */
export async function pathChain(path: string): Promise<PathMode[]> {
  const real = await realpath(path);
  const paths = [real];
  for (let p = real; p !== parse(p).root;) paths.unshift((p = dirname(p)));
  return Promise.all(
    paths.map(async (p) => {
      const s = await stat(p);
      return { path: p, mode: s.mode, uid: s.uid, gid: s.gid };
    }),
  );
}
