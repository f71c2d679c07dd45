/**
 * Builds the web app into modeler-ui/dist/ (served by the API: index.html for `/` and client routes,
 * bundled files under /assets/). Everything is bundled; the page never loads anything from a CDN.
 *
 *   npx tsx modeler-ui/build.ts            production build (minified, hashed names, source maps)
 *   npx tsx modeler-ui/build.ts --watch    rebuild on change (unminified, still hashed, source maps)
 */
import * as esbuild from 'esbuild';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

const uiDir = __dirname;
const distDir = path.join(uiDir, 'dist');
const assetsDir = path.join(distDir, 'assets');
const watch = process.argv.includes('--watch');
const mainEntry = path.join(uiDir, 'src', 'main.ts');

const options: esbuild.BuildOptions = {
  entryPoints: { main: mainEntry },
  outdir: assetsDir,
  publicPath: '/assets',
  entryNames: '[name]-[hash]',
  chunkNames: 'chunks/[name]-[hash]',
  assetNames: '[name]-[hash]',
  bundle: true,
  format: 'esm',
  splitting: true,
  platform: 'browser',
  target: ['es2022', 'chrome109', 'firefox115', 'safari16', 'edge109'],
  sourcemap: 'linked',
  sourcesContent: true,
  minify: !watch,
  metafile: true,
  legalComments: 'linked',
  logLevel: 'info',
  // One preact for the whole bundle: form-js's editor pins an older copy of its own, but renders the viewer's
  // components, and preact hooks only work when component and renderer share one copy.
  alias: { preact: path.dirname(require.resolve('preact/package.json')) },
  loader: {
    '.svg': 'file',
    '.png': 'file',
    '.woff2': 'file',
    '.woff': 'file',
    '.ttf': 'file',
    '.eot': 'file',
    '.bpmn': 'text',
  },
  define: { 'process.env.NODE_ENV': JSON.stringify(watch ? 'development' : 'production') },
  plugins: [
    {
      name: 'write-index-html',
      setup(build) {
        build.onEnd(async (result) => {
          if (result.errors.length > 0 || !result.metafile) return;
          await writeIndexHtml(result.metafile);
          if (watch) await pruneStaleAssets(result.metafile);
        });
      },
    },
  ],
};

/** Finds the hashed entry outputs in the metafile and writes dist/index.html pointing at them. */
async function writeIndexHtml(metafile: esbuild.Metafile): Promise<void> {
  let script: string | undefined;
  let style: string | undefined;
  const mainEntry = path.join(uiDir, 'src', 'main.ts');
  for (const [file, output] of Object.entries(metafile.outputs)) {
    // A package loaded by dynamic import() is an entry point of its own chunk too; the page starts at main.
    if (!output.entryPoint || path.resolve(output.entryPoint) !== mainEntry) continue;
    const url = '/assets/' + path.relative(assetsDir, path.resolve(file)).split(path.sep).join('/');
    if (file.endsWith('.js')) script = url;
    if (file.endsWith('.css')) style = url;
    if (output.cssBundle)
      style = '/assets/' + path.relative(assetsDir, path.resolve(output.cssBundle)).split(path.sep).join('/');
  }
  if (!script) throw new Error('build: no JavaScript entry output found in metafile');
  const template = await readFile(path.join(uiDir, 'index.html'), 'utf8');
  const html = template
    .replace('<!--app-style-->', style ? `<link rel="stylesheet" href="${style}">` : '')
    .replace('<!--app-script-->', `<script type="module" src="${script}"></script>`);
  await writeFile(path.join(distDir, 'index.html'), html);
}

/** In watch mode every rebuild gets new hashed names; delete the outputs of earlier builds. */
async function pruneStaleAssets(metafile: esbuild.Metafile): Promise<void> {
  const current = new Set(Object.keys(metafile.outputs).map((file) => path.resolve(file)));
  const entries = await readdir(assetsDir, { recursive: true, withFileTypes: true });
  await Promise.all(
    entries
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name))
      .filter((file) => !current.has(file))
      .map((file) => rm(file, { force: true })),
  );
}

async function main(): Promise<void> {
  const started = performance.now();
  await rm(distDir, { recursive: true, force: true });
  await mkdir(assetsDir, { recursive: true });
  if (watch) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
    console.log('modeler-ui: watching for changes (Ctrl+C to stop)');
    const stop = async (): Promise<void> => {
      await ctx.dispose();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop());
    process.on('SIGTERM', () => void stop());
    return;
  }
  await esbuild.build(options);
  console.log(
    `modeler-ui: built into ${path.relative(process.cwd(), distDir) || distDir} in ${Math.round(performance.now() - started)} ms`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
