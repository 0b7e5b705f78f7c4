import {
  endWith,
  firstValueFrom,
  from,
  ignoreElements,
  lastValueFrom,
  map,
  merge,
  mergeMap,
  Subject,
  toArray,
} from 'rxjs';
import {
  accumulateFunctionCalls,
  assembleResponses,
  finishCutResponses,
  responseStreams,
  type FunctionCall,
  type ResponseSnapshot,
} from '../../src/operators/index.js';
import type { ServerEvent } from '../../src/protocol/index.js';
import { testScheduler } from '../helpers/marbles.js';
import {
  argsDelta,
  argsDone,
  audioDelta,
  callAdded,
  connectionLost,
  created,
  cutDone,
  done,
  messageAdded,
  partAdded,
  silence,
  textDelta,
  transcriptDelta,
} from './events.js';

describe('finishCutResponses', () => {
  it('ends a cut response with a local response.done, then passes the lost event', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const events = {
        a: created('r1'),
        b: messageAdded('r1', 'i1'),
        c: textDelta('r1', 'i1', 'Hel'),
        L: connectionLost(1006, true),
      };
      const source = cold('a-b-c-L----|', events);
      const expected = '   a-b-c-(dL)-|';
      expectObservable(source.pipe(finishCutResponses())).toBe(expected, {
        ...events,
        d: cutDone('r1', 1006),
      });
      expectSubscriptions(source.subscriptions).toBe('^----------!');
    });
  });

  it('names the close code in the details and passes every other event as it is', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const events = { a: created('r1'), b: transcriptDelta('r1', 'i1', 'Hi') };
      const lost = connectionLost(1011, false);
      const source = cold('a-b-L---|', { ...events, L: lost });
      const expected = '   a-b-(dL)|';
      expectObservable(source.pipe(finishCutResponses())).toBe(expected, {
        ...events,
        d: cutDone('r1', 1011),
        L: lost,
      });
    });
  });

  it('does not finish responses that already had their response.done', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const events = { a: created('r1'), b: done('r1'), c: created('r2') };
      const source = cold('a-b-c-L----|', { ...events, L: connectionLost() });
      const expected = '   a-b-c-(dL)-|';
      expectObservable(source.pipe(finishCutResponses())).toBe(expected, {
        ...events,
        d: cutDone('r2'),
        L: connectionLost(),
      });
    });
  });

  it('passes the lost event alone when nothing was in progress', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const events = { a: created('r1'), b: done('r1'), L: connectionLost(1006, false) };
      const source = cold('a-b-L-|', events);
      const expected = '   a-b-L-|';
      expectObservable(source.pipe(finishCutResponses())).toBe(expected, events);
    });
  });

  it('finishes several responses in progress, in the order they started', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const events = { a: created('r1'), b: created('r2'), c: created('r3'), e: done('r2') };
      const source = cold('a-b-c-e-L----|', { ...events, L: connectionLost() });
      const expected = '   a-b-c-e-(xyL)|';
      expectObservable(source.pipe(finishCutResponses())).toBe(expected, {
        ...events,
        x: cutDone('r1'),
        y: cutDone('r3'),
        L: connectionLost(),
      });
    });
  });

  it('finishes a response once: the next connection starts with nothing in progress', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const events = { a: created('r1'), b: created('r2'), c: done('r2') };
      const source = cold('a-L----b-c-L-|', { ...events, L: connectionLost() });
      const expected = '   a-(dL)-b-c-L-|';
      expectObservable(source.pipe(finishCutResponses())).toBe(expected, {
        ...events,
        d: cutDone('r1'),
        L: connectionLost(),
      });
    });
  });

  it('keeps what is in progress apart for each subscriber', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const events = { a: created('r1'), L: connectionLost() };
      const operator = finishCutResponses();
      expectObservable(cold('a-|', events).pipe(operator)).toBe('a-|', events);
      expectObservable(cold('L--|', events).pipe(operator)).toBe('L--|', events);
    });
  });

  it('propagates a source error without inventing a response.done', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const failure = new Error('transport failed');
      const events = { a: created('r1'), b: textDelta('r1', 'i1', 'x') };
      const source = cold('a-b-#', events, failure);
      const expected = '   a-b-#';
      expectObservable(source.pipe(finishCutResponses())).toBe(expected, events, failure);
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
  });

  it('ends with the error of a malformed event and leaves the source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      // No decoder lets this through; a socket double (or a bug) could.
      const poison = { type: 'response.created', event_id: 'e', response: null } as never;
      const events = { a: created('r1'), p: poison, L: connectionLost() };
      const source = cold('a-p-L|', events);
      expectObservable(source.pipe(finishCutResponses())).toBe(
        'a-#',
        events,
        expect.any(TypeError),
      );
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });

  it('looks at no event after its error, even from a synchronous source', () => {
    let reads = 0;
    const counted = (event: ServerEvent): ServerEvent =>
      new Proxy(event, {
        get: (target, key) => {
          if (key === 'type') reads += 1;
          return Reflect.get(target, key);
        },
      });
    const poison = counted({ type: 'response.created', event_id: 'e', response: null } as never);
    const errors: unknown[] = [];
    from([poison, counted(connectionLost()), counted(created('r2'))])
      .pipe(finishCutResponses())
      .subscribe({ error: (err: unknown) => errors.push(err) });
    expect(errors).toEqual([expect.any(TypeError)]);
    expect(reads).toBe(1);
  });

  it('unsubscribes from the source when the consumer leaves early', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const events = { a: created('r1'), b: created('r2'), L: connectionLost() };
      const source = hot('-a-b-L-', events);
      const unsub = '     ----!  ';
      const expected = '  -a-b---';
      expectObservable(source.pipe(finishCutResponses()), unsub).toBe(expected, events);
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
  });

  it('completes on an empty source and stays silent on a never source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const empty = cold<ServerEvent>('|');
      const never = cold<ServerEvent>('-');
      expectObservable(empty.pipe(finishCutResponses())).toBe('|');
      expectObservable(never.pipe(finishCutResponses())).toBe('-');
      expectSubscriptions(empty.subscriptions).toBe('(^!)');
      expectSubscriptions(never.subscriptions).toBe('^');
    });
  });
});

/** A snapshot as `status details bytes`, to read the cut in a diagram. */
const cutSummary = (r: ResponseSnapshot): string => {
  const bytes = r.output
    .flatMap((item) => (item.type === 'message' ? item.content : []))
    .reduce((n, part) => n + (part.type === 'audio' ? part.audio.byteLength : 0), 0);
  const error = r.statusDetails?.error;
  const why = error ? `${error.type}/${String(error.code)}` : '-';
  return `${r.id} ${r.status} ${why} ${bytes}b`;
};

describe('a cut response through assembleResponses', () => {
  it('ends incomplete with the connection_lost details, and its audio is forgotten', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('a-b-c-d-L-e-|', {
        a: created('r1'),
        b: messageAdded('r1', 'i1'),
        c: partAdded('r1', 'i1', 'audio'),
        d: audioDelta('r1', 'i1', silence(960)),
        L: connectionLost(),
        // a late delta for the cut response starts from nothing: its 960 bytes were released
        e: audioDelta('r1', 'i1', silence(4)),
      });
      const expected = '   a-b-c-d-L-e-|';
      expectObservable(source.pipe(assembleResponses(), map(cutSummary))).toBe(expected, {
        a: 'r1 in_progress - 0b',
        b: 'r1 in_progress - 0b',
        c: 'r1 in_progress - 0b',
        d: 'r1 in_progress - 960b',
        L: 'r1 incomplete connection_lost/close_1006 960b',
        e: 'r1 in_progress - 4b',
      });
    });
  });

  it('leaves a completed response alone and reports the late one as unannounced', async () => {
    const events = [
      created('r1'),
      done('r1'),
      created('r2'),
      messageAdded('r2', 'i2'),
      connectionLost(),
      textDelta('r2', 'i2', 'late'),
    ];
    const subject = new Subject<ServerEvent>();
    const all = lastValueFrom(subject.pipe(assembleResponses(), toArray()));
    for (const e of events) subject.next(e);
    subject.complete();
    const result = await all;
    expect(result.map((r) => `${r.id} ${r.status}`)).toEqual([
      'r1 in_progress',
      'r1 completed',
      'r2 in_progress',
      'r2 in_progress',
      'r2 incomplete',
      'r2 in_progress',
    ]);
    expect(result[result.length - 1].issues.map((i) => i.kind)).toContain('unannounced_response');
  });
});

describe('a cut response through responseStreams', () => {
  it('completes the part streams and parts$ of the cut response at the lost connection', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('a-b-c-d-e-L-', {
        a: created('r1'),
        b: messageAdded('r1', 'i1'),
        c: partAdded('r1', 'i1', 'audio'),
        d: audioDelta('r1', 'i1', silence(960)),
        e: transcriptDelta('r1', 'i1', 'Hel'),
        L: connectionLost(),
      });
      const result = source.pipe(
        responseStreams(),
        mergeMap((response) =>
          merge(
            response.parts$.pipe(
              mergeMap((part) =>
                part.kind === 'audio'
                  ? merge(
                      part.audio$.pipe(
                        map((chunk) => `audio ${chunk.byteLength}`),
                        endWith('audio done'),
                      ),
                      part.transcript$.pipe(endWith('transcript done')),
                    )
                  : [],
              ),
            ),
            response.parts$.pipe(ignoreElements(), endWith(`${response.responseId} parts done`)),
          ),
        ),
      );
      const expected = '   ------d-e-(xyz)';
      expectObservable(result).toBe(expected, {
        d: 'audio 960',
        e: 'Hel',
        x: 'transcript done',
        y: 'audio done',
        z: 'r1 parts done',
      });
      expectSubscriptions(source.subscriptions).toBe('^');
    });
  });

  it('lets a player waiting for the end of the audio finish', async () => {
    const events = new Subject<ServerEvent>();
    const played = lastValueFrom(
      events.pipe(
        responseStreams(),
        mergeMap((response) => response.parts$),
        mergeMap((part) => (part.kind === 'audio' ? part.audio$ : [])),
        map((chunk) => chunk.byteLength),
        toArray(),
      ),
    );
    const chunks = firstValueFrom(
      events.pipe(
        responseStreams(),
        mergeMap((response) => response.parts$),
        mergeMap((part) => (part.kind === 'audio' ? part.audio$.pipe(toArray()) : [])),
      ),
    );
    for (const e of [
      created('r1'),
      messageAdded('r1', 'i1'),
      partAdded('r1', 'i1', 'audio'),
      audioDelta('r1', 'i1', silence(480)),
      audioDelta('r1', 'i1', silence(480)),
      connectionLost(),
    ])
      events.next(e);
    // the audio stream of the cut response is over although the event stream goes on
    expect((await chunks).map((c) => c.byteLength)).toEqual([480, 480]);
    events.complete();
    expect(await played).toEqual([480, 480]);
  });
});

describe('a cut function call through accumulateFunctionCalls', () => {
  const summary = (c: FunctionCall) =>
    `${c.name} ${c.arguments} ready=${String(c.ready)} complete=${String(c.complete)} ${String(c.responseStatus)}`;

  it('is reported at the lost connection as not ready, its response incomplete', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('a-b-c-d-e-L---|', {
        a: created('r1'),
        b: callAdded('r1', 'i1', 'call_1', 'get_weather', 0),
        c: argsDelta('r1', 'i1', 'call_1', '{"city":', 0),
        d: callAdded('r1', 'i2', 'call_2', 'get_time', 1),
        e: argsDone('r1', 'i2', 'call_2', 'get_time', '{}', 1),
        L: connectionLost(),
      });
      const expected = '   ----------(xy)|';
      expectObservable(source.pipe(accumulateFunctionCalls(), map(summary))).toBe(expected, {
        x: 'get_weather {"city": ready=false complete=false incomplete',
        y: 'get_time {} ready=false complete=true incomplete',
      });
    });
  });

  it('does not report a call again whose response completed before the drop', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('a-b-c-d-L-|', {
        a: created('r1'),
        b: callAdded('r1', 'i1', 'call_1', 'get_time', 0),
        c: argsDone('r1', 'i1', 'call_1', 'get_time', '{}', 0),
        d: done('r1'),
        L: connectionLost(),
      });
      const expected = '   ------d---|';
      expectObservable(source.pipe(accumulateFunctionCalls(), map(summary))).toBe(expected, {
        d: 'get_time {} ready=true complete=true completed',
      });
    });
  });
});
