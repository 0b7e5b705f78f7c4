import {
  handshake,
  handshakeResult,
  HANDSHAKE_EVENT_ID,
  type HandshakeResult,
} from '../../src/session/index.js';
import type { ClientEvent } from '../../src/protocol/index.js';
import { testScheduler } from '../helpers/marbles.js';
import { itKeepsTheOperatorContract, unitOperator } from '../helpers/operator-contract.js';
import { errorFor, sessionCreated, sessionUpdated } from './events.js';

const update: ClientEvent = {
  type: 'session.update',
  event_id: HANDSHAKE_EVENT_ID,
  session: { type: 'realtime', instructions: 'Be brief.', output_modalities: ['text'] },
};
const deps = { session: { instructions: 'Be brief.', output_modalities: ['text' as const] } };

describe('handshake', () => {
  itKeepsTheOperatorContract({
    operator: unitOperator(handshake, deps),
    quiet: sessionUpdated(),
    // not an event at all
    poison: null,
  });

  it('sends session.update once session.created arrives, and is ready on session.updated', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const updated = sessionUpdated();
      const events = hot('  --c---u--c-', { c: sessionCreated(), u: updated });
      const eventSubs = '   ^-!';
      expectObservable(handshake(events, deps)).toBe('--(x|)', { x: update });
      expectObservable(handshakeResult(events, deps)).toBe('------(r|)', {
        r: {
          kind: 'ready',
          session: updated.type === 'session.updated' ? updated.session : undefined,
        } as HandshakeResult,
      });
      expectSubscriptions(events.subscriptions).toBe([eventSubs, '^-----!']);
    });
  });

  it('fails with the error that names its event_id and ignores unrelated errors', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const mine = errorFor('evt_hs', 'invalid_value');
      const events = hot('--c--o--e--u', {
        c: sessionCreated(),
        o: errorFor('evt_other'),
        e: mine,
        u: sessionUpdated(),
      });
      const custom = { ...deps, eventId: 'evt_hs' };
      expectObservable(handshake(events, custom)).toBe('--(x|)', {
        x: { ...update, event_id: 'evt_hs' },
      });
      expectObservable(handshakeResult(events, custom)).toBe('--------(r|)', {
        r: { kind: 'failed', error: mine },
      });
    });
  });
});

describe('handshakeResult', () => {
  itKeepsTheOperatorContract({
    operator: unitOperator(handshakeResult, deps),
    quiet: sessionCreated(),
    // an `error` event without its error
    poison: { type: 'error', event_id: 'e' },
  });
});
