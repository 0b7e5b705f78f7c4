import { readFileSync } from 'node:fs';
import { recordedEvents, type DecodeError, type Dialect } from '../protocol/index.js';
import {
  conversationReducer,
  entryText,
  initialConversation,
  type ConversationEntry,
  type ConversationState,
} from '../session/index.js';

/** One line of a printed conversation: who said what, or which tool was called. */
export function describeEntry(entry: ConversationEntry): string {
  const item = entry.item;
  switch (item.type) {
    case 'message': {
      const said = entryText(entry) || '(audio, no transcript)';
      const cut = entry.truncated ? ` [heard until ${entry.truncated.audioEndMs} ms]` : '';
      return `${item.role}: ${said}${cut}`;
    }
    case 'function_call':
      return `tool call: ${item.name}(${item.arguments})`;
    case 'function_call_output':
      return `tool output: ${item.output}`;
    default:
      return `${item.type}`;
  }
}

/**
 * The conversation a recording assembles to (`npx rx-realtime replay FILE`): the recording is
 * replayed through the session layer's conversation reducer, so items land where
 * `previous_item_id` puts them. Lines that cannot be decoded go to `onError`.
 *
 * @example
 * ```ts
 * import { replayConversation } from 'rx-realtime/node';
 * const state = await replayConversation('session.jsonl', { dialect: 'ga' });
 * state.items.length;
 * ```
 */
export async function replayConversation(
  path: string,
  options: { readonly dialect?: Dialect; readonly onError?: (error: DecodeError) => void } = {},
): Promise<ConversationState> {
  const text = readFileSync(path, 'utf8');
  return recordedEvents(text, { dialect: options.dialect, onError: options.onError })
    .flatMap((recorded) => (recorded.dir === 'in' ? [recorded.event] : []))
    .reduce(conversationReducer, initialConversation);
}
