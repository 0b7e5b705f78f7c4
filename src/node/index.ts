/**
 * `rx-realtime/node`: the Node-only parts. The socket with a `ws` constructor that sends
 * the auth headers, the embedded Realtime simulator, WAV files on disk, and the CLI's
 * replay and timeline.
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
  CallerInput,
  CallInfo,
  CallState,
  CloseFault,
  PlaceCallOptions,
  Reply,
  RunningSimulator,
  Script,
  ScriptContext,
  SentFrameInfo,
  SimulatorFaults,
  SimulatorOptions,
  SimulatorPace,
} from './simulator/index.js';
export {
  acceptCall,
  CallControlError,
  ClientSecretError,
  createClientSecret,
  hangupCall,
  RealtimeHttpError,
  referCall,
  rejectCall,
} from './rest/index.js';
export type {
  AcceptCallOptions,
  ClientSecret,
  ClientSecretOptions,
  FetchLike,
  RealtimeHttpErrorReason,
  RealtimeHttpFailure,
  RealtimeHttpOptions,
  RejectCallOptions,
  ReferCallOptions,
  SessionConfig,
} from './rest/index.js';
export { buildCli } from './cli.js';
export { readWavFile, writeWavFile } from './wav-file.js';
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
export type { PlaybackMark } from '../protocol/index.js';
