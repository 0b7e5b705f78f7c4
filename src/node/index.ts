/**
 * `rx-realtime/node`: the Node-only parts. The socket with a `ws` constructor that sends
 * the auth headers, and the embedded Realtime simulator.
 *
 * @packageDocumentation
 */
export { realtimeSocket, nodeRealtimeSocket, wsCtorWithHeaders } from './transport/index.js';
export {
  DEFAULT_TRANSCRIPT,
  defaultScript,
  startSimulator,
  synthesizeSpeech,
  toneAndSilence,
} from './simulator/index.js';
export type {
  CloseFault,
  Reply,
  RunningSimulator,
  Script,
  ScriptContext,
  SentFrameInfo,
  SimulatorFaults,
  SimulatorOptions,
  SimulatorPace,
} from './simulator/index.js';
export { buildCli } from './cli.js';
export { describeEntry, replayConversation } from './replay.js';
export {
  recordingTimeline,
  renderTimelineSvg,
  sessionTimeline,
  timelineSummary,
} from './timeline/index.js';
export type {
  RecordingTimelineOptions,
  RenderTimelineSvgOptions,
  SessionTimelineOptions,
  Timeline,
  TimelineClock,
  TimelineInput,
  TimelineInterval,
  TimelineMarker,
} from './timeline/index.js';
