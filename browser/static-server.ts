import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A file the server answers with; a function body is made per request (an API answer). */
export interface StaticFile {
  readonly contentType: string;
  readonly body: string | (() => Promise<string>);
}

/** A running static server. */
export interface StaticServer {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Serves a few in-memory files on a loopback port (default: a free one); anything else is a 404.
 *
 * @example
 * ```ts
 * const server = await serveFiles({ '/': { contentType: 'text/html', body: '<p>hi</p>' } });
 * console.log(server.origin);
 * await server.close();
 * ```
 */
export async function serveFiles(
  files: Readonly<Record<string, StaticFile>>,
  listenPort = 0,
): Promise<StaticServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const file = Object.hasOwn(files, path) ? files[path] : undefined;
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const { body } = file;
    const send = (text: string): void => {
      res
        .writeHead(200, { 'Content-Type': file.contentType, 'Cache-Control': 'no-store' })
        .end(text);
    };
    if (typeof body === 'string') send(body);
    else
      body().then(send, (error: unknown) => {
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
