import { newId } from './ids.js';
import type { Json } from './types.js';

/** The error codes the simulator sends, as the service spells them. */
export type SimulatorErrorCode =
  | 'invalid_json'
  | 'invalid_value'
  | 'unknown_parameter'
  | 'missing_required_parameter'
  | 'conversation_already_has_active_response'
  | 'response_cancel_not_active'
  | 'input_audio_buffer_commit_empty'
  | 'item_not_found'
  | 'session_expired'
  | 'beta_api_shape_disabled';

/** The `error` server event for a rejected client event (`clientEventId` echoes its `event_id`). */
export function errorEvent(
  code: SimulatorErrorCode,
  message: string,
  clientEventId: string | null,
  param: string | null = null,
): Json {
  return {
    type: 'error',
    event_id: newId('event'),
    error: {
      type: 'invalid_request_error',
      code,
      message,
      param,
      event_id: clientEventId,
    },
  };
}

/** What api.openai.com answers a beta connection since it stopped serving beta (2026-05). */
export const BETA_REFUSAL = {
  message: 'The Realtime Beta API is no longer supported. Please use /v1/realtime for the GA API.',
  closeCode: 4000,
} as const;
