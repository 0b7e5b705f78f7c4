/**
 * rx-realtime: the OpenAI Realtime API as RxJS streams.
 *
 * This entry point is browser-safe. Node-only helpers live in `rx-realtime/node`,
 * test helpers in `rx-realtime/testing`.
 *
 * @packageDocumentation
 */

// protocol: codecs, dialect translation, decode and encode
export {
  codecs,
  createServerEventDecoder,
  decodeServerEvent,
  decodeServerFrame,
  DecodeError,
  encodeClientEvent,
  EncodeError,
} from './protocol/index.js';
export type {
  ClientEvent,
  ClientEventOf,
  ClientEventType,
  Dialect,
  ServerEvent,
  ServerEventDecoder,
  ServerEventOf,
  ServerEventType,
  UnknownServerEvent,
} from './protocol/index.js';
