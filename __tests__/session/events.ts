/** Canonical server event factories for the session tests (on top of the operator ones). */
import type { ServerEvent } from '../../src/protocol/index.js';
import type { RealtimeItem } from '../../src/session/index.js';

let n = 0;
const id = (): string => `sev_${++n}`;

export const sessionCreated = (): ServerEvent => ({
  type: 'session.created',
  event_id: id(),
  session: { id: 'sess_1', object: 'realtime.session', type: 'realtime' },
});

export const sessionUpdated = (instructions = 'Be brief.'): ServerEvent => ({
  type: 'session.updated',
  event_id: id(),
  session: { id: 'sess_1', object: 'realtime.session', type: 'realtime', instructions },
});

/** A `session.updated` whose session has these extra fields (turn detection...). */
export const sessionUpdatedWith = (fields: { readonly [key: string]: unknown }): ServerEvent =>
  ({
    type: 'session.updated',
    event_id: id(),
    session: { id: 'sess_1', object: 'realtime.session', type: 'realtime', ...fields },
  }) as ServerEvent;

export const errorFor = (eventId: string | null, code = 'invalid_value'): ServerEvent => ({
  type: 'error',
  event_id: id(),
  error: {
    type: 'invalid_request_error',
    code,
    message: `bad: ${code}`,
    param: null,
    event_id: eventId,
  },
});

export const userItem = (itemId: string, text: string): RealtimeItem => ({
  id: itemId,
  type: 'message',
  role: 'user',
  content: [{ type: 'input_text', text }],
});

export const assistantAudioItem = (itemId: string, transcript: string): RealtimeItem => ({
  id: itemId,
  type: 'message',
  role: 'assistant',
  status: 'completed',
  content: [{ type: 'output_audio', transcript }],
});

export const itemAdded = (item: RealtimeItem, previous?: string | null): ServerEvent => ({
  type: 'conversation.item.added',
  event_id: id(),
  item,
  ...(previous === undefined ? {} : { previous_item_id: previous }),
});

export const itemDone = (item: RealtimeItem, previous?: string | null): ServerEvent => ({
  type: 'conversation.item.done',
  event_id: id(),
  item,
  ...(previous === undefined ? {} : { previous_item_id: previous }),
});
