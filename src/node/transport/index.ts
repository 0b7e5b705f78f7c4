import {
  realtimeSocket as coreRealtimeSocket,
  type RealtimeSocket,
  type RealtimeSocketOptions,
} from '../../transport/index.js';
import { wsCtorWithHeaders } from './ws-ctor.js';

export { wsCtorWithHeaders } from './ws-ctor.js';

/**
 * The Node flavour of `realtimeSocket`: connects with `ws` and authenticates with headers
 * (`Authorization: Bearer`, `OpenAI-Beta: realtime=v1` for beta, Azure `api-key`).
 *
 * @example
 * ```ts
 * import { realtimeSocket } from 'rx-realtime/node';
 * const socket = realtimeSocket({ model: 'gpt-realtime', apiKey: process.env.OPENAI_API_KEY ?? '' });
 * socket.subscribe((event) => console.log(event.type));
 * ```
 */
export function nodeRealtimeSocket(options: RealtimeSocketOptions = {}): RealtimeSocket {
  return coreRealtimeSocket({
    ...options,
    headerWebSocketCtor: options.headerWebSocketCtor ?? wsCtorWithHeaders,
  });
}

/**
 * Same as {@link nodeRealtimeSocket}, under the name `rx-realtime/node` exports.
 *
 * @example
 * ```ts
 * import { realtimeSocket } from 'rx-realtime/node';
 * realtimeSocket({ model: 'gpt-realtime', apiKey: 'sk-...', reconnect: true }).subscribe();
 * ```
 */
export const realtimeSocket = nodeRealtimeSocket;
