export type { RealtimeItem, ResponseParams, SessionSettings, SessionUnit } from './types.js';
export {
  handshake,
  handshakeResult,
  HANDSHAKE_EVENT_ID,
  type HandshakeDeps,
  type HandshakeResult,
} from './handshake.js';
export {
  REQUEST_METADATA_KEY,
  responseSequencer,
  type ResponseRequest,
  type ResponseSequencerDeps,
} from './responseSequencer.js';
export type { EffectiveSession, SessionEnd, SessionState } from './sessionState.js';
export { expiryRecycling, sessionIdle, type ExpiryRecyclingDeps } from './expiryRecycling.js';
export { type ToolCallUpdate, type ToolFailure, type ToolSignal } from './toolRun.js';
export {
  toolLoop,
  toolRuns,
  validateTools,
  type Tool,
  type ToolLoopDeps,
  type ToolResult,
} from './toolLoop.js';
export { tool, type ToolDeclaration } from './tool.js';
export {
  described,
  descriptionOf,
  jsonSchemaOf,
  ToolDeclarationError,
  type JsonPrimitive,
  type JsonSchema,
  type JsonType,
} from './toolSchema.js';
export {
  conversationReducer,
  entryText,
  conversationState,
  initialConversation,
  type ConversationEntry,
  type ConversationState,
  type Truncation,
} from './conversationState.js';
export {
  interruption,
  interruptions,
  type Interruption,
  type InterruptionDeps,
} from './interruption.js';
export { ConfirmationLostError } from './confirmation.js';
export { createRealtimeSession } from './createRealtimeSession.js';
export type {
  AudioInput,
  Confirmation,
  RealtimeSession,
  RealtimeSessionOptions,
  SessionReady,
  SessionSocket,
} from './sessionApi.js';
export {
  recovery,
  recoveries,
  replayPlan,
  type Recovery,
  type RecoveryDeps,
  type ReplayOutcome,
  type ReplaySkipReason,
} from './recovery.js';
export { responseMetrics, type ResponseMetrics, type ResponseMetricsDeps } from './metrics.js';
