/**
 * The workflow bundle's preloaded modules are the very modules the workflows import, so that each worker thread
 * evaluates them once, not once per instance (worker/workflow-bundle.ts). The bundler gives no warning when it drops
 * a preload or resolves it to another build of the package: this reads the bundle the worker runs (the global setup's
 * WORKFLOW_BUNDLE_PATH) the way webpack wrote it.
 */
import { readFileSync } from 'node:fs';

/** A required module: the request as written in the source (`luxon`, `../shared/feel`) and the bundle's module id. */
interface Require {
  request: string;
  id: string;
}

const REQUIRE = /__webpack_require__\(\/\*(?: webpackMode: "eager" \*\/ \/\*)?! (\S+) \*\/ "([^"]+)"\)/g;

function requiresIn(text: string): Require[] {
  return [...text.matchAll(REQUIRE)].map(([, request, id]) => ({ request: request as string, id: id as string }));
}

function bundleCode(): string {
  const path = process.env.WORKFLOW_BUNDLE_PATH;
  if (!path) throw new Error('WORKFLOW_BUNDLE_PATH is not set: run this suite with the stack global setup');
  return readFileSync(path, 'utf8');
}

/** The source of one bundled module, from its header to the next module's. */
function moduleSource(code: string, id: string): string {
  const start = code.indexOf(`/***/ ${JSON.stringify(id)}`);
  if (start < 0) throw new Error(`module ${id} is not in the bundle`);
  const end = code.indexOf('\n/***/ "', start + 1);
  return code.slice(start, end < 0 ? undefined : end);
}

describe('the workflow bundle preloads what the workflows import', () => {
  const code = bundleCode();
  const preloadFunction = /exports\.preloadModules = function preloadModules\(\) \{([\s\S]*?)\n\}/.exec(code)?.[1];

  it('keeps every preload in the bundle (none dropped as unused)', () => {
    expect(preloadFunction).toBeDefined();
    const statements = (preloadFunction ?? '').split(';').filter((s) => s.trim() !== '');
    expect(statements.length).toBeGreaterThan(0);
    expect(requiresIn(preloadFunction ?? '')).toHaveLength(statements.length);
  });

  it('preloads the same build of each package that workflow code requires', () => {
    const preloaded = requiresIn(preloadFunction ?? '').flatMap(({ id }) => requiresIn(moduleSource(code, id)));
    expect(preloaded.map((r) => r.request)).toEqual(
      expect.arrayContaining(['@bpmn-io/feelin', 'luxon', '@hyunbinseo/holidays-kr/all']),
    );
    const everyRequire = requiresIn(code);
    for (const { request, id } of preloaded) {
      const elsewhere = new Set(everyRequire.filter((r) => r.request === request).map((r) => r.id));
      expect([request, [...elsewhere]]).toEqual([request, [id]]);
    }
  });
});
