import fc from 'fast-check';
import { own, ownLookup } from '../../src/protocol/own';

const table: { readonly [key: string]: number } = {
  'response.output_audio.delta': 1,
  'response.output_audio_transcript.delta': 2,
  'response.done': 3,
  'conversation.item.added': 4,
  // Keys of one length: a lookup that compared less than the whole key would mix them up.
  'input_audio_buffer.cleared': 5,
  'input_audio_buffer.started': 6,
};
const keys = [
  ...Object.keys(table),
  '__proto__',
  'toString',
  'constructor',
  'hasOwnProperty',
  'response.output_audio.delt',
  'response.output_audio.dolta',
  'input_audio_buffer.stopped',
  '',
];

describe('ownLookup', () => {
  it('answers every key as own() does, whatever the previous key was', () => {
    // The lookup keeps its last key: a run of equal keys, then a change, must never return the
    // value of the previous key (nor a cached miss for a key that is there).
    const key = fc.oneof(fc.constantFrom(...keys), fc.string());
    fc.assert(
      fc.property(fc.array(key, { maxLength: 40 }), (sequence) => {
        const lookup = ownLookup(table);
        // Fresh strings, as JSON.parse makes them, not the interned literals of `keys`.
        return sequence.every((k) => lookup(JSON.parse(JSON.stringify(k))) === own(table, k));
      }),
    );
  });

  it('finds a key right after a miss, and misses right after a hit', () => {
    const lookup = ownLookup(table);
    expect([
      lookup('response.done'),
      lookup('toString'),
      lookup('response.done'),
      lookup('response.done'),
      lookup('conversation.item.added'),
      lookup('__proto__'),
      lookup('__proto__'),
      lookup('input_audio_buffer.cleared'),
      lookup('input_audio_buffer.started'),
      lookup('input_audio_buffer.stopped'),
      lookup('input_audio_buffer.cleared'),
    ]).toEqual([3, undefined, 3, 3, 4, undefined, undefined, 5, 6, undefined, 5]);
  });
});
