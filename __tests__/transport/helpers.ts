import type { ClientEvent } from '../../src/protocol/index.js';
import { sampleLines } from '../helpers/samples.js';

export { testScheduler } from '../helpers/marbles.js';

/** Wire events of one recorded sample file. */
export function sample(name: string): Array<Record<string, unknown> & { type: string }> {
  return sampleLines(name).map((l) => JSON.parse(l) as Record<string, unknown> & { type: string });
}

/** The canonical client events of a GA sample (they are already canonical). */
export function clientSample(name: string): ClientEvent[] {
  return sample(name) as unknown as ClientEvent[];
}

/** The recorded GA `error` event (`response_cancel_not_active`), pointing at `eventId`. */
export function sampleError(eventId: string): object {
  const found = sample('ga-interruption.server.jsonl').find((e) => e.type === 'error');
  if (!found) throw new Error('no error event in the sample');
  const body = found.error as Record<string, unknown>;
  return { ...found, error: { ...body, event_id: eventId } };
}
