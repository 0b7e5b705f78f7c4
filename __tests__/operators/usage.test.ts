import { map } from 'rxjs';
import { usage } from '../../src/operators/index.js';
import { testScheduler } from '../helpers/marbles.js';
import { itKeepsTheOperatorContract } from '../helpers/operator-contract.js';
import { created, done, speechStarted } from './events.js';

describe('usage', () => {
  itKeepsTheOperatorContract({
    operator: () => usage(),
    quiet: speechStarted(),
    // a `response.done` without its response
    poison: { type: 'response.done', event_id: 'e', response: null },
  });

  it('keeps running totals over response.done, cancelled responses included', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b-c-d-|', {
        a: created('r1'),
        b: done('r1', 'completed', {
          input_tokens: 10,
          output_tokens: 20,
          total_tokens: 30,
          output_token_details: { audio_tokens: 15, text_tokens: 5 },
        }),
        c: done('r2', 'cancelled', { input_tokens: 1, output_tokens: 2, total_tokens: 3 }),
        d: done('r3', 'failed', null),
      });
      const result = source.pipe(
        usage(),
        map((u) => [
          u.responses,
          u.inputTokens,
          u.outputTokens,
          u.totalTokens,
          u.outputAudioTokens,
          u.responseId,
        ]),
      );
      const expected = '   --b-c---|';
      expectObservable(result).toBe(expected, {
        b: [1, 10, 20, 30, 15, 'r1'],
        c: [2, 11, 22, 33, 15, 'r2'],
      });
      const sourceSubs = ' ^-------!';
      expectSubscriptions(source.subscriptions).toBe(sourceSubs);
    });
  });
});
