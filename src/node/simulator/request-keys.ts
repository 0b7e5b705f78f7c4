import type { IncomingMessage } from 'node:http';

/** The WebSocket subprotocols a client offered. */
export function offeredProtocols(req: IncomingMessage): string[] {
  const header = req.headers['sec-websocket-protocol'];
  return typeof header === 'string' ? header.split(',').map((p) => p.trim()) : [];
}

/** The keys a client presented: Bearer header, Azure `api-key` header or query, or subprotocol. */
export function presentedKeys(req: IncomingMessage): string[] {
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
