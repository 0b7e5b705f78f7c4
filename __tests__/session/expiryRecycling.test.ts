import { asyncScheduler } from 'rxjs';
import type { ServerEvent } from '../../src/protocol/index.js';
import { expiryRecycling } from '../../src/session/index.js';
import { testScheduler } from '../helpers/marbles.js';
import { created, done } from '../operators/events.js';

/** A `session.created` whose server session expires at `seconds` (unix seconds). */
const createdExpiring = (seconds: number): ServerEvent => ({
  type: 'session.created',
  event_id: 'e_created',
  session: { id: 'sess_1', object: 'realtime.session', type: 'realtime', expires_at: seconds },
});

// Inside `run`, `asyncScheduler` is the virtual clock: `now()` is the frame.
describe('expiryRecycling', () => {
  it('emits recycleBeforeMs before expires_at when the session is idle then', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      // Expires at 0.010 s; renewal due 4 ms before, at frame 6.
      const events$ = cold('a---------|', { a: createdExpiring(0.01) });
      expectObservable(
        expiryRecycling(events$, { recycleBeforeMs: 4, scheduler: asyncScheduler }),
      ).toBe('------x---|', { x: undefined });
    });
  });

  it('waits for the response in progress to finish', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const events$ = cold('ab-------c--|', {
        a: createdExpiring(0.01),
        b: created('r1'),
        c: done('r1'),
      });
      expectObservable(
        expiryRecycling(events$, { recycleBeforeMs: 4, scheduler: asyncScheduler }),
      ).toBe('---------x--|', { x: undefined });
    });
  });

  it('completes quietly when the events end while it waits for an idle moment', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const events$ = cold('ab-------|', { a: createdExpiring(0.01), b: created('r1') });
      expectObservable(
        expiryRecycling(events$, { recycleBeforeMs: 4, scheduler: asyncScheduler }),
      ).toBe('---------|');
    });
  });

  it('passes on the error of the events', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const events$ = cold('a--#', { a: createdExpiring(1) });
      expectObservable(
        expiryRecycling(events$, { recycleBeforeMs: 4, scheduler: asyncScheduler }),
      ).toBe('---#');
      expectSubscriptions(events$.subscriptions).toBe('^--!');
    });
  });
});
