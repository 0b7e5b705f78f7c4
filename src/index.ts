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

// audio: base64, formats, PCM16 and G.711, chunk lists, WAV
export {
  aLawFromLinear,
  aLawToLinear,
  AudioChunkList,
  audioFormatFromGa,
  audioFormatToGa,
  base64ByteLength,
  base64ToBytes,
  bytesPerMs,
  bytesPerSample,
  bytesToBase64,
  bytesToMs,
  decodeALaw,
  decodeMuLaw,
  decodeWav,
  encodeALaw,
  encodeMuLaw,
  encodeWav,
  float32ToInt16,
  float32ToPcm16Bytes,
  int16ToFloat32,
  int16ToPcm16Bytes,
  isAudioFormat,
  msToBytes,
  muLawFromLinear,
  muLawToLinear,
  pcm16BytesToFloat32,
  pcm16BytesToInt16,
  resampleLinear,
  sampleRate,
  WavFormatError,
} from './audio/index.js';
export type {
  AudioChunksSummary,
  AudioChunksView,
  AudioFormat,
  DecodedWav,
  EncodeWavOptions,
  GaAudioFormat,
  GaAudioFormatLike,
} from './audio/index.js';

// transport: the socket as a Subject of decoded events
export {
  backoffDelay,
  connectionTarget,
  DEFAULT_BASE_URL,
  REDACTED,
  RealtimeSocket,
  realtimeSocket,
  redactSecrets,
  redactUrl,
  ServerError,
  TransportError,
} from './transport/index.js';
export type {
  AzureOptions,
  ConnectionTarget,
  ReconnectOptions,
  RealtimeSocketError,
  RealtimeSocketOptions,
  SocketState,
  TargetInput,
  TransportErrorReason,
  WebSocketCtor,
  WireFrame,
} from './transport/index.js';

// operators: pure OperatorFunctions over canonical server events
export {
  accumulateFunctionCalls,
  assembleResponses,
  parseToolArguments,
  rateLimits,
  responseStreams,
  ToolArgumentsError,
  transcripts,
  truncateOnInterruption,
  usage,
} from './operators/index.js';
export type {
  AccumulateFunctionCallsOptions,
  AssembleResponsesOptions,
  AssemblyIssue,
  AudioContentSnapshot,
  AudioPartStream,
  ContentSnapshot,
  FunctionCall,
  FunctionCallItemSnapshot,
  ItemSnapshot,
  ItemStatus,
  MessageItemSnapshot,
  PartStream,
  PlaybackPosition,
  RateLimitInfo,
  RateLimits,
  ResponseSnapshot,
  ResponseStatus,
  ResponseStatusDetails,
  ResponseStream,
  ResponseUsage,
  TextContentSnapshot,
  TextPartStream,
  Transcript,
  TruncateOnInterruptionOptions,
  UsageTotals,
} from './operators/index.js';

// session: the orchestration layer
export {
  ConfirmationLostError,
  conversationReducer,
  entryText,
  conversationState,
  createRealtimeSession,
  handshake,
  HANDSHAKE_EVENT_ID,
  handshakeResult,
  initialConversation,
  interruption,
  interruptions,
  recoveries,
  recovery,
  replayPlan,
  responseMetrics,
  responseSequencer,
  toolLoop,
} from './session/index.js';
export type {
  AudioInput,
  Confirmation,
  ConversationEntry,
  ConversationState,
  HandshakeDeps,
  HandshakeResult,
  Interruption,
  InterruptionDeps,
  RealtimeItem,
  RealtimeSession,
  RealtimeSessionOptions,
  Recovery,
  RecoveryDeps,
  ReplayOutcome,
  ReplaySkipReason,
  ResponseMetrics,
  ResponseMetricsDeps,
  ResponseParams,
  ResponseSequencerDeps,
  SessionReady,
  SessionSettings,
  SessionSocket,
  SessionUnit,
  Tool,
  ToolLoopDeps,
  ToolResult,
  Truncation,
} from './session/index.js';
