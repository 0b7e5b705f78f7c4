import { rateLimits } from '../../src/operators/index.js';
import type { ServerEvent } from '../../src/protocol/index.js';
import { testScheduler } from '../helpers/marbles.js';
import { itKeepsTheOperatorContract } from '../helpers/operator-contract.js';
import { created, speechStarted } from './events.js';

const limits = (remaining: number): ServerEvent => ({
  type: 'rate_limits.updated',
  event_id: 'e',
  rate_limits: [
    { name: 'requests', limit: 1000, remaining: 999, reset_seconds: 60 },
    { name: 'tokens', limit: 50000, remaining, reset_seconds: 1.5 },
  ],
});

describe('rateLimits', () => {
  itKeepsTheOperatorContract({
    operator: () => rateLimits(),
    quiet: speechStarted(),
    // rate limits that are not a list
    poison: { type: 'rate_limits.updated', event_id: 'e', rate_limits: null },
  });

  it('emits the latest limits per rate_limits.updated', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b-c-|', { a: limits(49000), b: created('r1'), c: limits(48000) });
      const expected = '   a---c-|';
      expectObservable(source.pipe(rateLimits())).toBe(expected, {
        a: {
          requests: { limit: 1000, remaining: 999, resetSeconds: 60 },
          tokens: { limit: 50000, remaining: 49000, resetSeconds: 1.5 },
        },
        c: {
          requests: { limit: 1000, remaining: 999, resetSeconds: 60 },
          tokens: { limit: 50000, remaining: 48000, resetSeconds: 1.5 },
        },
      });
      const sourceSubs = ' ^-----!';
      expectSubscriptions(source.subscriptions).toBe(sourceSubs);
    });
  });
});
