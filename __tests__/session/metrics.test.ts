import { responseMetrics } from '../../src/session/index.js';
import { testScheduler } from '../helpers/marbles.js';
import { itKeepsTheOperatorContract, unitOperator } from '../helpers/operator-contract.js';
import { audioDelta, created, done, messageAdded, textDelta } from '../operators/events.js';

const usage = {
  total_tokens: 30,
  input_tokens: 10,
  output_tokens: 20,
};

describe('responseMetrics', () => {
  itKeepsTheOperatorContract({
    operator: unitOperator(responseMetrics, {}),
    quiet: textDelta('r9', 'i9', 'Hi'),
    // a `response.created` without its response
    poison: { type: 'response.created', event_id: 'e' },
  });

  it('measures first audio, first text and duration from response.created on the scheduler clock', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const events = hot('a 9ms b 39ms c 49ms d 99ms e 9ms f 199ms g', {
        a: created('r1'),
        b: messageAdded('r1', 'i1'),
        c: audioDelta('r1', 'i1', 'AAAA'),
        d: textDelta('r1', 'i1', 'Hi'),
        e: audioDelta('r1', 'i1', 'AAAA'),
        f: done('r1', 'completed', usage),
        g: created('r2'),
      });
      expectObservable(responseMetrics(events, {}), '^ 500ms !').toBe('210ms m', {
        m: {
          responseId: 'r1',
          status: 'completed',
          timeToFirstAudioMs: 50,
          timeToFirstTextMs: 100,
          durationMs: 210,
          usage,
        },
      });
      expectSubscriptions(events.subscriptions).toBe('^ 500ms !');
    });
  });

  it('a response without deltas (cancelled at once) has only its duration; unknown responses are ignored', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const events = hot('-x-a 4ms b-|', {
        x: done('r0'),
        a: created('r1'),
        b: done('r1', 'cancelled'),
      });
      expectObservable(responseMetrics(events)).toBe('--------m-|', {
        m: { responseId: 'r1', status: 'cancelled', durationMs: 5, usage: undefined },
      });
    });
  });
});
