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
  | 'session_expired';

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
      type: code === 'session_expired' ? 'invalid_request_error' : 'invalid_request_error',
      code,
      message,
      param,
      event_id: clientEventId,
    },
  };
}
