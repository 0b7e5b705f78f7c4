// What the runtime offers: whether this looks like a browser (where a standard API key would be
// exposed to every user) and which WebSocket constructor a connection uses. Read through
// `globalThis` so the library needs no DOM or Node typings at run time.
import type { RealtimeSocketOptions, WebSocketCtor } from './options.js';

interface MaybeBrowserGlobals {
  readonly window?: unknown;
  readonly document?: unknown;
  readonly process?: { readonly versions?: { readonly node?: string } };
  readonly WebSocket?: WebSocketCtor;
}

/** `browser` when `window` and `document` exist outside Node, `server` otherwise. */
export function detectEnvironment(): 'browser' | 'server' {
  const g = globalThis as MaybeBrowserGlobals;
  const browserLike = g.window !== undefined && g.document !== undefined;
  return browserLike && !g.process?.versions?.node ? 'browser' : 'server';
}

/**
 * The constructor for one connection: the header-capable factory when given (auth goes in
 * `headers`), else `WebSocketCtor`, else the global `WebSocket`; `undefined` when none exists.
 */
export function webSocketCtorFor(
  options: Pick<RealtimeSocketOptions, 'headerWebSocketCtor' | 'WebSocketCtor'>,
  headers: Readonly<Record<string, string>>,
): WebSocketCtor | undefined {
  return options.headerWebSocketCtor
    ? options.headerWebSocketCtor(headers)
    : (options.WebSocketCtor ?? (globalThis as MaybeBrowserGlobals).WebSocket);
}
