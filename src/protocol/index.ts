export type {
  ClientEvent,
  ClientEventOf,
  ClientEventType,
  Dialect,
  Endpoint,
  ServerEvent,
  ServerEventOf,
  ServerEventType,
  UnknownServerEvent,
} from './canonical.js';
export { decodeServerEvent, decodeServerFrame, type DecodeOptions } from './decode.js';
export { DecodeNotice, type DecodeNoticeKind } from './notices.js';
export type { Open, UnknownValue } from './open-enum.js';
export type { UnknownMember } from './tagged-union.js';
export { encodeClientEvent, type EncodeOptions } from './encode.js';
export { isEvent } from './is-event.js';
export { DecodeError, EncodeError } from './errors.js';
export { createServerEventDecoder, type ServerEventDecoder } from './stream-decoder.js';
export * as codecs from './generated/codecs.js';
