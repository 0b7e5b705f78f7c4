import { either } from 'fp-ts';
import { from, lastValueFrom, map, toArray } from 'rxjs';
import {
  accumulateFunctionCalls,
  ToolArgumentsError,
  type FunctionCall,
} from '../../src/operators/index.js';
import type { ServerEvent } from '../../src/protocol/index.js';
import { testScheduler } from '../helpers/marbles.js';
import { itKeepsTheOperatorContract } from '../helpers/operator-contract.js';
import {
  argsDelta,
  argsDone,
  callAdded,
  callDone,
  created,
  done,
  sampleEvents,
  speechStarted,
} from './events.js';

const brief = (c: FunctionCall) =>
  `${c.callId} ${c.name}(${c.arguments}) ready=${c.ready} ${c.responseStatus ?? '-'} ${either.isRight(c.parsed) ? 'ok' : 'bad'}`;

describe('accumulateFunctionCalls', () => {
  itKeepsTheOperatorContract({
    operator: () => accumulateFunctionCalls(),
    quiet: speechStarted(),
    // a `response.done` without its response
    poison: { type: 'response.done', event_id: 'e', response: null },
  });

  it('emits parallel calls at response.done in output order', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b-c-d-e-f-g-h-i-(j|)', {
        a: created('r1'),
        b: callAdded('r1', 'i1', 'c1', 'weather', 0),
        c: callAdded('r1', 'i2', 'c2', 'time', 1),
        d: argsDelta('r1', 'i2', 'c2', '{"tz":', 1),
        e: argsDelta('r1', 'i1', 'c1', '{"city":', 0),
        f: argsDelta('r1', 'i1', 'c1', '"Paris"}', 0),
        g: argsDelta('r1', 'i2', 'c2', '"CET"}', 1),
        h: argsDone('r1', 'i2', 'c2', 'time', '{"tz":"CET"}', 1),
        i: argsDone('r1', 'i1', 'c1', 'weather', '{"city":"Paris"}', 0),
        j: done('r1'),
      });
      const expected = '   ------------------(xy|)';
      expectObservable(source.pipe(accumulateFunctionCalls(), map(brief))).toBe(expected, {
        x: 'c1 weather({"city":"Paris"}) ready=true completed ok',
        y: 'c2 time({"tz":"CET"}) ready=true completed ok',
      });
      const sourceSubs = ' ^-----------------!';
      expectSubscriptions(source.subscriptions).toBe(sourceSubs);
    });
  });

  it('marks a call cancelled mid-delta and never makes it ready', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b-c-d-e-|', {
        a: created('r1'),
        b: callAdded('r1', 'i1', 'c1', 'weather'),
        c: argsDelta('r1', 'i1', 'c1', '{"city":"Par'),
        d: callDone('r1', 'i1', 'c1', 'weather', '{"city":"Par', 'incomplete'),
        e: done('r1', 'cancelled'),
      });
      const expected = '   --------x-|';
      expectObservable(source.pipe(accumulateFunctionCalls(), map(brief))).toBe(expected, {
        x: 'c1 weather({"city":"Par) ready=false cancelled bad',
      });
      const sourceSubs = ' ^---------!';
      expectSubscriptions(source.subscriptions).toBe(sourceSubs);
    });
  });

  it('wraps JSON.parse failures in a ToolArgumentsError', async () => {
    const calls = await lastValueFrom(
      from([
        created('r1'),
        callAdded('r1', 'i1', 'c1', 'f'),
        argsDone('r1', 'i1', 'c1', 'f', '{oops'),
        done('r1'),
      ]).pipe(accumulateFunctionCalls(), toArray()),
    );
    expect(calls).toHaveLength(1);
    expect(calls[0].ready).toBe(false);
    const parsed = calls[0].parsed;
    if (either.isRight(parsed)) throw new Error('expected Left');
    expect(parsed.left).toBeInstanceOf(ToolArgumentsError);
    expect(parsed.left.name).toBe('ToolArgumentsError');
    expect(parsed.left.arguments).toBe('{oops');
  });

  it('emits partial calls with progress: true', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('a-b-c-d-e-|', {
        a: created('r1'),
        b: callAdded('r1', 'i1', 'c1', 'f'),
        c: argsDelta('r1', 'i1', 'c1', '{'),
        d: argsDone('r1', 'i1', 'c1', 'f', '{}'),
        e: done('r1'),
      });
      const expected = '   ----c-d-e-|';
      expectObservable(source.pipe(accumulateFunctionCalls({ progress: true }), map(brief))).toBe(
        expected,
        {
          c: 'c1 f({) ready=false - bad',
          d: 'c1 f({}) ready=false - ok',
          e: 'c1 f({}) ready=true completed ok',
        },
      );
    });
  });

  it('includes calls seen only in the response.done output', async () => {
    const late: ServerEvent = {
      type: 'response.done',
      event_id: 'e',
      response: {
        id: 'r1',
        status: 'completed',
        status_details: null,
        usage: null,
        metadata: null,
        output: [
          {
            id: 'i1',
            type: 'function_call',
            call_id: 'c1',
            name: 'f',
            arguments: '{"a":1}',
            status: 'completed',
          },
        ],
      },
    };
    const calls = await lastValueFrom(
      from([late]).pipe(accumulateFunctionCalls(), map(brief), toArray()),
    );
    expect(calls).toEqual(['c1 f({"a":1}) ready=true completed ok']);
  });

  it('finds the same call in the beta and GA function-call samples', async () => {
    const strip = (c: FunctionCall) => ({
      name: c.name,
      arguments: c.arguments,
      ready: c.ready,
      status: c.responseStatus,
    });
    const ga = await lastValueFrom(
      from(sampleEvents('ga-function-call.server.jsonl')).pipe(
        accumulateFunctionCalls(),
        toArray(),
      ),
    );
    const beta = await lastValueFrom(
      from(sampleEvents('beta-function-call.server.jsonl')).pipe(
        accumulateFunctionCalls(),
        toArray(),
      ),
    );
    expect(ga.length).toBeGreaterThan(0);
    expect(ga.every((c) => c.ready)).toBe(true);
    expect(beta.map(strip)).toEqual(ga.map(strip));
  });
});
