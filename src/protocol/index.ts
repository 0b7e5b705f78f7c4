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
export type { ConnectionLostEvent } from './local-events.js';
export { decodeServerEvent, decodeServerFrame, type DecodeOptions } from './decode.js';
export { DecodeNotice, type DecodeNoticeKind } from './notices.js';
export type { Open, UnknownValue } from './open-enum.js';
export type { UnknownMember } from './tagged-union.js';
export { encodeClientEvent, type EncodeOptions } from './encode.js';
export { isEvent } from './is-event.js';
export { DecodeError, EncodeError } from './errors.js';
export { createServerEventDecoder, type ServerEventDecoder } from './stream-decoder.js';
export * as codecs from './generated/codecs.js';
export { ClientSecretResponse } from './client-secret.js';
// The service side of the dialect translation and of strict checking (the simulator's).
export {
  betaClientEventToGa,
  betaConfigToGa,
  betaResponseParamsToGa,
  responseToBeta,
  serverEventToBeta,
  sessionToBeta,
} from './beta-service-side.js';
export { sessionToGa, responseToGa, itemToBeta, itemToGa } from './beta-shapes.js';
export { checkWireClientEvent, type WireClientProblem } from './wire-check.js';
export {
  decodeRecordingLine,
  parseRecording,
  recordedEvents,
  type RecordedEvent,
  type PlaybackMark,
  type RecordedEventsOptions,
  type RecordingLine,
} from './recording.js';
