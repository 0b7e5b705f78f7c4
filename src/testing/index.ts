/**
 * `rx-realtime/testing`: what you need to test your own pipelines. A mock WebSocket,
 * marble helpers, builders of valid server events and whole response trees, and replay of
 * recorded sessions.
 *
 * @packageDocumentation
 */
export { MockWebSocket, mockWebSocket, type MockWebSockets } from './mock-websocket.js';
export {
  createTestScheduler,
  eventMarbles,
  toMarbles,
  type AssertDeepEqual,
  type Marbles,
} from './marbles.js';
export {
  knownServerEventTypes,
  serverEvent,
  type KnownServerEventType,
  type ServerEventFields,
} from './server-event.js';
export {
  serverEvents,
  type AudioResponseOptions,
  type FunctionCallResponseOptions,
  type ResponseTreeOptions,
  type TextResponseOptions,
  type UserSpeechTurnOptions,
} from './server-events.js';
export {
  readRecording,
  recordPlayback,
  recordWire,
  type ReadRecordingOptions,
  type RecordWireOptions,
} from './recording.js';
