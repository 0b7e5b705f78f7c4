import fc from 'fast-check';
import { from, lastValueFrom, map, toArray } from 'rxjs';
import {
  assembleFinishedResponses,
  assembleResponses,
  finishCutResponses,
  type ItemSnapshot,
  type ResponseSnapshot,
} from '../../src/operators/index.js';
import { decodeServerEvent, type ServerEvent } from '../../src/protocol/index.js';
import { testScheduler } from '../helpers/marbles.js';
import { itKeepsTheOperatorContract } from '../helpers/operator-contract.js';
import { SCENARIOS } from '../helpers/samples.js';
import {
  argsDelta,
  argsDone,
  audioDelta,
  audioDone,
  callAdded,
  connectionLost,
  created,
  done,
  messageAdded,
  partAdded,
  sampleEvents,
  silence,
  textDelta,
  textDone,
  transcriptDelta,
  speechStarted,
} from './events.js';

/** One line per snapshot: `id status | item texts...`, so marble values stay short. */
function summary(r: ResponseSnapshot): string {
  const items = r.output.map((it) =>
    it.type === 'function_call'
      ? `${it.name}(${it.arguments})`
      : it.content
          .map((c) => (c.type === 'text' ? c.text : `${c.transcript}+${c.audio.byteLength}b`))
          .join('/'),
  );
  return `${r.id} ${r.status} | ${items.join(' ; ')}`;
}

/** A wire event as the socket would deliver it (decoded, unknown members and all). */
function decoded(json: object): ServerEvent {
  const result = decodeServerEvent(json);
  if (result._tag === 'Left') throw result.left;
  return result.right;
}

const run = (events: readonly ServerEvent[]): Promise<ResponseSnapshot[]> =>
  lastValueFrom(from(events).pipe(assembleResponses(), toArray()));

describe('assembleResponses', () => {
  itKeepsTheOperatorContract({
    operator: () => assembleResponses(),
    quiet: speechStarted(),
    // a `response.created` without its response
    poison: { type: 'response.created', event_id: 'e', response: null },
  });

  it('gives, over events whose cut responses are finished, what it gives over the raw events', async () => {
    // The session assembles its router's events, which went through finishCutResponses already.
    for (const scenario of SCENARIOS) {
      const events = sampleEvents(`ga-${scenario}.server.jsonl`);
      const step = Math.ceil(events.length / 12);
      const seen = (r: ResponseSnapshot) => `${summary(r)} ${JSON.stringify(r.statusDetails)}`;
      for (let k = 0; k <= events.length; k += step) {
        const cut = [...events.slice(0, k), connectionLost(), ...events.slice(k)];
        const finished = from(cut).pipe(
          finishCutResponses(),
          assembleFinishedResponses(),
          toArray(),
        );
        expect((await lastValueFrom(finished)).map(seen)).toEqual((await run(cut)).map(seen));
      }
    }
  });

  it('keeps interleaved responses apart', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const events = {
        a: created('r1'),
        b: created('r2'),
        c: messageAdded('r1', 'i1'),
        d: messageAdded('r2', 'i2'),
        e: partAdded('r1', 'i1', 'text'),
        f: partAdded('r2', 'i2', 'text'),
        g: textDelta('r1', 'i1', 'Hel'),
        h: textDelta('r2', 'i2', 'Bon'),
        i: textDelta('r1', 'i1', 'lo'),
        j: textDelta('r2', 'i2', 'jour'),
        k: done('r2'),
        l: done('r1'),
      };
      const source = cold('  a-b-c-d-e-f-g-h-i-j-k-l-|', events);
      const expected = '     a-b-c-d-e-f-g-h-i-j-k-l-|';
      expectObservable(source.pipe(assembleResponses(), map(summary))).toBe(expected, {
        a: 'r1 in_progress | ',
        b: 'r2 in_progress | ',
        c: 'r1 in_progress | ',
        d: 'r2 in_progress | ',
        e: 'r1 in_progress | ',
        f: 'r2 in_progress | ',
        g: 'r1 in_progress | Hel',
        h: 'r2 in_progress | Bon',
        i: 'r1 in_progress | Hello',
        j: 'r2 in_progress | Bonjour',
        k: 'r2 completed | Bonjour',
        l: 'r1 completed | Hello',
      });
      const sourceSubs = '   ^-----------------------!';
      expectSubscriptions(source.subscriptions).toBe(sourceSubs);
    });
  });

  describe('retainAudio', () => {
    const events = {
      a: created('r1'),
      b: messageAdded('r1', 'i1'),
      c: partAdded('r1', 'i1', 'audio'),
      d: audioDelta('r1', 'i1', silence(480)),
      e: transcriptDelta('r1', 'i1', 'Hi'),
      f: audioDelta('r1', 'i1', 'not base64!'),
      g: done('r1'),
    };

    it('keeps the audio by default', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        const source = cold('a-b-c-d-e-f-g|', events);
        expectObservable(source.pipe(assembleResponses(), map(summary))).toBe('a-b-c-d-e-f-g|', {
          a: 'r1 in_progress | ',
          b: 'r1 in_progress | ',
          c: 'r1 in_progress | +0b',
          d: 'r1 in_progress | +480b',
          e: 'r1 in_progress | Hi+480b',
          f: 'r1 in_progress | Hi+480b',
          g: 'r1 completed | Hi+480b',
        });
      });
    });

    it('with false, neither keeps audio nor emits for it, and keeps the transcript', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('a-b-c-d-e-f-g|', events);
        expectObservable(source.pipe(assembleResponses({ retainAudio: false }), map(summary))).toBe(
          'a-b-c---e---g|',
          {
            a: 'r1 in_progress | ',
            b: 'r1 in_progress | ',
            c: 'r1 in_progress | +0b',
            e: 'r1 in_progress | Hi+0b',
            g: 'r1 completed | Hi+0b',
          },
        );
        expectSubscriptions(source.subscriptions).toBe('^------------!');
      });
    });

    it('with false, still ends with the error of the source', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        const source = cold('a-d-#', events);
        expectObservable(source.pipe(assembleResponses({ retainAudio: false }), map(summary))).toBe(
          'a---#',
          { a: 'r1 in_progress | ' },
        );
      });
    });

    it('with false, reports no issue for audio it did not decode', async () => {
      const snapshots = await lastValueFrom(
        from(Object.values(events)).pipe(assembleResponses({ retainAudio: false }), toArray()),
      );
      expect(snapshots.at(-1)?.issues).toEqual([]);
    });
  });

  it('carries status, status details and usage of a response cancelled mid-delta', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const usage = { input_tokens: 10, output_tokens: 5, total_tokens: 15 };
      const source = cold('a-b-c-d-e-|', {
        a: created('r1'),
        b: messageAdded('r1', 'i1'),
        c: partAdded('r1', 'i1', 'audio'),
        d: transcriptDelta('r1', 'i1', 'Once upon'),
        e: done('r1', 'cancelled', usage),
      });
      const result = source.pipe(
        assembleResponses(),
        map((r) => ({
          status: r.status,
          details: r.statusDetails?.reason,
          usage: r.usage?.total_tokens,
        })),
      );
      const expected = '   a-b-c-d-e-|';
      expectObservable(result).toBe(expected, {
        a: { status: 'in_progress', details: undefined, usage: undefined },
        b: { status: 'in_progress', details: undefined, usage: undefined },
        c: { status: 'in_progress', details: undefined, usage: undefined },
        d: { status: 'in_progress', details: undefined, usage: undefined },
        e: { status: 'cancelled', details: 'turn_detected', usage: 15 },
      });
      const sourceSubs = ' ^---------!';
      expectSubscriptions(source.subscriptions).toBe(sourceSubs);
    });
  });

  it('assembles the known items of a response.done that also carries an item of an unknown type', () => {
    const hologram = { id: 'i0', type: 'hologram', status: 'completed', beams: 3 };
    const message = {
      id: 'i1',
      type: 'message',
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text: 'Hi' }],
    };
    const outputItem = (item: object, outputIndex: number) =>
      decoded({
        type: 'response.output_item.added',
        event_id: `e${outputIndex}`,
        response_id: 'r1',
        output_index: outputIndex,
        item,
      });
    const responseDone = decoded({
      type: 'response.done',
      event_id: 'e9',
      response: { id: 'r1', status: 'completed', output: [hologram, message] },
    });
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b-c-d-e-f-|', {
        a: created('r1'),
        b: outputItem(hologram, 0),
        c: messageAdded('r1', 'i1', 1),
        d: partAdded('r1', 'i1', 'text', 1),
        e: textDelta('r1', 'i1', 'Hi', 1),
        f: responseDone,
      });
      const result = source.pipe(
        assembleResponses(),
        map((r) => `${summary(r)} | ${r.issues.map((i) => i.kind).join(',')}`),
      );
      expectObservable(result).toBe('a-b-c-d-e-f-|', {
        a: 'r1 in_progress |  | ',
        b: 'r1 in_progress |  | unknown_item',
        c: 'r1 in_progress |  | unknown_item',
        d: 'r1 in_progress |  | unknown_item',
        e: 'r1 in_progress | Hi | unknown_item',
        f: 'r1 completed | Hi | unknown_item',
      });
      expectSubscriptions(source.subscriptions).toBe('^-----------!');
    });
  });

  it('reports an unknown item with its wire type, and ends with an error when the source does', () => {
    const hologram = decoded({
      type: 'response.output_item.added',
      event_id: 'e1',
      response_id: 'r1',
      output_index: 0,
      item: { id: 'i0', type: 'hologram' },
    });
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b-#', { a: created('r1'), b: hologram });
      const result = source.pipe(
        assembleResponses(),
        map((r) => JSON.stringify(r.issues)),
      );
      expectObservable(result).toBe('a-b-#', {
        a: '[]',
        b: JSON.stringify([
          {
            kind: 'unknown_item',
            responseId: 'r1',
            itemId: 'i0',
            outputIndex: 0,
            wireType: 'hologram',
            eventType: 'response.output_item.added',
          },
        ]),
      });
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
  });

  it('leaves out a content part of an unknown type and reports it once', () => {
    const hologramPart = decoded({
      type: 'response.content_part.added',
      event_id: 'p0',
      response_id: 'r1',
      item_id: 'i1',
      output_index: 0,
      content_index: 0,
      part: { type: 'hologram', beams: 2 },
    });
    const responseDone = decoded({
      type: 'response.done',
      event_id: 'e9',
      response: {
        id: 'r1',
        status: 'completed',
        output: [
          {
            id: 'i1',
            type: 'message',
            role: 'assistant',
            status: 'completed',
            content: [{ type: 'hologram' }, { type: 'output_text', text: 'Hi' }],
          },
        ],
      },
    });
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b-c-d-e-f-#', {
        a: created('r1'),
        b: messageAdded('r1', 'i1'),
        c: hologramPart,
        d: partAdded('r1', 'i1', 'text', 0, 1),
        e: textDelta('r1', 'i1', 'Hi', 0, 1),
        f: responseDone,
      });
      const result = source.pipe(
        assembleResponses(),
        map((r) => `${summary(r)} | ${r.issues.map((i) => i.kind).join(',')}`),
      );
      expectObservable(result).toBe('a-b-c-d-e-f-#', {
        a: 'r1 in_progress |  | ',
        b: 'r1 in_progress |  | ',
        c: 'r1 in_progress |  | unknown_part',
        d: 'r1 in_progress |  | unknown_part',
        e: 'r1 in_progress | Hi | unknown_part',
        f: 'r1 completed | Hi | unknown_part',
      });
      expectSubscriptions(source.subscriptions).toBe('^-----------!');
    });
  });

  it('unsubscribes from the source when the consumer leaves', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-a-b-c-d-', {
        a: created('r1'),
        b: messageAdded('r1', 'i1'),
        c: done('r1'),
        d: created('r2'),
      });
      const unsub = '     ----!    ';
      const expected = '  -a-b-----';
      expectObservable(source.pipe(assembleResponses(), map(summary)), unsub).toBe(expected, {
        a: 'r1 in_progress | ',
        b: 'r1 in_progress | ',
      });
      const sourceSubs = '^---!';
      expectSubscriptions(source.subscriptions).toBe(sourceSubs);
    });
  });

  it('emits immutable snapshots that share unchanged items', async () => {
    const snaps = await run([
      created('r1'),
      messageAdded('r1', 'i1', 0),
      partAdded('r1', 'i1', 'text', 0),
      callAdded('r1', 'i2', 'call_1', 'get_weather', 1),
      textDelta('r1', 'i1', 'Let me check.', 0),
      argsDelta('r1', 'i2', 'call_1', '{"city":', 1),
      argsDelta('r1', 'i2', 'call_1', '"Paris"}', 1),
      done('r1'),
    ]);
    const [, , , , afterText, args1, args2, last] = snaps;
    expect(Object.isFrozen(afterText)).toBe(true);
    expect(Object.isFrozen(afterText.output)).toBe(true);
    expect(args1.output[0]).toBe(afterText.output[0]);
    expect(args2.output[0]).toBe(afterText.output[0]);
    expect(args1.output).not.toBe(args2.output);
    expect((args1.output[1] as ItemSnapshot & { arguments: string }).arguments).toBe('{"city":');
    expect(last.output[1]).toEqual({
      id: 'i2',
      type: 'function_call',
      callId: 'call_1',
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
      status: 'in_progress',
    });
    expect(last.issues).toEqual([]);
  });

  it('assembles audio in O(1) views and reports its duration', async () => {
    const snaps = await run([
      created('r1'),
      messageAdded('r1', 'i1'),
      partAdded('r1', 'i1', 'audio'),
      audioDelta('r1', 'i1', silence(960)),
      audioDelta('r1', 'i1', Buffer.from([1, 2, 3, 4]).toString('base64')),
      audioDone('r1', 'i1'),
      done('r1'),
    ]);
    const first = snaps[3].output[0];
    const last = snaps[snaps.length - 1].output[0];
    if (first.type !== 'message' || last.type !== 'message') throw new Error('expected messages');
    const [a, b] = [first.content[0], last.content[0]];
    if (a.type !== 'audio' || b.type !== 'audio') throw new Error('expected audio parts');
    expect(a.audio.byteLength).toBe(960);
    expect(a.audio.durationMs).toBe(20);
    expect(b.audio.byteLength).toBe(964);
    expect(Array.from(b.audio.toBytes().slice(960))).toEqual([1, 2, 3, 4]);
    expect(a.audio.toBytes().length).toBe(960);
  });

  it.each(['Buffer', 'atob'])(
    'reports an audio delta that is not base64 as an issue (%s path) and keeps the rest',
    async (path) => {
      const events = [
        created('r1'),
        messageAdded('r1', 'i1'),
        partAdded('r1', 'i1', 'audio'),
        audioDelta('r1', 'i1', silence(960)),
        audioDelta('r1', 'i1', 'not base64!'),
        audioDelta('r1', 'i1', silence(960)),
        audioDone('r1', 'i1'),
        done('r1'),
      ];
      const saved = Object.getOwnPropertyDescriptor(globalThis, 'Buffer');
      if (path === 'atob') Reflect.deleteProperty(globalThis, 'Buffer');
      let snaps: ResponseSnapshot[];
      try {
        snaps = await run(events);
      } finally {
        Object.defineProperty(globalThis, 'Buffer', saved as PropertyDescriptor);
      }
      const last = snaps[snaps.length - 1];
      expect(last.status).toBe('completed');
      const part = last.output[0].type === 'message' ? last.output[0].content[0] : undefined;
      expect(part?.type === 'audio' && part.audio.byteLength).toBe(1920);
      expect(last.issues).toEqual([
        {
          kind: 'invalid_audio',
          responseId: 'r1',
          itemId: 'i1',
          contentIndex: 0,
          eventType: 'response.output_audio.delta',
          reason: expect.stringMatching(/not valid base64/),
        },
      ]);
    },
  );

  it('creates unannounced responses, items and parts on the fly and reports them', async () => {
    const snaps = await run([
      textDelta('r9', 'i9', 'joined '),
      textDelta('r9', 'i9', 'late'),
      done('r9'),
    ]);
    const last = snaps[snaps.length - 1];
    expect(summary(last)).toBe('r9 completed | joined late');
    expect(last.issues.map((i) => i.kind)).toEqual([
      'unannounced_response',
      'unannounced_item',
      'unannounced_part',
    ]);
  });

  it('lets .done payloads win over deltas and reports the mismatch', async () => {
    const snaps = await run([
      created('r1'),
      messageAdded('r1', 'i1'),
      partAdded('r1', 'i1', 'text'),
      textDelta('r1', 'i1', 'Helo'),
      textDone('r1', 'i1', 'Hello'),
      callAdded('r1', 'i2', 'c', 'f', 1),
      argsDelta('r1', 'i2', 'c', '{', 1),
      argsDone('r1', 'i2', 'c', 'f', '{}', 1),
      done('r1'),
    ]);
    const last = snaps[snaps.length - 1];
    expect(summary(last)).toBe('r1 completed | Hello ; f({})');
    expect(last.issues).toEqual([
      expect.objectContaining({
        kind: 'done_mismatch',
        field: 'text',
        assembled: 'Helo',
        final: 'Hello',
      }),
      expect.objectContaining({
        kind: 'done_mismatch',
        field: 'arguments',
        assembled: '{',
        final: '{}',
      }),
    ]);
  });

  it('assembles any split of two interleaved texts back into the texts', () => {
    const chunks = (text: string) =>
      fc.array(fc.nat({ max: text.length }), { maxLength: 8 }).map((cuts) => {
        const points = [...new Set([0, ...cuts, text.length])].sort((x, y) => x - y);
        return points.slice(1).map((end, i) => text.slice(points[i], end));
      });
    const arb = fc
      .tuple(fc.string(), fc.string())
      .chain(([t1, t2]) =>
        fc.tuple(
          fc.constant(t1),
          fc.constant(t2),
          chunks(t1),
          chunks(t2),
          fc.array(fc.boolean(), { maxLength: 20 }),
        ),
      );
    fc.assert(
      fc.property(arb, ([t1, t2, c1, c2, order]) => {
        const events: ServerEvent[] = [
          created('r1'),
          messageAdded('r1', 'a', 0),
          partAdded('r1', 'a', 'text', 0),
        ];
        events.push(messageAdded('r1', 'b', 1), partAdded('r1', 'b', 'audio', 1));
        let i = 0;
        let j = 0;
        let k = 0;
        while (i < c1.length || j < c2.length) {
          const first =
            j >= c2.length || (i < c1.length && (order[k++ % Math.max(order.length, 1)] ?? true));
          if (first) events.push(textDelta('r1', 'a', c1[i++], 0));
          else events.push(transcriptDelta('r1', 'b', c2[j++], 1));
        }
        events.push(done('r1'));
        let last: ResponseSnapshot | undefined;
        from(events)
          .pipe(assembleResponses())
          .subscribe((s) => (last = s));
        expect(summary(last as ResponseSnapshot)).toBe(`r1 completed | ${t1} ; ${t2}+0b`);
      }),
    );
  });

  describe('sample streams', () => {
    const files = SCENARIOS.flatMap((s) => [`ga-${s}.server.jsonl`, `beta-${s}.server.jsonl`]);

    it.each(files)(
      '%s assembles to exactly the .done text, transcripts and arguments',
      async (file) => {
        const events = sampleEvents(file);
        const snaps = await run(events);
        const finals = new Map(
          snaps.filter((s) => s.status !== 'in_progress').map((s) => [s.id, s]),
        );
        const part = (rid: string, iid: string, ci: number) => {
          const item = finals.get(rid)?.output.find((it) => it.id === iid);
          if (!item || item.type !== 'message') throw new Error(`no message ${iid}`);
          return item.content[ci];
        };
        let checked = 0;
        const audioBytes = new Map<string, number>();
        for (const e of events) {
          if (e.type === 'response.output_audio.delta') {
            audioBytes.set(
              e.item_id,
              (audioBytes.get(e.item_id) ?? 0) + Buffer.from(e.delta, 'base64').length,
            );
          }
          if (e.type === 'response.output_text.done') {
            expect(part(e.response_id, e.item_id, e.content_index)).toEqual({
              type: 'text',
              text: e.text,
            });
            checked++;
          }
          if (e.type === 'response.output_audio_transcript.done') {
            const p = part(e.response_id, e.item_id, e.content_index);
            expect(p.type === 'audio' && p.transcript).toBe(e.transcript);
            expect(p.type === 'audio' && p.audio.byteLength).toBe(audioBytes.get(e.item_id) ?? 0);
            checked++;
          }
          if (e.type === 'response.function_call_arguments.done') {
            const item = finals.get(e.response_id)?.output.find((it) => it.id === e.item_id);
            expect(item).toEqual(
              expect.objectContaining({
                type: 'function_call',
                arguments: e.arguments,
                name: e.name,
                callId: e.call_id,
              }),
            );
            checked++;
          }
        }
        expect(checked).toBeGreaterThan(0);
        for (const s of finals.values()) expect(s.issues).toEqual([]);
      },
    );

    /** The assembled results without ids. */
    const shape = (snaps: readonly ResponseSnapshot[]) =>
      snaps
        .filter((s) => s.status !== 'in_progress')
        .map((s) => ({
          status: s.status,
          reason: s.statusDetails?.reason,
          output: s.output.map((it) =>
            it.type === 'function_call'
              ? { type: it.type, name: it.name, arguments: it.arguments, status: it.status }
              : {
                  type: it.type,
                  role: it.role,
                  status: it.status,
                  content: it.content.map((c) =>
                    c.type === 'text'
                      ? c
                      : { type: c.type, transcript: c.transcript, bytes: c.audio.byteLength },
                  ),
                },
          ),
        }));

    it.each(SCENARIOS)('beta and GA %s assemble to the same results', async (scenario) => {
      const ga = shape(await run(sampleEvents(`ga-${scenario}.server.jsonl`)));
      const beta = shape(await run(sampleEvents(`beta-${scenario}.server.jsonl`)));
      expect(ga.length).toBeGreaterThan(0);
      expect(beta).toEqual(ga);
    });
  });
});
