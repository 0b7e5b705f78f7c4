import { either } from 'fp-ts';
import fc from 'fast-check';
import { AudioChunkError, checkAudioChunk } from '../../src/audio/chunk-check.js';

describe('checkAudioChunk', () => {
  it('accepts whole pcm16 samples and returns the same chunk', () => {
    const chunk = new Uint8Array(960);
    expect(checkAudioChunk(chunk)).toEqual(either.right(chunk));
    expect(either.isRight(checkAudioChunk(new Uint8Array(2)))).toBe(true);
  });

  it('refuses an odd-length pcm16 chunk, naming its length', () => {
    fc.assert(
      fc.property(fc.nat({ max: 5000 }), (half) => {
        const result = checkAudioChunk(new Uint8Array(half * 2 + 1));
        expect(result).toEqual(either.left(expect.any(AudioChunkError)));
        if (either.isLeft(result)) {
          expect(result.left.byteLength).toBe(half * 2 + 1);
          expect(result.left.message).toBe(
            `pcm16 audio chunk of ${half * 2 + 1} bytes splits a sample (2 bytes each)`,
          );
        }
      }),
    );
  });

  it('refuses an empty chunk in every format', () => {
    for (const format of ['pcm16', 'g711_ulaw', 'g711_alaw'] as const) {
      const result = checkAudioChunk(new Uint8Array(0), format);
      expect(either.isLeft(result) && result.left.message).toBe(`empty ${format} audio chunk`);
    }
  });

  it('accepts any non-empty G.711 chunk (one byte per sample)', () => {
    expect(either.isRight(checkAudioChunk(new Uint8Array(161), 'g711_ulaw'))).toBe(true);
  });

  it('refuses what is not bytes, as JavaScript callers may pass', () => {
    for (const value of [null, undefined, 'AAAA', [0, 0], new Int16Array(4)]) {
      const result = checkAudioChunk(value as unknown as Uint8Array);
      expect(either.isLeft(result) && result.left.message).toMatch(/must be a Uint8Array/);
    }
  });
});
