import { sampleLines, SCENARIOS } from '../helpers/samples';
import { startSimulator, type RunningSimulator } from '../../src/node/simulator/index';
import { TestClient } from './client';

/**
 * Rule 2 of the reference (§6) lets independent streams interleave freely: transcript vs audio
 * deltas, the user's input transcription (count and position), and rate_limits.updated. The
 * comparison therefore drops transcription events and rate_limits, and collapses each run of
 * output deltas (transcript and audio together) into one marker.
 */
function normalise(types: readonly string[]): string[] {
  const out: string[] = [];
  for (const type of types) {
    if (type.includes('input_audio_transcription') || type === 'rate_limits.updated') continue;
    const delta =
      /audio(_transcript)?\.delta$|output_audio(_transcript)?\.delta$|text\.delta$|arguments\.delta$/.test(
        type,
      );
    const marker = delta ? '<deltas>' : type;
    if (delta && out[out.length - 1] === marker) continue;
    out.push(marker);
  }
  return out;
}

const clientEvents = (name: string) =>
  sampleLines(name).map((line) => JSON.parse(line) as Record<string, unknown>);
const serverTypes = (name: string) =>
  sampleLines(name).map((line) => String((JSON.parse(line) as { type: string }).type));

let sim: RunningSimulator | undefined;
let client: TestClient | undefined;
afterEach(async () => {
  client?.close();
  await sim?.close();
  client = undefined;
  sim = undefined;
});

const lastType = (types: string[]) => types[types.length - 1];

describe.each(['ga', 'beta'] as const)('sample scenarios, %s dialect', (dialect) => {
  for (const scenario of SCENARIOS) {
    it(`${scenario}: same event types as the sample (after rule-2 normalising)`, async () => {
      const events = clientEvents(`${dialect}-${scenario}.client.jsonl`);
      const expected = serverTypes(`${dialect}-${scenario}.server.jsonl`);
      const responses = expected.filter((t) => t === 'response.done').length;
      const script =
        scenario === 'interruption'
          ? (() => {
              let n = 0;
              return () =>
                n++ === 0
                  ? {
                      text: 'Once upon a time, on a rocky island far from the coast, there lived a lighthouse keeper named Elias who loved the sea.',
                    }
                  : { text: 'Sure! The end.' };
            })()
          : undefined;
      sim = await startSimulator({
        pace: scenario === 'interruption' ? 'realtime' : 'instant',
        script,
      });
      client = await TestClient.open(sim.url, dialect);
      await client.untilCount('session.created', 1);
      const c = client;
      if (scenario === 'interruption') {
        // Everything up to response.create, then wait for audio so the response is in flight.
        const create = events.findIndex((e) => e.type === 'response.create');
        events.slice(0, create + 1).forEach((e) => c.send(e));
        // At least 300 ms of assistant audio, so truncating at 200 ms is valid.
        await c.until((f) => f.filter((e) => String(e.type).endsWith('audio.delta')).length >= 15);
        const itemId = String(
          c.frames.find((f) => f.type === 'response.output_item.added')?.item &&
            (c.frames.find((f) => f.type === 'response.output_item.added')!.item as { id: string })
              .id,
        );
        for (const e of events.slice(create + 1)) {
          c.send(e.type === 'conversation.item.truncate' ? { ...e, item_id: itemId } : e);
          if (e.type === 'response.cancel')
            await c.until((f) => f.some((x) => x.type === 'response.done'));
        }
      } else {
        for (const e of events) {
          c.send(e);
          if (e.type === 'response.create')
            await c.untilCount('response.done', c.count('response.done') + 1);
          if (
            e.type === 'conversation.item.create' &&
            (e.item as { type: string }).type === 'function_call_output'
          ) {
            const call = c.frames.find(
              (f) =>
                f.type === 'response.output_item.added' &&
                (f.item as { type: string }).type === 'function_call',
            );
            (e.item as { call_id: string }).call_id = (call!.item as { call_id: string }).call_id;
          }
        }
      }
      await c.untilCount('response.done', responses, 15000);
      expect(c.decodeErrors).toEqual([]);
      expect(lastType(c.types())).toBe('response.done');
      expect(normalise(c.types())).toEqual(normalise(expected));
    });
  }
});
