import fc from 'fast-check';
import {
  float32ToInt16,
  float32ToPcm16Bytes,
  int16ToFloat32,
  int16ToPcm16Bytes,
  pcm16BytesToFloat32,
  pcm16BytesToInt16,
  resampleLinear,
} from '../../src/audio/pcm.js';
import {
  int16ToPcm16BytesByCopy,
  int16ToPcm16BytesWithDataView,
  pcm16BytesToInt16ByCopy,
  pcm16BytesToInt16WithDataView,
} from '../../src/audio/pcm-byte-order.js';

const int16Samples = (maxLength = 300) =>
  fc.array(fc.integer({ min: -32768, max: 32767 }), { maxLength }).map((a) => Int16Array.from(a));

/** `bytes` copied to `offset` inside a larger buffer, to test unaligned views. */
function atOffset(bytes: Uint8Array, offset: number): Uint8Array {
  const backing = new Uint8Array(bytes.length + offset + 3).fill(0xaa);
  backing.set(bytes, offset);
  return backing.subarray(offset, offset + bytes.length);
}

describe('PCM16 bytes <-> Int16Array', () => {
  it('reads little-endian samples', () => {
    const bytes = new Uint8Array([0x01, 0x00, 0xff, 0xff, 0x00, 0x80, 0xff, 0x7f]);
    expect(Array.from(pcm16BytesToInt16(bytes))).toEqual([1, -1, -32768, 32767]);
    expect(Array.from(int16ToPcm16Bytes(Int16Array.from([1, -1, -32768, 32767])))).toEqual(
      Array.from(bytes),
    );
  });

  it('handles empty input and ignores an odd trailing byte', () => {
    expect(pcm16BytesToInt16(new Uint8Array(0))).toHaveLength(0);
    expect(int16ToPcm16Bytes(new Int16Array(0))).toHaveLength(0);
    expect(pcm16BytesToInt16(new Uint8Array([0x7f]))).toHaveLength(0);
    expect(Array.from(pcm16BytesToInt16(new Uint8Array([0x02, 0x00, 0x7f])))).toEqual([2]);
  });

  it('reads views at an odd byteOffset', () => {
    const bytes = atOffset(new Uint8Array([0x34, 0x12, 0xcc, 0xed]), 1);
    expect(bytes.byteOffset).toBe(1);
    expect(Array.from(pcm16BytesToInt16(bytes))).toEqual([0x1234, -0x1234]);
    expect(Array.from(pcm16BytesToFloat32(bytes))).toEqual([0x1234 / 32768, -0x1234 / 32768]);
  });

  it('returns new arrays, never views over the input', () => {
    const bytes = new Uint8Array([1, 0, 2, 0]);
    const samples = pcm16BytesToInt16(bytes);
    samples[0] = 99;
    expect(bytes[0]).toBe(1);
    const back = int16ToPcm16Bytes(samples);
    back[0] = 7;
    expect(samples[0]).toBe(99);
  });

  it('round-trips at any offset, by both byte-order paths', () => {
    fc.assert(
      fc.property(int16Samples(), fc.integer({ min: 0, max: 5 }), (samples, offset) => {
        const viaDataView = int16ToPcm16BytesWithDataView(samples);
        expect(Array.from(int16ToPcm16BytesByCopy(samples))).toEqual(Array.from(viaDataView));
        const bytes = atOffset(viaDataView, offset);
        expect(Array.from(pcm16BytesToInt16ByCopy(bytes))).toEqual(Array.from(samples));
        expect(Array.from(pcm16BytesToInt16WithDataView(bytes))).toEqual(Array.from(samples));
        expect(Array.from(pcm16BytesToInt16(bytes))).toEqual(Array.from(samples));
      }),
    );
  });
});

describe('Int16 <-> Float32', () => {
  it('scales by 32768', () => {
    expect(Array.from(int16ToFloat32(Int16Array.from([-32768, -16384, 0, 16384, 32767])))).toEqual([
      -1,
      -0.5,
      0,
      0.5,
      32767 / 32768,
    ]);
  });

  it('clamps out-of-range floats and maps NaN to 0', () => {
    const floats = Float32Array.from([1, 1.5, -1, -2, Number.NaN, Infinity, -Infinity]);
    expect(Array.from(float32ToInt16(floats))).toEqual([
      32767, 32767, -32768, -32768, 0, 32767, -32768,
    ]);
  });

  it('rounds to the nearest sample', () => {
    expect(
      Array.from(float32ToInt16(Float32Array.from([0.4 / 32768, 0.6 / 32768, -0.6 / 32768]))),
    ).toEqual([0, 1, -1]);
  });

  it('round-trips every Int16 value exactly', () => {
    const all = Int16Array.from({ length: 65536 }, (_, i) => i - 32768);
    expect(float32ToInt16(int16ToFloat32(all))).toEqual(all);
  });

  it('goes straight between floats and PCM16 bytes', () => {
    fc.assert(
      fc.property(int16Samples(), (samples) => {
        const floats = int16ToFloat32(samples);
        const bytes = float32ToPcm16Bytes(floats);
        expect(Array.from(bytes)).toEqual(Array.from(int16ToPcm16BytesWithDataView(samples)));
        expect(Array.from(pcm16BytesToFloat32(bytes))).toEqual(Array.from(floats));
      }),
    );
  });

  it('writes float32ToPcm16Bytes into a buffer of exactly its size', () => {
    const bytes = float32ToPcm16Bytes(new Float32Array(3));
    expect(bytes.byteLength).toBe(6);
    expect(bytes.buffer.byteLength).toBe(6);
  });
});

describe('resampleLinear', () => {
  it('halves 48 kHz to 24 kHz by taking every other sample', () => {
    const mic = Float32Array.from({ length: 480 }, (_, i) => Math.sin(i / 10));
    const out = resampleLinear(mic, 48000, 24000);
    expect(out).toHaveLength(240);
    for (let i = 0; i < out.length; i++) expect(out[i]).toBeCloseTo(mic[i * 2], 6);
  });

  it('gives round(n * to / from) samples: 10 ms at 44.1 kHz is 10 ms at 24 kHz', () => {
    expect(resampleLinear(new Float32Array(441), 44100, 24000)).toHaveLength(240);
    expect(resampleLinear(new Float32Array(0), 44100, 24000)).toHaveLength(0);
  });

  it('interpolates linearly when upsampling', () => {
    const out = resampleLinear(Float32Array.from([0, 1, 0]), 8000, 16000);
    expect(Array.from(out)).toEqual([0, 0.5, 1, 0.5, 0, 0]);
  });

  it('reproduces a straight line exactly (within float error)', () => {
    const ramp = Float32Array.from({ length: 441 }, (_, i) => i / 441);
    const out = resampleLinear(ramp, 44100, 24000);
    const step = 44100 / 24000;
    for (let i = 0; i < out.length; i++) {
      const position = Math.min(i * step, 440);
      expect(out[i]).toBeCloseTo(position / 441, 5);
    }
  });

  it('never leaves the input range', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.constantFrom(8000, 16000, 22050, 44100, 48000),
        fc.constantFrom(8000, 24000),
        (values, from, to) => {
          const out = resampleLinear(Float32Array.from(values), from, to);
          const lo = Math.min(...values);
          const hi = Math.max(...values);
          for (const v of out) {
            expect(v).toBeGreaterThanOrEqual(lo - 1e-6);
            expect(v).toBeLessThanOrEqual(hi + 1e-6);
          }
        },
      ),
    );
  });

  it('copies when the rates are equal', () => {
    const input = Float32Array.from([0.25, -0.25]);
    const out = resampleLinear(input, 24000, 24000);
    expect(out).toEqual(input);
    expect(out).not.toBe(input);
  });

  it('refuses rates that are not positive and finite', () => {
    expect(() => resampleLinear(new Float32Array(4), 0, 24000)).toThrow(RangeError);
    expect(() => resampleLinear(new Float32Array(4), 48000, Number.NaN)).toThrow(RangeError);
    expect(() => resampleLinear(new Float32Array(4), Infinity, 24000)).toThrow(RangeError);
  });
});
