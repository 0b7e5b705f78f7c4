/**
 * The app's server side of the key flow: one endpoint, `POST /realtime-key`, that mints an
 * ephemeral key with the real API key (which never leaves this process) and answers
 * `{ value, expiresAt }`, the shape `clientSecretProvider` expects.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClientSecret } from 'rx-realtime/node';

/** Where the key server mints keys: the real API key and the REST base. */
export interface KeyServerOptions {
  readonly apiKey: string;
  /** The REST base; the simulator's `httpUrl`, or undefined for api.openai.com. */
  readonly baseUrl?: string;
}

/** Starts the key server on 127.0.0.1; resolves to its URL and a close function. */
export async function startKeyServer(
  options: KeyServerOptions,
): Promise<{ readonly url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/realtime-key') {
      res.writeHead(404).end();
      return;
    }
    // The session every connection with the key starts with is decided here, on the server.
    void createClientSecret({
      apiKey: options.apiKey,
      baseUrl: options.baseUrl,
      expiresAfterSeconds: 600,
      session: {
        type: 'realtime',
        instructions: 'You are a concise assistant.',
        output_modalities: ['text'],
      },
    }).then((minted) => {
      if (minted._tag === 'Left') {
        // The message never holds the API key; the status tells the page what happened.
        res.writeHead(502, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: minted.left.message }));
        return;
      }
      const { value, expiresAt } = minted.right;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ value, expiresAt }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
