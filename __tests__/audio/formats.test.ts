import fc from 'fast-check';
import {
  audioFormatFromGa,
  audioFormatToGa,
  bytesPerMs,
  bytesPerSample,
  bytesToMs,
  isAudioFormat,
  msToBytes,
  sampleRate,
  type AudioFormat,
  type GaAudioFormatLike,
} from '../../src/audio/formats.js';
import type { codecs } from '../../src/protocol/index.js';

const FORMATS: readonly AudioFormat[] = ['pcm16', 'g711_ulaw', 'g711_alaw'];

describe('format facts (reference §3)', () => {
  it('has the rates and sizes of the table', () => {
    expect(FORMATS.map(sampleRate)).toEqual([24000, 8000, 8000]);
    expect(FORMATS.map(bytesPerSample)).toEqual([2, 1, 1]);
    expect(FORMATS.map(bytesPerMs)).toEqual([48, 8, 8]);
  });

  it('recognises the three tokens only', () => {
    expect(FORMATS.every(isAudioFormat)).toBe(true);
    expect(isAudioFormat('pcm')).toBe(false);
    expect(isAudioFormat('toString')).toBe(false);
    expect(isAudioFormat(16)).toBe(false);
  });
});

describe('GA format objects', () => {
  it('maps both ways', () => {
    expect(audioFormatToGa('pcm16')).toEqual({ type: 'audio/pcm', rate: 24000 });
    expect(audioFormatToGa('g711_ulaw')).toEqual({ type: 'audio/pcmu' });
    expect(audioFormatToGa('g711_alaw')).toEqual({ type: 'audio/pcma' });
    for (const format of FORMATS) expect(audioFormatFromGa(audioFormatToGa(format))).toBe(format);
  });

  it('reads a missing type as the API default, pcm16', () => {
    expect(audioFormatFromGa({})).toBe('pcm16');
    expect(audioFormatFromGa({ rate: 24000 })).toBe('pcm16');
  });

  it('returns a fresh object each time', () => {
    expect(audioFormatToGa('pcm16')).not.toBe(audioFormatToGa('pcm16'));
  });

  it('refuses a type the API does not define', () => {
    const untyped = { type: 'audio/mp3' } as unknown as GaAudioFormatLike;
    expect(() => audioFormatFromGa(untyped)).toThrow(RangeError);
  });

  it('accepts the format objects the protocol codecs decode', () => {
    const decoded: readonly codecs.GaAudioFormat[] = [{ type: 'audio/pcmu' }, {}];
    expect(decoded.map((format) => audioFormatFromGa(format))).toEqual(['g711_ulaw', 'pcm16']);
  });
});

describe('byte / millisecond arithmetic', () => {
  it('matches the worked examples', () => {
    expect(bytesToMs(960, 'pcm16')).toBe(20);
    expect(bytesToMs(160, 'g711_ulaw')).toBe(20);
    expect(bytesToMs(160, 'g711_alaw')).toBe(20);
    expect(msToBytes(20, 'pcm16')).toBe(960);
    expect(msToBytes(20, 'g711_ulaw')).toBe(160);
    expect(msToBytes(1000, 'pcm16')).toBe(48000);
  });

  it('keeps fractions in bytesToMs', () => {
    expect(bytesToMs(2, 'pcm16')).toBeCloseTo(1 / 24, 12);
    expect(bytesToMs(1, 'g711_ulaw')).toBe(0.125);
  });

  it('rounds msToBytes down to whole samples, so pcm16 counts are even', () => {
    expect(msToBytes(0.1, 'pcm16')).toBe(4); // 2.4 samples -> 2
    expect(msToBytes(1 / 24, 'pcm16')).toBe(2);
    expect(msToBytes(0.99 / 24, 'pcm16')).toBe(0);
    expect(msToBytes(0.2, 'g711_alaw')).toBe(1);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e7, noNaN: true }), (ms) => {
        const bytes = msToBytes(ms, 'pcm16');
        expect(bytes % 2).toBe(0);
        expect(bytesToMs(bytes, 'pcm16')).toBeLessThanOrEqual(ms + 1e-6);
        expect(bytesToMs(bytes + 2, 'pcm16')).toBeGreaterThan(ms);
      }),
    );
  });

  it('round-trips whole-sample byte counts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.constantFrom(...FORMATS),
        (n, format) => {
          const bytes = n * bytesPerSample(format);
          expect(msToBytes(bytesToMs(bytes, format), format)).toBe(bytes);
        },
      ),
    );
  });

  it('gives 0 for negative or NaN milliseconds and Infinity for Infinity', () => {
    expect(msToBytes(-5, 'pcm16')).toBe(0);
    expect(msToBytes(Number.NaN, 'pcm16')).toBe(0);
    expect(msToBytes(0, 'pcm16')).toBe(0);
    expect(msToBytes(Number.POSITIVE_INFINITY, 'pcm16')).toBe(Number.POSITIVE_INFINITY);
  });
});
