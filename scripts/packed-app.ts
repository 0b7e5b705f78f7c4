/**
 * The package as users get it: built into a staging copy, packed with `npm pack`, and installed
 * from the tarball into a temporary app by npm. The browser test and the consumer tests use it,
 * so what they check is the tarball, not `src/` through an alias.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface PackageJson {
  readonly files: readonly string[];
}

/** A fresh directory under the system's temp directory. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `rx-realtime-${prefix}-`));
}

/**
 * Builds the package into a staging directory (never the shared `dist/`, so several callers can
 * run at once), packs it into `into` and returns the tarball's path.
 *
 * @example
 * ```ts
 * const tarball = packPackage(tempDir('pack'));
 * ```
 */
export function packPackage(into: string): string {
  const staging = join(into, 'staging');
  mkdirSync(staging, { recursive: true });
  execFileSync(
    process.execPath,
    [join(root, 'scripts', 'build.mjs'), '--out', join(staging, 'dist')],
    {
      cwd: root,
      stdio: 'pipe',
    },
  );
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
  // `npm pack` applies the `files` globs; the staging copy only needs their top folders.
  const copied = new Set([
    'package.json',
    'LICENSE',
    ...manifest.files.map((f) => f.split('/')[0]),
  ]);
  copied.delete('dist');
  for (const entry of copied)
    cpSync(join(root, entry), join(staging, entry), {
      recursive: true,
      filter: (source) => !source.startsWith(join(root, 'docs', 'api')),
    });
  execFileSync(npm, ['pack', '--silent', '--pack-destination', into], {
    cwd: staging,
    stdio: 'pipe',
  });
  const tarball = readdirSync(into).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball into ${into}`);
  return join(into, tarball);
}

/** What {@link installPackedApp} puts in the app's package.json besides the tarball. */
export interface PackedAppOptions {
  /** The tarball from {@link packPackage}. */
  readonly tarball: string;
  /** Where to create the app. */
  readonly dir: string;
  /** Further dependencies by name, with their version ranges (npm aliases allowed). */
  readonly dependencies?: Readonly<Record<string, string>>;
  /** `"module"` for an ESM app; default CommonJS. */
  readonly type?: 'module' | 'commonjs';
}

/**
 * Creates an app that depends on the tarball and `dependencies`, and installs it with npm from
 * the registry (the peers rxjs, io-ts and fp-ts come in as npm installs peers). Returns `dir`.
 *
 * @example
 * ```ts
 * const app = installPackedApp({ tarball, dir: tempDir('app'), dependencies: { esbuild: '^0.28.0' } });
 * ```
 */
export function installPackedApp(options: PackedAppOptions): string {
  const { dir } = options;
  mkdirSync(dir, { recursive: true });
  const manifest = {
    name: 'rx-realtime-consumer',
    private: true,
    type: options.type ?? 'commonjs',
    dependencies: { 'rx-realtime': `file:${options.tarball}`, ...options.dependencies },
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  execFileSync(
    npm,
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
    { cwd: dir, stdio: 'pipe' },
  );
  return dir;
}
