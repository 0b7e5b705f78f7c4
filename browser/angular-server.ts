/**
 * Serves the built Angular example next to a simulator, as the app's own server would: the
 * files of `ng build`, `GET /api/realtime-config` (where the page connects) and
 * `POST /api/client-secret` (an ephemeral `ek_` key for the page; the real key stays here).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { FetchedClientSecret } from 'rx-realtime';
import { createClientSecret, type RunningSimulator } from 'rx-realtime/node';
import { serveFiles, type StaticFile, type StaticServer } from './static-server.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/** What the page's server needs from the simulator and the key flow. */
export interface AngularAppServerOptions {
  /** `dist/browser` of `ng build`. */
  readonly browserDir: string;
  readonly simulator: RunningSimulator;
  /** Mints a key for the page. */
  readonly mintClientSecret: () => Promise<FetchedClientSecret>;
  /** Default: a free port. */
  readonly port?: number;
}

/** Every file under `dir`, by its URL path. */
function filesUnder(dir: string): Record<string, StaticFile> {
  const files: Record<string, StaticFile> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const contentType = CONTENT_TYPES[extname(path)] ?? 'application/octet-stream';
    files[`/${relative(dir, path).split(sep).join('/')}`] = {
      contentType,
      body: readFileSync(path, 'utf8'),
    };
  }
  return files;
}

/**
 * Mints a key for the page as the app's server does: `createClientSecret` with the real key,
 * here against the simulator's `POST /v1/realtime/client_secrets`. A refusal becomes an HTTP 500
 * for the page, with the reason (never the key).
 *
 * @example
 * ```ts
 * const mintClientSecret = simulatorClientSecret(simulator, 'sk-server-only');
 * ```
 */
export const simulatorClientSecret =
  (simulator: RunningSimulator, apiKey: string) => async (): Promise<FetchedClientSecret> => {
    const minted = await createClientSecret({ apiKey, baseUrl: simulator.httpUrl });
    if (minted._tag === 'Left')
      throw new Error(`no client secret: ${minted.left.reason}: ${minted.left.message}`);
    return { value: minted.right.value, expiresAt: minted.right.expiresAt };
  };

/**
 * Starts the page's server on loopback.
 *
 * @example
 * ```ts
 * const server = await serveAngularApp({ browserDir, simulator, mintClientSecret });
 * console.log(`open ${server.origin}`);
 * ```
 */
export async function serveAngularApp(options: AngularAppServerOptions): Promise<StaticServer> {
  const files = filesUnder(options.browserDir);
  const json = 'application/json';
  return serveFiles(
    {
      ...files,
      '/': files['/index.html'],
      '/api/realtime-config': {
        contentType: json,
        body: JSON.stringify({ baseUrl: options.simulator.httpUrl }),
      },
      '/api/client-secret': {
        contentType: json,
        body: async () => JSON.stringify(await options.mintClientSecret()),
      },
    },
    options.port,
  );
}
