/**
 * Patch ids (workflows/patches.ts): every call site asks for a registered id through hasPatch(), and an id guards
 * one change, so it is asked for in one module only. A reused id would make a history recorded with the first
 * change replay the second one too (docs/reliability.md, "Engine limits").
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PATCHES } from '../../workflows/patches';

const WORKFLOWS_DIR = path.resolve(__dirname, '../../workflows');
const REGISTRY_FILE = 'patches.ts';

function workflowSources(): Array<{ file: string; text: string }> {
  return readdirSync(WORKFLOWS_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => ({ file, text: readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8') }));
}

/** Every `hasPatch(...)` call outside the registry, with its argument as written. */
function hasPatchCalls(sources: Array<{ file: string; text: string }>): Array<{ file: string; argument: string }> {
  return sources
    .filter(({ file }) => file !== REGISTRY_FILE)
    .flatMap(({ file, text }) =>
      [...text.matchAll(/\bhasPatch\(([^)]*)\)/g)].map((match) => ({ file, argument: (match[1] ?? '').trim() })),
    );
}

const literalId = (argument: string) => /^'([^']+)'$/.exec(argument)?.[1];

describe('patch ids', () => {
  const sources = workflowSources();
  const calls = hasPatchCalls(sources);

  it('asks Temporal only through the registry: no patched() or deprecatePatch() outside workflows/patches.ts', () => {
    const direct = sources
      .filter(({ file }) => file !== REGISTRY_FILE)
      .filter(({ text }) => /\b(patched|deprecatePatch)\(/.test(text))
      .map(({ file }) => file);
    expect(direct).toEqual([]);
  });

  it('names each patch with a literal id from the registry', () => {
    const unregistered = calls.filter(({ argument }) => {
      const id = literalId(argument);
      return id === undefined || !(id in PATCHES);
    });
    expect(unregistered).toEqual([]);
  });

  it('uses each id in one module only, and every registered id somewhere', () => {
    const modulesById = new Map<string, Set<string>>();
    for (const { file, argument } of calls) {
      const id = literalId(argument) ?? argument;
      modulesById.set(id, (modulesById.get(id) ?? new Set()).add(file));
    }
    const reused = [...modulesById]
      .filter(([, files]) => files.size > 1)
      .map(([id, files]) => `${id}: ${[...files].join(', ')}`);
    expect(reused).toEqual([]);
    expect([...modulesById.keys()].sort()).toEqual(Object.keys(PATCHES).sort());
  });

  it('gives every registered id a reason', () => {
    for (const [id, reason] of Object.entries(PATCHES))
      expect({ id, reason: reason.trim().length > 10 }).toEqual({ id, reason: true });
  });
});
