import type { ServerEvent } from '../../src/protocol/index.js';
import {
  conversationReducer,
  conversationState,
  entryText,
  initialConversation,
  type ConversationState,
} from '../../src/session/index.js';
import { testScheduler } from '../helpers/marbles.js';
import { itKeepsTheOperatorContract } from '../helpers/operator-contract.js';
import { created } from '../operators/events.js';
import { assistantAudioItem, itemAdded, itemDone, userItem } from './events.js';

const ids = (state: ConversationState) => state.items.map((i) => i.id);
const reduce = (events: readonly ServerEvent[]) =>
  events.reduce(conversationReducer, initialConversation);

describe('conversationState', () => {
  itKeepsTheOperatorContract({
    operator: () => conversationState,
    quiet: created('r1'),
    // a `conversation.item.added` without its item
    poison: { type: 'conversation.item.added', event_id: 'e' },
    initial: initialConversation,
  });

  it('places items after previous_item_id, whatever order they arrive in', () => {
    const a = userItem('A', 'one');
    const b = userItem('B', 'two');
    const c = userItem('C', 'three');
    const d = userItem('D', 'four');
    // C (after B) and B (after A) arrive before A; D has no previous id: appended.
    const state = reduce([itemAdded(c, 'B'), itemAdded(b, 'A'), itemAdded(a, null)]);
    expect(ids(state)).toEqual(['A', 'B', 'C']);
    expect(state.orphans).toEqual([]);
    expect(ids(conversationReducer(state, itemAdded(d)))).toEqual(['A', 'B', 'C', 'D']);
    // Inserted in the middle.
    expect(ids(conversationReducer(state, itemAdded(d, 'A')))).toEqual(['A', 'D', 'B', 'C']);
  });

  it('keeps an orphan until its predecessor arrives, and deleting removes it', () => {
    const state = reduce([itemAdded(userItem('A', 'one')), itemAdded(userItem('C', 'x'), 'B')]);
    expect(ids(state)).toEqual(['A']);
    expect(state.orphans.map((o) => o.entry.id)).toEqual(['C']);
    const deleted = conversationReducer(state, {
      type: 'conversation.item.deleted',
      event_id: 'e',
      item_id: 'C',
    });
    expect(deleted.orphans).toEqual([]);
  });

  it('item.done updates in place; transcription fills the user item; truncation marks the assistant item', () => {
    const audioUser = {
      id: 'U',
      type: 'message' as const,
      role: 'user' as const,
      content: [{ type: 'input_audio' as const }],
    };
    const state = reduce([
      itemAdded(audioUser, null),
      itemAdded(assistantAudioItem('R', ''), 'U'),
      itemDone(assistantAudioItem('R', 'Hello there, how are you?'), 'U'),
      {
        type: 'conversation.item.input_audio_transcription.completed',
        event_id: 'e1',
        item_id: 'U',
        content_index: 0,
        transcript: 'Hi',
      },
      {
        type: 'conversation.item.truncated',
        event_id: 'e2',
        item_id: 'R',
        content_index: 0,
        audio_end_ms: 700,
      },
    ]);
    expect(ids(state)).toEqual(['U', 'R']);
    expect(state.items[0].item).toMatchObject({ content: [{ transcript: 'Hi' }] });
    expect(state.items[1]).toMatchObject({
      done: true,
      truncated: {
        contentIndex: 0,
        audioEndMs: 700,
        transcriptBefore: 'Hello there, how are you?',
      },
      item: { content: [{ type: 'output_audio', transcript: '' }] },
    });
  });

  it('entryText: texts and transcripts joined, what was said before a truncation, else empty', () => {
    const state = reduce([
      itemAdded(userItem('U', 'What is new?'), null),
      itemDone(assistantAudioItem('R', 'Lots of things.'), 'U'),
      {
        type: 'conversation.item.truncated',
        event_id: 'e2',
        item_id: 'R',
        content_index: 0,
        audio_end_ms: 300,
      },
      itemAdded(assistantAudioItem('S', ''), 'R'),
      itemAdded({ id: 'C', type: 'function_call', call_id: 'c', name: 'f', arguments: '{}' }, 'S'),
    ]);
    expect(state.items.map(entryText)).toEqual(['What is new?', 'Lots of things.', '', '']);
  });

  it('conversation$ emits the initial state, then one state per change', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const b = itemAdded(userItem('B', 'two'), 'A');
      const a = itemAdded(userItem('A', 'one'), null);
      const events = hot<ServerEvent>('-b-x-a-', {
        b,
        x: {
          type: 'input_audio_buffer.speech_stopped',
          event_id: 'e',
          audio_end_ms: 5,
          item_id: 'q',
        },
        a,
      });
      const s1 = reduce([b]);
      const s2 = reduce([b, a]);
      expectObservable(conversationState(events), '^-----!').toBe('0b---a', {
        0: initialConversation,
        b: s1,
        a: s2,
      });
      expectSubscriptions(events.subscriptions).toBe('^-----!');
      expect(ids(s2)).toEqual(['A', 'B']);
    });
  });
});
