import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as t from 'io-ts';
import * as events from '../../src/protocol/generated/events.js';
import * as resources from '../../src/protocol/generated/resources.js';
import { arbitraryOf } from '../helpers/codec-examples.js';

/** The `is` io-ts itself builds for an object codec with these fields. */
function ioTsCheck(codec: t.Mixed): ((u: unknown) => boolean) | undefined {
  if (codec instanceof t.IntersectionType)
    return t.intersection(codec.types as [t.Mixed, t.Mixed]).is;
  if (codec instanceof t.PartialType) return t.partial(codec.props as t.Props).is;
  if (codec instanceof t.InterfaceType) return t.type(codec.props as t.Props).is;
  return undefined;
}

/** Every object codec of the catalogue (each has a generated `is`), by its exported name. */
const generated = Object.entries({ ...resources, ...events }).flatMap(([name, value]) => {
  if (!(value instanceof t.Type)) return [];
  const inner = value instanceof t.ReadonlyType ? (value.type as t.Mixed) : value;
  const reference = ioTsCheck(inner);
  return reference ? [[name, inner, reference] as const] : [];
});

/** A value next to a valid one: one field removed, made null or undefined, or of another type. */
function nearMisses(value: unknown): unknown[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const fields = value as Record<string, unknown>;
  return Object.keys(fields).flatMap((key) => {
    const { [key]: _removed, ...without } = fields;
    const swapped = typeof fields[key] === 'string' ? 7 : 'text';
    return [null, undefined, swapped, {}, []]
      .map((replacement) => ({ ...fields, [key]: replacement }))
      .concat([without]);
  });
}

/** Every object inside the recorded server events (the events themselves included). */
function objectsIn(value: unknown, out: unknown[] = []): unknown[] {
  if (typeof value !== 'object' || value === null) return out;
  if (!Array.isArray(value)) out.push(value);
  for (const field of Object.values(value)) objectsIn(field, out);
  return out;
}

const samplesDir = join(__dirname, '..', 'fixtures', 'samples');
const recorded = readdirSync(samplesDir)
  .filter((file) => file.endsWith('.server.jsonl'))
  .flatMap((file) =>
    readFileSync(join(samplesDir, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as unknown),
  )
  .flatMap((event) => objectsIn(event));
/** One of each recorded object (the many audio deltas differ only in their values). */
const distinct = [
  ...new Map(recorded.map((o) => [JSON.stringify(Object.keys(o as object)), o])).values(),
];
const recordedCandidates = distinct.concat(distinct.flatMap(nearMisses));

/** The candidates on which the two checks disagree. */
const disagreements = (
  codec: t.Mixed,
  reference: (u: unknown) => boolean,
  candidates: readonly unknown[],
): unknown[] => candidates.filter((candidate) => codec.is(candidate) !== reference(candidate));

describe("generated object checks agree with io-ts's own is", () => {
  it('covers the catalogue', () => {
    expect(generated.length).toBeGreaterThan(100);
    expect(generated.map(([name]) => name)).toEqual(
      expect.arrayContaining(['GaResponse', 'ResponseOutputAudioDeltaEvent', 'GaUsage']),
    );
  });

  it.each(generated)('%s: on valid values and their near misses', (_name, codec, reference) => {
    fc.assert(
      fc.property(arbitraryOf(codec), (value) => {
        expect(disagreements(codec, reference, [value, ...nearMisses(value)])).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it.each(generated)('%s: on every object of the recorded sessions', (_name, codec, reference) => {
    expect(disagreements(codec, reference, recordedCandidates)).toEqual([]);
  });

  it('refuses what is not an object, as io-ts does', () => {
    const [, codec, reference] = generated.find(([name]) => name === 'GaResponse')!;
    expect(disagreements(codec, reference, [null, undefined, 'response', 3, [], [{}]])).toEqual([]);
  });
});
