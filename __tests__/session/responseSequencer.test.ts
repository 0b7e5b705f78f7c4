import { NEVER, type Observer } from 'rxjs';
import type { ClientEventOf, ServerEvent, ServerEventOf } from '../../src/protocol/index.js';
import { ServerError } from '../../src/transport/index.js';
import {
  ConfirmationLostError,
  REQUEST_METADATA_KEY,
  responseSequencer,
  type ResponseRequest,
} from '../../src/session/index.js';
import { testScheduler } from '../helpers/marbles.js';
import { created, done } from '../operators/events.js';
import { errorFor, sessionUpdatedWith } from './events.js';

type Create = ClientEventOf<'response.create'>;
type Created = ServerEventOf<'response.created'>;
const plain: Create = { type: 'response.create' };
const french: Create = { type: 'response.create', response: { instructions: 'In French.' } };
const short: Create = { type: 'response.create', response: { max_output_tokens: 50 } };

const ask = (event: Create, confirmation?: Observer<Created>): ResponseRequest =>
  confirmation ? { event, confirmation } : { event };

/** The create as the sequencer sends it: with its event_id and the metadata tag. */
const sent = (event: Create, eventId: string): Create => ({
  ...event,
  event_id: eventId,
  response: { ...event.response, metadata: { [REQUEST_METADATA_KEY]: eventId } },
});

/** A response.created that answers the create with this event_id (the service echoes metadata). */
const answering = (responseId: string, eventId: string): ServerEvent => {
  const e = created(responseId) as Created;
  return { ...e, response: { ...e.response, metadata: { [REQUEST_METADATA_KEY]: eventId } } };
};

/** Records how confirmations end, in frames. */
function outcomes() {
  const seen: string[] = [];
  const observer = (name: string): Observer<Created> => ({
    next: (e) => seen.push(`${name}:${e.response.id}`),
    error: (err: unknown) =>
      seen.push(`${name}:${err instanceof ServerError ? err.code : (err as Error).name}`),
    complete: () => undefined,
  });
  return { seen, observer };
}

describe('responseSequencer', () => {
  it('holds a create requested during an active response until response.done', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const events = hot('  ---a-----b---c--d', {
        a: created('r1'),
        b: done('r1'),
        c: created('r2'),
        d: done('r2'),
      });
      const requests = hot('-r----q--------', { r: ask(plain), q: ask(french) });
      const expected = '    -x-------y-----';
      expectObservable(responseSequencer(events, { requests$: requests })).toBe(expected, {
        x: sent(plain, 'resp_create_1'),
        y: sent(french, 'resp_create_2'),
      });
      expectSubscriptions(events.subscriptions).toBe('^');
      expectSubscriptions(requests.subscriptions).toBe('^');
    });
  });

  it('waits between sending a create and response.created, and merges waiting requests', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const events = hot('  -----a---b', { a: created('r1'), b: done('r1') });
      const requests = hot('-rq-s-----', { r: ask(plain), q: ask(french), s: ask(short) });
      expectObservable(responseSequencer(events, { requests$: requests })).toBe('-x-------y', {
        x: sent(plain, 'resp_create_1'),
        y: sent(
          {
            type: 'response.create',
            response: { instructions: 'In French.', max_output_tokens: 50 },
          },
          'resp_create_2',
        ),
      });
    });
  });

  it('confirms a request only with the response.created that names it in metadata', () => {
    const { seen, observer } = outcomes();
    testScheduler().run(({ hot, expectObservable, flush }) => {
      // A server-started response (no tag) arrives while ours is in flight; it is not ours.
      const events = hot('  --s-a---b--c', {
        s: answering('r0', 'other'),
        a: created('r_vad'),
        b: done('r_vad'),
        c: answering('r1', 'resp_create_1'),
      });
      const requests = hot('-r---------', { r: ask(plain, observer('r')) });
      expectObservable(responseSequencer(events, { requests$: requests })).toBe('-x', {
        x: sent(plain, 'resp_create_1'),
      });
      flush();
      expect(seen).toEqual(['r:r1']);
    });
  });

  it('an untagged response.created answers when the server does not echo metadata', () => {
    const { seen, observer } = outcomes();
    testScheduler().run(({ hot, flush }) => {
      const events = hot('  ---a', { a: created('r1') });
      const requests = hot('-r--', { r: ask(plain, observer('r')) });
      responseSequencer(events, { requests$: requests }).subscribe();
      flush();
      expect(seen).toEqual(['r:r1']);
    });
  });

  it('server VAD: after speech_stopped a request waits for the server-started response', () => {
    const { seen, observer } = outcomes();
    testScheduler().run(({ hot, expectObservable, flush }) => {
      const vad = sessionUpdatedWith({
        audio: { input: { turn_detection: { type: 'server_vad', create_response: true } } },
      });
      const events = hot<ServerEvent>('  v-s---a---b---c', {
        v: vad,
        s: {
          type: 'input_audio_buffer.speech_stopped',
          event_id: 'e',
          audio_end_ms: 900,
          item_id: 'u1',
        },
        a: created('r_vad'),
        b: done('r_vad'),
        c: answering('r1', 'resp_create_1'),
      });
      const requests = hot('--r------------', { r: ask(plain, observer('r')) });
      expectObservable(
        responseSequencer(events, { requests$: requests, serverStartGraceMs: 100 }),
      ).toBe('----------x', { x: sent(plain, 'resp_create_1') });
      flush();
      expect(seen).toEqual(['r:r1']);
    });
  });

  it('server VAD that starts nothing: the request is sent after the grace period', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const vad = sessionUpdatedWith({
        audio: { input: { turn_detection: { type: 'server_vad' } } },
      });
      const events = hot<ServerEvent>('  v-c', {
        v: vad,
        c: { type: 'input_audio_buffer.committed', event_id: 'e', item_id: 'u1' },
      });
      const requests = hot('--r', { r: ask(plain) });
      expectObservable(
        responseSequencer(events, { requests$: requests, serverStartGraceMs: 5 }),
      ).toBe('-------x', { x: sent(plain, 'resp_create_1') });
    });
  });

  it('conversation_already_has_active_response re-queues the request; other errors fail it', () => {
    const { seen, observer } = outcomes();
    testScheduler().run(({ hot, expectObservable, flush }) => {
      const events = hot('  --a-b--c-d-e', {
        a: errorFor('resp_create_1', 'conversation_already_has_active_response'),
        b: created('r_other'),
        c: done('r_other'),
        d: errorFor('resp_create_2', 'invalid_value'),
        e: errorFor('resp_create_3', 'invalid_value'),
      });
      const requests = hot('-r--------q-', {
        r: ask(plain, observer('r')),
        q: ask(french, observer('q')),
      });
      expectObservable(responseSequencer(events, { requests$: requests })).toBe('-x-----y--z', {
        x: sent(plain, 'resp_create_1'),
        y: sent(plain, 'resp_create_2'),
        z: sent(french, 'resp_create_3'),
      });
      flush();
      expect(seen).toEqual(['r:invalid_value', 'q:invalid_value']);
    });
  });

  it('waits while open$ is false and sends in order once open', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const events = hot<ServerEvent>('  -------');
      const open = hot('    f---t--', { f: false, t: true });
      const requests = hot('-r-q---', { r: ask(plain), q: ask(french) });
      expectObservable(responseSequencer(events, { requests$: requests, open$: open })).toBe(
        '----x--',
        {
          x: sent(
            { type: 'response.create', response: { instructions: 'In French.' } },
            'resp_create_1',
          ),
        },
      );
    });
  });

  it('reset$: a create that never got its response.created is sent again; active ones forgotten', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const events = hot('  --a------', { a: created('r1') });
      const requests = hot('-r--q----', { r: ask(plain), q: ask(french) });
      const resets = hot('  ------x--', { x: undefined });
      expectObservable(responseSequencer(events, { requests$: requests, reset$: resets })).toBe(
        '-x----y--',
        {
          x: sent(plain, 'resp_create_1'),
          y: sent(french, 'resp_create_2'),
        },
      );
    });
    testScheduler().run(({ hot, expectObservable }) => {
      const events = hot<ServerEvent>('  ---------');
      const requests = hot('-r-------', { r: ask(plain) });
      const resets = hot('  ----x----', { x: undefined });
      expectObservable(responseSequencer(events, { requests$: requests, reset$: resets })).toBe(
        '-x--y----',
        {
          x: sent(plain, 'resp_create_1'),
          y: sent(plain, 'resp_create_2'),
        },
      );
    });
  });

  it('lost$ and unsubscription fail what waits with ConfirmationLostError', () => {
    const { seen, observer } = outcomes();
    testScheduler().run(({ hot, expectObservable, flush }) => {
      const events = hot<ServerEvent>('  ---------');
      const requests = hot('-r-q-----', {
        r: ask(plain, observer('r')),
        q: ask(french, observer('q')),
      });
      const lost = hot('    -----x---', { x: 'the connection was lost' });
      expectObservable(responseSequencer(events, { requests$: requests, lost$: lost })).toBe('-x', {
        x: sent(plain, 'resp_create_1'),
      });
      flush();
      expect(seen).toEqual(['r:ConfirmationLostError', 'q:ConfirmationLostError']);
    });
    const later = outcomes();
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const events = hot<ServerEvent>('  ------');
      const requests = hot('-r----', { r: ask(plain, later.observer('r')) });
      expectObservable(responseSequencer(events, { requests$: requests }), '^--!').toBe('-x', {
        x: sent(plain, 'resp_create_1'),
      });
      expectSubscriptions(events.subscriptions).toBe('^--!');
      expectSubscriptions(requests.subscriptions).toBe('^--!');
    });
    expect(later.seen).toEqual(['r:ConfirmationLostError']);
  });

  it('errors: the source error propagates and loses what waits', () => {
    const { seen, observer } = outcomes();
    testScheduler().run(({ hot, expectObservable, flush }) => {
      const events = hot<ServerEvent>('  ---#', undefined, new Error('socket failed'));
      const requests = hot('-r--', { r: ask(plain, observer('r')) });
      expectObservable(responseSequencer(events, { requests$: requests })).toBe(
        '-x-#',
        { x: sent(plain, 'resp_create_1') },
        new Error('socket failed'),
      );
      flush();
      expect(seen).toEqual(['r:ConfirmationLostError']);
    });
  });

  it('errors: an exception while handling an event is the output error, not thrown out of band', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const broken = {
        type: 'response.created',
        event_id: 'e',
        response: null,
      } as unknown as ServerEvent;
      const events = hot('--b-', { b: broken });
      expectObservable(responseSequencer(events, { requests$: NEVER })).toBe(
        '--#',
        undefined,
        expect.any(TypeError),
      );
    });
  });

  it('completes with the event stream, losing what waits', () => {
    const { seen, observer } = outcomes();
    testScheduler().run(({ hot, cold, expectObservable, flush }) => {
      const events = cold<ServerEvent>('---|');
      const requests = hot('-r--', { r: ask(plain, observer('r')) });
      expectObservable(responseSequencer(events, { requests$: requests })).toBe('-x-|', {
        x: sent(plain, 'resp_create_1'),
      });
      flush();
      expect(seen).toEqual(['r:ConfirmationLostError']);
    });
    expect(new ConfirmationLostError('response.create', 'the session ended').message).toBe(
      'response.create: not confirmed, the session ended',
    );
  });
});
