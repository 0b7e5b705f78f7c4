export {
  assembleFinishedResponses,
  assembleResponses,
  type AssembleResponsesOptions,
  type AssemblyIssue,
  type AudioContentSnapshot,
  type ContentSnapshot,
  type FunctionCallItemSnapshot,
  type ItemSnapshot,
  type ItemStatus,
  type MessageItemSnapshot,
  type ResponseSnapshot,
  type ResponseStatus,
  type ResponseStatusDetails,
  type ResponseUsage,
  type TextContentSnapshot,
} from './assembleResponses.js';
export {
  responseStreams,
  type AudioPartStream,
  type PartStream,
  type ResponseStream,
  type TextPartStream,
} from './responseStreams.js';
export {
  accumulateFunctionCalls,
  parseToolArguments,
  ToolArgumentsError,
  type AccumulateFunctionCallsOptions,
  type FunctionCall,
} from './accumulateFunctionCalls.js';
export {
  interruptionCommands,
  truncateOnInterruption,
  type PlaybackPosition,
  type TruncateOnInterruptionOptions,
} from './truncateOnInterruption.js';
export { finishCutResponses } from './finishCutResponses.js';
export { mcpCalls, type McpCallUpdate } from './mcpCalls.js';
export { transcripts, type Transcript } from './transcripts.js';
export { usage, type UsageTotals } from './usage.js';
export { rateLimits, type RateLimitInfo, type RateLimits } from './rateLimits.js';
export { pacedChunks, type PacedChunksOptions } from './pacedChunks.js';
export { playbackClock, type PlaybackClockOptions, type SpeakerEvent } from './playbackClock.js';
