import type { ClientEventOf, ServerEvent } from '../../src/protocol/index.js';
import { responseSequencer } from '../../src/session/index.js';
import { testScheduler } from '../helpers/marbles.js';
import { created, done } from '../operators/events.js';
import { errorFor } from './events.js';

type Create = ClientEventOf<'response.create'>;
const plain: Create = { type: 'response.create' };
const french: Create = { type: 'response.create', response: { instructions: 'In French.' } };
const short: Create = { type: 'response.create', response: { max_output_tokens: 50 } };

describe('responseSequencer', () => {
  it('holds a create requested during an active response until response.done', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const events = hot('  ---a-----b---c--d', {
        a: created('r1'),
        b: done('r1'),
        c: created('r2'),
        d: done('r2'),
      });
      const requests = hot('-r----q--------', { r: plain, q: french });
      const expected = '    -x-------y-----';
      expectObservable(responseSequencer(events, { requests$: requests })).toBe(expected, {
        x: { type: 'response.create', event_id: 'resp_create_1' },
        y: { ...french, event_id: 'resp_create_2' },
      });
      expectSubscriptions(events.subscriptions).toBe('^');
      expectSubscriptions(requests.subscriptions).toBe('^');
    });
  });

  it('waits between sending a create and response.created, and merges waiting requests', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const events = hot('  -----a---b', { a: created('r1'), b: done('r1') });
      const requests = hot('-rq-s-----', { r: plain, q: french, s: short });
      expectObservable(responseSequencer(events, { requests$: requests })).toBe('-x-------y', {
        x: { type: 'response.create', event_id: 'resp_create_1' },
        y: {
          type: 'response.create',
          event_id: 'resp_create_2',
          response: { instructions: 'In French.', max_output_tokens: 50 },
        },
      });
    });
  });

  it('a response started by server VAD also blocks; an error answering the create frees the slot', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const events = hot('  -a--b--e---', {
        a: created('vad'),
        b: done('vad'),
        e: errorFor('resp_create_1', 'conversation_already_has_active_response'),
      });
      const requests = hot('--r--q----', { r: plain, q: french });
      expectObservable(responseSequencer(events, { requests$: requests })).toBe('----x--y--', {
        x: { type: 'response.create', event_id: 'resp_create_1' },
        y: { ...french, event_id: 'resp_create_2' },
      });
    });
  });

  it('unsubscribes from both inputs', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const events = hot<ServerEvent>('  ------');
      const requests = hot('-r----', { r: plain });
      expectObservable(responseSequencer(events, { requests$: requests }), '^--!').toBe('-x-', {
        x: { type: 'response.create', event_id: 'resp_create_1' },
      });
      expectSubscriptions(events.subscriptions).toBe('^--!');
      expectSubscriptions(requests.subscriptions).toBe('^--!');
    });
  });

  it('reset$ forgets the responses in flight and sends the waiting request', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const events = hot('  --a---------', { a: created('r1') });
      const requests = hot('-r--q-------', { r: plain, q: french });
      const reset = hot('   ------x-----', { x: 'reconnected' });
      const sequencer = responseSequencer(events, { requests$: requests, reset$: reset });
      expectObservable(sequencer, '^ 9ms !').toBe('-x----y-----', {
        x: { type: 'response.create', event_id: 'resp_create_1' },
        y: { ...french, event_id: 'resp_create_2' },
      });
      expectSubscriptions(reset.subscriptions).toBe('^ 9ms !');
    });
  });
});
