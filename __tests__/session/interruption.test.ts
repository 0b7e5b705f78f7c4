import type { ClientEvent } from '../../src/protocol/index.js';
import { interruption, interruptions } from '../../src/session/index.js';
import { testScheduler } from '../helpers/marbles.js';
import {
  audioDelta,
  created,
  done,
  messageAdded,
  ms,
  speechStarted,
  truncate,
} from '../operators/events.js';

describe('interruption', () => {
  it('interrupted$ fires at once on speech_started while audio plays, with the commands', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const events = hot('(abc) 1295ms s 9ms d 9ms s', {
        a: created('r1'),
        b: messageAdded('r1', 'i1'),
        c: audioDelta('r1', 'i1', ms(4000)),
        s: speechStarted(),
        d: done('r1', 'cancelled'),
      });
      const deps = { serverCancels: false };
      const cancel: ClientEvent = { type: 'response.cancel', response_id: 'r1' };
      expectObservable(interruptions(events, deps), '^ 1400ms !').toBe('1300ms i', {
        i: { itemId: 'i1', commands: [cancel, truncate(1300)] },
      });
      expectObservable(interruption(events, deps), '^ 1400ms !').toBe('1300ms (xy)', {
        x: cancel,
        y: truncate(1300),
      });
      expectSubscriptions(events.subscriptions).toBe(['^ 1400ms !', '^ 1400ms !']);
    });
  });

  it('speech while nothing plays is not an interruption', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const events = hot('-s--', { s: speechStarted() });
      expectObservable(interruptions(events, {})).toBe('----');
    });
  });
});
