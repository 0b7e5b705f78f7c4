import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Dialect } from '../../protocol/index.js';
import { SimulatedConnection } from './connection.js';
import { BETA_REFUSAL, errorEvent } from './errors.js';
import type { SimulatorOptions } from './types.js';
import { WebRtcEndpoint } from './webrtc/endpoint.js';
import { webSocketChannel } from './ws-channel.js';

/**
 * A running simulator.
 *
 * @example
 * ```ts
 * import { startSimulator } from 'rx-realtime/node';
 * const sim = await startSimulator();
 * console.log(sim.url); // ws://127.0.0.1:PORT/v1/realtime
 * await sim.close();
 * ```
 */
export interface RunningSimulator {
  /** `ws://127.0.0.1:<port>/v1/realtime`. */
  readonly url: string;
  /**
   * `http://127.0.0.1:<port>/v1`: the base of the HTTP endpoints, such as the WebRTC offer at
   * `${httpUrl}/realtime/calls`.
   */
  readonly httpUrl: string;
  /** The loopback TCP port the simulator listens on (chosen by the OS unless `port` was given). */
  readonly port: number;
  /** Drops every connection and stops listening. */
  close(): Promise<void>;
}

function offeredProtocols(req: IncomingMessage): string[] {
  const header = req.headers['sec-websocket-protocol'];
  return typeof header === 'string' ? header.split(',').map((p) => p.trim()) : [];
}

/** The key a client presented: Bearer header, Azure `api-key` header or query, or subprotocol. */
function presentedKeys(req: IncomingMessage): string[] {
  const keys: string[] = [];
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) keys.push(auth.slice(7));
  const azure = req.headers['api-key'];
  if (typeof azure === 'string') keys.push(azure);
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams.get('api-key');
  if (query) keys.push(query);
  for (const p of offeredProtocols(req))
    if (p.startsWith('openai-insecure-api-key.'))
      keys.push(p.slice('openai-insecure-api-key.'.length));
  return keys;
}

function dialectOf(req: IncomingMessage): Dialect {
  const beta = req.headers['openai-beta'];
  if (typeof beta === 'string' && beta.includes('realtime=v1')) return 'beta';
  return offeredProtocols(req).includes('openai-beta.realtime-v1') ? 'beta' : 'ga';
}

function refuse(socket: Duplex): void {
  const body = JSON.stringify({
    error: {
      message: 'Incorrect API key provided.',
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_api_key',
    },
  });
  socket.end(
    `HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * Starts a protocol-faithful OpenAI Realtime simulator on 127.0.0.1 (see docs/simulator.md).
 * GA dialect by default; beta when the client sends `OpenAI-Beta: realtime=v1` or the
 * `openai-beta.realtime-v1` subprotocol (refused like the service with `refuseBeta`).
 *
 * @example
 * ```ts
 * import { startSimulator } from 'rx-realtime/node';
 * const sim = await startSimulator({ pace: 'instant', script: () => ({ text: 'Hi!' }) });
 * // connect a client to sim.url ...
 * await sim.close();
 * ```
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const accepts = (req: IncomingMessage) =>
    options.apiKey === undefined || presentedKeys(req).includes(options.apiKey);
  const webrtc = new WebRtcEndpoint(options, accepts);
  const http = createServer((req, res) => {
    if (webrtc.handles(req)) return void webrtc.handle(req, res);
    res.writeHead(426, { 'Content-Type': 'text/plain' }).end('Upgrade to WebSocket required');
  });
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has('realtime') ? 'realtime' : false),
  });
  const connections = new Set<SimulatedConnection>();
  http.on('upgrade', (req, socket, head) => {
    if (!accepts(req)) return refuse(socket);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const dialect = dialectOf(req);
      if (dialect === 'beta' && options.refuseBeta) {
        ws.send(JSON.stringify(errorEvent('beta_api_shape_disabled', BETA_REFUSAL.message, null)));
        ws.close(BETA_REFUSAL.closeCode);
        return;
      }
      const connection = new SimulatedConnection(webSocketChannel(ws), dialect, options);
      connections.add(connection);
      ws.on('message', (data, isBinary) => {
        if (!isBinary) connection.receive(String(data));
      });
      ws.on('close', () => {
        connection.dispose();
        connections.delete(connection);
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/v1/realtime`,
    httpUrl: `http://127.0.0.1:${port}/v1`,
    port,
    close: async () => {
      const calls = webrtc.close();
      await new Promise<void>((resolve) => {
        for (const connection of connections) connection.dispose();
        for (const client of wss.clients) client.terminate();
        wss.close();
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await calls;
    },
  };
}
