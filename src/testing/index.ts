/**
 * `rx-realtime/testing`: what you need to test your own pipelines. A mock WebSocket,
 * marble helpers, and replay of recorded sessions.
 *
 * @packageDocumentation
 */
export { MockWebSocket } from './mock-websocket.js';
export { createTestScheduler, eventMarbles, type AssertDeepEqual } from './marbles.js';
export {
  readRecording,
  recordWire,
  type ReadRecordingOptions,
  type RecordWireOptions,
} from './recording.js';
