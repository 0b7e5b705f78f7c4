/**
 * A loopback proxy in front of the simulator that kills the first client connection right after
 * forwarding its k-th server frame (an abrupt `terminate()`: the client sees 1006, as when a
 * network drops). Later connections pass through untouched.
 */
import { WebSocket, WebSocketServer, type RawData } from 'ws';

export interface DropProxy {
  /** The URL to give the client (path and query are forwarded). */
  readonly url: string;
  /** Server frames the first connection forwarded before the drop (or in all, with no drop). */
  readonly forwarded: () => number;
  /** Connections accepted so far. */
  readonly connections: () => number;
  close(): Promise<void>;
}

export async function startDropProxy(upstream: string, dropAfter: number): Promise<DropProxy> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const target = new URL(upstream);
  let connections = 0;
  let forwarded = 0;
  server.on('connection', (client, request) => {
    connections += 1;
    const first = connections === 1;
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'openai-beta', 'api-key']) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const protocols = request.headers['sec-websocket-protocol']?.split(',').map((p) => p.trim());
    const upstreamSocket = new WebSocket(
      `ws://${target.host}${request.url ?? '/'}`,
      protocols ?? [],
      { headers },
    );
    const pending: RawData[] = [];
    client.on('message', (data) => {
      if (upstreamSocket.readyState === WebSocket.OPEN) upstreamSocket.send(data.toString());
      else pending.push(data);
    });
    upstreamSocket.on('open', () =>
      pending.splice(0).forEach((d) => upstreamSocket.send(d.toString())),
    );
    upstreamSocket.on('message', (data) => {
      if (client.readyState !== WebSocket.OPEN) return;
      client.send(data.toString());
      if (!first) return;
      forwarded += 1;
      if (forwarded === dropAfter) {
        client.terminate();
        upstreamSocket.terminate();
      }
    });
    const end = () => {
      if (client.readyState === WebSocket.OPEN) client.terminate();
      if (upstreamSocket.readyState === WebSocket.OPEN) upstreamSocket.close();
    };
    client.on('close', end);
    upstreamSocket.on('close', end);
    client.on('error', end);
    upstreamSocket.on('error', end);
  });
  return {
    url: `ws://127.0.0.1:${port}${target.pathname}${target.search}`,
    forwarded: () => forwarded,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.clients.forEach((c) => c.terminate());
        server.close(() => resolve());
      }),
  };
}
