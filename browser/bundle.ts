import { isBuiltin } from 'node:module';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';

const root = join(__dirname, '..');

/** A bundle built for the browser, kept in memory. */
export interface BrowserBundle {
  readonly code: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Source files that contributed code to it. */
  readonly inputs: number;
}

/** A package the core entry must not reach unless the app uses WAV files. */
const WAV_ONLY = /(^|\/)node_modules\/wavefile\//;

/** Node-only modules the core entry must never reach: the built-ins and `ws`. */
function isNodeOnly(specifier: string): boolean {
  return isBuiltin(specifier) || specifier === 'ws' || specifier.startsWith('ws/');
}

/** Fails the build at the import itself, naming the importer (esbuild's message guesses). */
const forbidNodeModules: Plugin = {
  name: 'forbid-node-modules',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) =>
      isNodeOnly(args.path)
        ? {
            errors: [
              {
                text: `"${args.path}" is Node-only; imported by ${relative(root, args.importer)}`,
              },
            ],
          }
        : undefined,
    );
  },
};

/**
 * Everything Node-only that still reached the bundle: a module a package's `browser` field
 * disabled, `ws` itself, or a built-in import left external. Empty for a browser-safe bundle.
 *
 * @example
 * ```ts
 * const { metafile } = await build({ entryPoints: ['browser/page.ts'], bundle: true, metafile: true });
 * console.log(nodeOnlyInputs(metafile)); // []
 * ```
 */
export function nodeOnlyInputs(metafile: Metafile): string[] {
  const found = new Set<string>();
  for (const [path, input] of Object.entries(metafile.inputs)) {
    if (path.startsWith('(disabled):') || /(^|\/)node_modules\/ws\//.test(path)) found.add(path);
    // Built-ins show up as external imports; esbuild also lists the type-only imports it
    // elided (such as io-ts in files that only use its types) as external, so the path decides.
    for (const imported of input.imports)
      if (isNodeOnly(imported.path)) found.add(`${imported.path} (imported by ${path})`);
  }
  return [...found];
}

/**
 * The source files that contributed code to the output. The metafile's `inputs` also lists
 * every file esbuild read and then tree-shook away, so only `bytesInOutput` tells.
 *
 * @example
 * ```ts
 * const { metafile } = await build({ entryPoints: ['page.ts'], bundle: true, metafile: true });
 * bundledInputs(metafile).some((path) => path.includes('wavefile')); // false
 * ```
 */
export function bundledInputs(metafile: Metafile): string[] {
  const used = new Set<string>();
  for (const output of Object.values(metafile.outputs))
    for (const [path, input] of Object.entries(output.inputs))
      if (input.bytesInOutput > 0) used.add(path);
  return [...used];
}

/**
 * Bundles a browser entry of an app that has `rx-realtime` installed (from the packed tarball),
 * minified, in memory, as the app's own bundler would. Throws when it would pull in anything
 * Node-only, or `wavefile` (only the WAV helpers need it; `sideEffects: false` drops it).
 *
 * @example
 * ```ts
 * const bundle = await bundleForBrowser(join(app, 'page.ts'), app);
 * console.log(bundle.bytes, bundle.gzipBytes);
 * ```
 */
export async function bundleForBrowser(entry: string, app: string): Promise<BrowserBundle> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: app,
    plugins: [forbidNodeModules],
  });
  const nodeOnly = nodeOnlyInputs(result.metafile);
  if (nodeOnly.length > 0)
    throw new Error(`the browser bundle pulls in Node-only modules:\n  ${nodeOnly.join('\n  ')}`);
  const bundled = bundledInputs(result.metafile);
  const wav = bundled.filter((path) => WAV_ONLY.test(path));
  if (wav.length > 0)
    throw new Error(
      `the browser bundle pulls in wavefile, which it does not use:\n  ${wav.join('\n  ')}`,
    );
  const code = result.outputFiles[0].text;
  const bytes = Buffer.byteLength(code);
  return {
    code,
    bytes,
    gzipBytes: gzipSync(code).byteLength,
    inputs: bundled.length,
  };
}
