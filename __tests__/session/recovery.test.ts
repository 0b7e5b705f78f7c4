import type { ClientEvent } from '../../src/protocol/index.js';
import {
  conversationReducer,
  initialConversation,
  recoveries,
  recovery,
  replayPlan,
  type RealtimeItem,
} from '../../src/session/index.js';
import { NEVER } from 'rxjs';
import type { SocketState } from '../../src/transport/index.js';
import { testScheduler } from '../helpers/marbles.js';
import { itKeepsTheOperatorContract, unitOperator } from '../helpers/operator-contract.js';
import { created } from '../operators/events.js';
import { assistantAudioItem, itemDone, userItem } from './events.js';

const call = (id: string, callId: string): RealtimeItem => ({
  id,
  type: 'function_call',
  call_id: callId,
  name: 'get_weather',
  arguments: '{"city":"Paris"}',
});
const output = (id: string, callId: string): RealtimeItem => ({
  id,
  type: 'function_call_output',
  call_id: callId,
  output: '{"forecast":"sunny"}',
});
const userAudio = (id: string): RealtimeItem => ({
  id,
  type: 'message',
  role: 'user',
  content: [{ type: 'input_audio', transcript: null }],
});
const create = (item: RealtimeItem): ClientEvent => ({ type: 'conversation.item.create', item });

const states = {
  o: { kind: 'open' as const },
  r: { kind: 'reconnecting' as const },
  n: { kind: 'connecting' as const },
  c: { kind: 'closed' as const },
};

describe('replayPlan', () => {
  it('replays text, transcripts as text and complete call pairs, in order; reports the rest', () => {
    const items = [
      userItem('u1', 'Weather?'),
      call('f1', 'c1'),
      output('o1', 'c1'),
      assistantAudioItem('a1', 'It is sunny.'),
      userAudio('u2'),
      call('f2', 'c2'),
    ];
    const state = items.map((i) => itemDone(i)).reduce(conversationReducer, initialConversation);
    const plan = replayPlan(state);
    expect(plan.events).toEqual([
      create(userItem('u1', 'Weather?')),
      create(call('f1', 'c1')),
      create(output('o1', 'c1')),
      create({
        id: 'a1',
        type: 'message',
        role: 'assistant',
        content: [{ type: 'output_text', text: 'It is sunny.' }],
      }),
    ]);
    expect(plan.outcomes).toEqual([
      { kind: 'replayed', itemId: 'u1' },
      { kind: 'replayed', itemId: 'f1' },
      { kind: 'replayed', itemId: 'o1' },
      { kind: 'transcript-as-text', itemId: 'a1' },
      { kind: 'skipped', itemId: 'u2', reason: 'audio-without-transcript' },
      { kind: 'skipped', itemId: 'f2', reason: 'unpaired-function-call' },
    ]);
  });

  it('an interrupted assistant item (transcript cleared by the truncation) is reported as truncated', () => {
    const state = [
      itemDone(assistantAudioItem('a1', 'Hello there')),
      {
        type: 'conversation.item.truncated' as const,
        event_id: 'e1',
        item_id: 'a1',
        content_index: 0,
        audio_end_ms: 300,
      },
    ].reduce(conversationReducer, initialConversation);
    expect(replayPlan(state).outcomes).toEqual([
      { kind: 'skipped', itemId: 'a1', reason: 'truncated' },
    ]);
  });
});

/** A `conversation.item.added` without its item. */
const itemless = { type: 'conversation.item.added', event_id: 'e' };

describe('recoveries', () => {
  itKeepsTheOperatorContract({
    operator: unitOperator(recoveries, { state$: NEVER }),
    quiet: created('r1'),
    poison: itemless,
  });

  it('a broken state$ value is the error of the output, and both inputs are released', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const events = hot(' -a----', { a: itemDone(userItem('u1', 'Hi')) });
      const state$ = hot<Pick<SocketState, 'kind'>>('o-n---', {
        ...states,
        n: null as unknown as Pick<SocketState, 'kind'>,
      });
      expectObservable(recoveries(events, { state$ })).toBe(
        '--#',
        undefined,
        expect.any(TypeError),
      );
      expectSubscriptions(events.subscriptions).toBe('^-!');
      expectSubscriptions(state$.subscriptions).toBe('^-!');
    });
  });

  it('a state$ error is the error of the output, and events$ is released', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const lost = new Error('state lost');
      const events = hot(' -a----', { a: itemDone(userItem('u1', 'Hi')) });
      const state$ = hot('o-r-#', states, lost);
      expectObservable(recoveries(events, { state$ })).toBe('----#', undefined, lost);
      expectSubscriptions(events.subscriptions).toBe('^---!');
      expectSubscriptions(state$.subscriptions).toBe('^---!');
    });
  });
});

describe('recovery', () => {
  itKeepsTheOperatorContract({
    operator: unitOperator(recovery, { state$: NEVER }),
    quiet: created('r1'),
    poison: itemless,
  });

  it('replays the conversation when the socket is open again after reconnecting, not at the first open', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const events = hot(' -a-b------c--|', {
        a: itemDone(userItem('u1', 'Hi')),
        b: itemDone(userAudio('u2')),
        c: itemDone(userItem('u3', 'Again')),
      });
      const state$ = hot('o----r-n-o---', states);
      expectObservable(recovery(events, { state$ })).toBe('---------x---|', {
        x: create(userItem('u1', 'Hi')),
      });
      expectObservable(recoveries(events, { state$ })).toBe('---------x---|', {
        x: {
          events: [create(userItem('u1', 'Hi'))],
          outcomes: [
            { kind: 'replayed', itemId: 'u1' },
            { kind: 'skipped', itemId: 'u2', reason: 'audio-without-transcript' },
          ],
        },
      });
      expectSubscriptions(events.subscriptions).toBe(['^------------!', '^------------!']);
      expectSubscriptions(state$.subscriptions).toBe(['^------------!', '^------------!']);
    });
  });

  it('every reconnect replays the conversation as it stands; a final close does not', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const events = hot(' -a----b------', {
        a: itemDone(userItem('u1', 'Hi')),
        b: itemDone(userItem('u2', 'Again')),
      });
      const state$ = hot('o-r-o--r-o-rc-o', states);
      expectObservable(recovery(events, { state$ })).toBe('----x----(yz)--', {
        x: create(userItem('u1', 'Hi')),
        y: create(userItem('u1', 'Hi')),
        z: create(userItem('u2', 'Again')),
      });
    });
  });
});
