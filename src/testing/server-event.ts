import type { ServerEventOf, ServerEventType } from '../protocol/index.js';

/**
 * Every canonical server event type the library knows (all but `unknown`).
 *
 * @example
 * ```ts
 * import type { KnownServerEventType } from 'rx-realtime/testing';
 * const type: KnownServerEventType = 'response.done';
 * ```
 */
export type KnownServerEventType = Exclude<ServerEventType, 'unknown'>;

/**
 * The fields of a server event besides its `type`: what {@link serverEvent} overrides.
 *
 * @example
 * ```ts
 * import type { ServerEventFields } from 'rx-realtime/testing';
 * const fields: Partial<ServerEventFields<'response.output_text.delta'>> = { delta: 'Hi' };
 * ```
 */
export type ServerEventFields<K extends KnownServerEventType> = Omit<ServerEventOf<K>, 'type'>;

/** The ids the defaults use, so the events of one default tree refer to one another. */
const ids = {
  event: 'event_1',
  session: 'sess_1',
  conversation: 'conv_1',
  response: 'resp_1',
  item: 'item_1',
  userItem: 'item_user_1',
  call: 'call_1',
} as const;

const inResponse = {
  event_id: ids.event,
  response_id: ids.response,
  item_id: ids.item,
  output_index: 0,
} as const;
const inPart = { ...inResponse, content_index: 0 } as const;
const session = {
  type: 'realtime',
  object: 'realtime.session',
  id: ids.session,
  model: 'gpt-realtime',
  output_modalities: ['audio'],
} as const;
const response = {
  object: 'realtime.response',
  id: ids.response,
  conversation_id: ids.conversation,
  status: 'in_progress',
  status_details: null,
  output: [],
  usage: null,
  metadata: null,
} as const;
const assistantItem = {
  id: ids.item,
  type: 'message',
  role: 'assistant',
  status: 'in_progress',
  content: [],
} as const;
const mcp = { event_id: ids.event, item_id: ids.item } as const;

/** A valid event of every type: the smallest the decoder accepts, with the ids above. */
const DEFAULTS: { readonly [K in KnownServerEventType]: ServerEventFields<K> } = {
  'session.created': { event_id: ids.event, session },
  'session.updated': { event_id: ids.event, session },
  'conversation.created': {
    event_id: ids.event,
    conversation: { id: ids.conversation, object: 'realtime.conversation' },
  },
  'conversation.item.added': { event_id: ids.event, previous_item_id: null, item: assistantItem },
  'conversation.item.done': { event_id: ids.event, previous_item_id: null, item: assistantItem },
  'conversation.item.retrieved': { event_id: ids.event, item: assistantItem },
  'conversation.item.deleted': { event_id: ids.event, item_id: ids.item },
  'conversation.item.truncated': {
    event_id: ids.event,
    item_id: ids.item,
    content_index: 0,
    audio_end_ms: 0,
  },
  'conversation.item.input_audio_transcription.delta': {
    event_id: ids.event,
    item_id: ids.userItem,
    content_index: 0,
    delta: '',
  },
  'conversation.item.input_audio_transcription.completed': {
    event_id: ids.event,
    item_id: ids.userItem,
    content_index: 0,
    transcript: '',
  },
  'conversation.item.input_audio_transcription.failed': {
    event_id: ids.event,
    item_id: ids.userItem,
    content_index: 0,
    error: { type: 'transcription_error', message: 'transcription failed' },
  },
  'conversation.item.input_audio_transcription.segment': {
    event_id: ids.event,
    item_id: ids.userItem,
    content_index: 0,
    id: 'seg_1',
    speaker: 'speaker_1',
    start: 0,
    end: 0,
    text: '',
  },
  error: {
    event_id: ids.event,
    error: { type: 'invalid_request_error', code: null, message: 'error', param: null },
  },
  'input_audio_buffer.cleared': { event_id: ids.event },
  'input_audio_buffer.committed': {
    event_id: ids.event,
    previous_item_id: null,
    item_id: ids.userItem,
  },
  'input_audio_buffer.dtmf_event_received': { event: '1', received_at: 0 },
  'input_audio_buffer.speech_started': {
    event_id: ids.event,
    item_id: ids.userItem,
    audio_start_ms: 0,
  },
  'input_audio_buffer.speech_stopped': {
    event_id: ids.event,
    item_id: ids.userItem,
    audio_end_ms: 0,
  },
  'input_audio_buffer.timeout_triggered': {
    event_id: ids.event,
    item_id: ids.userItem,
    audio_start_ms: 0,
    audio_end_ms: 0,
  },
  'mcp_list_tools.in_progress': mcp,
  'mcp_list_tools.completed': mcp,
  'mcp_list_tools.failed': mcp,
  'output_audio_buffer.started': { event_id: ids.event, response_id: ids.response },
  'output_audio_buffer.stopped': { event_id: ids.event, response_id: ids.response },
  'output_audio_buffer.cleared': { event_id: ids.event, response_id: ids.response },
  'rate_limits.updated': {
    event_id: ids.event,
    rate_limits: [
      { name: 'requests', limit: 20000, remaining: 19999, reset_seconds: 0.003 },
      { name: 'tokens', limit: 15000000, remaining: 14995000, reset_seconds: 0.02 },
    ],
  },
  'response.created': { event_id: ids.event, response },
  'response.done': { event_id: ids.event, response: { ...response, status: 'completed' } },
  'response.output_item.added': {
    event_id: ids.event,
    response_id: ids.response,
    output_index: 0,
    item: assistantItem,
  },
  'response.output_item.done': {
    event_id: ids.event,
    response_id: ids.response,
    output_index: 0,
    item: { ...assistantItem, status: 'completed' },
  },
  'response.content_part.added': { ...inPart, part: { type: 'text', text: '' } },
  'response.content_part.done': { ...inPart, part: { type: 'text', text: '' } },
  'response.output_text.delta': { ...inPart, delta: '' },
  'response.output_text.done': { ...inPart, text: '' },
  'response.output_audio.delta': { ...inPart, delta: '' },
  'response.output_audio.done': inPart,
  'response.output_audio_transcript.delta': { ...inPart, delta: '' },
  'response.output_audio_transcript.done': { ...inPart, transcript: '' },
  'response.function_call_arguments.delta': { ...inResponse, call_id: ids.call, delta: '' },
  'response.function_call_arguments.done': {
    ...inResponse,
    call_id: ids.call,
    name: 'tool',
    arguments: '{}',
  },
  'response.mcp_call_arguments.delta': { ...inResponse, delta: '' },
  'response.mcp_call_arguments.done': { ...inResponse, arguments: '{}' },
  'response.mcp_call.in_progress': { ...mcp, output_index: 0 },
  'response.mcp_call.completed': { ...mcp, output_index: 0 },
  'response.mcp_call.failed': { ...mcp, output_index: 0 },
  // Translation sessions (the `translations` endpoint).
  'session.closed': { event_id: ids.event },
  'session.input_transcript.delta': { event_id: ids.event, delta: 'Bonjour' },
  'session.output_audio.delta': { event_id: ids.event, delta: 'AAAA' },
  'session.output_transcript.delta': { event_id: ids.event, delta: 'Hello' },
  // Library-local: what the socket emits when a connection ends.
  'local.connection_lost': { code: 1006, reason: '', willReconnect: true },
};

/**
 * The types {@link serverEvent} builds, in a stable order.
 *
 * @example
 * ```ts
 * import { knownServerEventTypes, serverEvent } from 'rx-realtime/testing';
 * const every = knownServerEventTypes.map((type) => serverEvent(type));
 * ```
 */
export const knownServerEventTypes = Object.keys(DEFAULTS) as readonly KnownServerEventType[];

/**
 * A canonical server event of the given type, valid on the wire: every required field has a
 * default (ids `event_1`, `resp_1`, `item_1`, `item_user_1`, `call_1`, `sess_1`, empty
 * texts and deltas) and `overrides` replaces top-level fields, typed for that event.
 *
 * @example
 * ```ts
 * import { serverEvent } from 'rx-realtime/testing';
 * const delta = serverEvent('response.output_text.delta', { delta: 'Hello' });
 * const stopped = serverEvent('input_audio_buffer.speech_stopped', { audio_end_ms: 1200 });
 * ```
 */
export function serverEvent<K extends KnownServerEventType>(
  type: K,
  overrides: Partial<ServerEventFields<K>> = {},
): ServerEventOf<K> {
  // One table entry per type, so the spread is that type's event; TS cannot follow the key.
  return { ...DEFAULTS[type], ...overrides, type } as ServerEventOf<K>;
}
