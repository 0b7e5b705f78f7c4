export type {
  ClientEvent,
  ClientEventOf,
  ClientEventType,
  Dialect,
  ServerEvent,
  ServerEventOf,
  ServerEventType,
  UnknownServerEvent,
} from './canonical.js';
export { decodeServerEvent, decodeServerFrame } from './decode.js';
export { encodeClientEvent } from './encode.js';
export { isEvent } from './is-event.js';
export { DecodeError, EncodeError } from './errors.js';
export { createServerEventDecoder, type ServerEventDecoder } from './stream-decoder.js';
export * as codecs from './generated/codecs.js';
export {
  decodeRecordingLine,
  parseRecording,
  recordedEvents,
  type RecordedEvent,
  type PlaybackMark,
  type RecordedEventsOptions,
  type RecordingLine,
} from './recording.js';
