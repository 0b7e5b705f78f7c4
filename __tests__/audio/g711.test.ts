import fc from 'fast-check';
import {
  aLawFromLinear,
  aLawToLinear,
  decodeALaw,
  decodeMuLaw,
  encodeALaw,
  encodeMuLaw,
  muLawFromLinear,
  muLawToLinear,
} from '../../src/audio/g711.js';

const ALL_INT16 = Int16Array.from({ length: 65536 }, (_, i) => i - 32768);
const ALL_CODES = Uint8Array.from({ length: 256 }, (_, i) => i);

/** The inputs for which `holds` fails (one assertion for 65 536 checks keeps the test fast). */
const failures = (holds: (x: number, i: number) => boolean): number[] =>
  Array.from(ALL_INT16).filter((x, i) => !holds(x, i));

// Independent decoders, as written in the classic Sun Microsystems g711.c (ulaw2linear,
// alaw2linear), to cross-check the tables built from the G.191 formulas.
function sunUlawToLinear(code: number): number {
  const u = ~code & 0xff;
  const t = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
  return u & 0x80 ? 0x84 - t : t - 0x84;
}
function sunAlawToLinear(code: number): number {
  const a = code ^ 0x55;
  const segment = (a & 0x70) >> 4;
  let t = (a & 0x0f) << 4;
  if (segment === 0) t += 8;
  else if (segment === 1) t += 0x108;
  else t = (t + 0x108) << (segment - 1);
  return a & 0x80 ? t : -t;
}

describe('µ-law', () => {
  it('decodes the known code points', () => {
    expect(muLawToLinear(0xff)).toBe(0);
    expect(muLawToLinear(0x7f)).toBe(0);
    expect(muLawToLinear(0x00)).toBe(-32124);
    expect(muLawToLinear(0x80)).toBe(32124);
    expect(muLawToLinear(0xfe)).toBe(8);
    expect(muLawToLinear(0x7e)).toBe(-8);
  });

  it('encodes the known code points', () => {
    expect(muLawFromLinear(0)).toBe(0xff);
    expect(muLawFromLinear(-1)).toBe(0x7f);
    expect(muLawFromLinear(32767)).toBe(0x80);
    expect(muLawFromLinear(-32768)).toBe(0x00);
    expect(muLawFromLinear(40000)).toBe(0x80); // clamped
  });

  it('decodes every code as the reference does', () => {
    for (const code of ALL_CODES) expect(muLawToLinear(code)).toBe(sunUlawToLinear(code));
    expect(Array.from(decodeMuLaw(ALL_CODES))).toEqual(Array.from(ALL_CODES, sunUlawToLinear));
  });

  it('re-encodes every decoded code to itself (except negative zero, 0x7f)', () => {
    for (const code of ALL_CODES) {
      expect(muLawFromLinear(muLawToLinear(code))).toBe(code === 0x7f ? 0xff : code);
    }
  });

  it('errs by at most half a quantization step (plus clipping above 32124)', () => {
    const decoded = decodeMuLaw(encodeMuLaw(ALL_INT16));
    const halfStep = (x: number) => 4 << ((~muLawFromLinear(x) >> 4) & 0x07);
    const bound = (x: number) => Math.max(halfStep(x), Math.abs(x) - 32124);
    expect(failures((x, i) => Math.abs(decoded[i] - x) <= bound(x))).toEqual([]);
    expect(Math.abs(decoded[32768 + 1000] - 1000)).toBeGreaterThan(0); // lossy, not a no-op
  });

  it('is monotonic', () => {
    const decoded = decodeMuLaw(encodeMuLaw(ALL_INT16));
    expect(failures((_, i) => i === 0 || decoded[i] >= decoded[i - 1])).toEqual([]);
  });
});

describe('A-law', () => {
  it('decodes the known code points', () => {
    expect(aLawToLinear(0xd5)).toBe(8);
    expect(aLawToLinear(0x55)).toBe(-8);
    expect(aLawToLinear(0xaa)).toBe(32256);
    expect(aLawToLinear(0x2a)).toBe(-32256);
  });

  it('encodes the known code points', () => {
    expect(aLawFromLinear(0)).toBe(0xd5);
    expect(aLawFromLinear(-1)).toBe(0x55);
    expect(aLawFromLinear(32767)).toBe(0xaa);
    expect(aLawFromLinear(-32768)).toBe(0x2a);
    expect(aLawFromLinear(-40000)).toBe(0x2a); // clamped
  });

  it('decodes every code as the reference does', () => {
    for (const code of ALL_CODES) expect(aLawToLinear(code)).toBe(sunAlawToLinear(code));
    expect(Array.from(decodeALaw(ALL_CODES))).toEqual(Array.from(ALL_CODES, sunAlawToLinear));
  });

  it('re-encodes every decoded code to itself', () => {
    for (const code of ALL_CODES) expect(aLawFromLinear(aLawToLinear(code))).toBe(code);
  });

  it('errs by at most half a quantization step', () => {
    const decoded = decodeALaw(encodeALaw(ALL_INT16));
    const halfStep = (x: number) =>
      8 << Math.max(0, (((aLawFromLinear(x) ^ 0x55) >> 4) & 0x07) - 1);
    expect(failures((x, i) => Math.abs(decoded[i] - x) <= halfStep(x))).toEqual([]);
  });

  it('is monotonic', () => {
    const decoded = decodeALaw(encodeALaw(ALL_INT16));
    expect(failures((_, i) => i === 0 || decoded[i] >= decoded[i - 1])).toEqual([]);
  });
});

describe('array codecs', () => {
  it('handle empty input', () => {
    expect(encodeMuLaw(new Int16Array(0))).toHaveLength(0);
    expect(decodeMuLaw(new Uint8Array(0))).toHaveLength(0);
    expect(encodeALaw(new Int16Array(0))).toHaveLength(0);
    expect(decodeALaw(new Uint8Array(0))).toHaveLength(0);
  });

  it('agree with the per-sample functions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -32768, max: 32767 }), { maxLength: 200 }),
        (values) => {
          const samples = Int16Array.from(values);
          expect(Array.from(encodeMuLaw(samples))).toEqual(values.map(muLawFromLinear));
          expect(Array.from(encodeALaw(samples))).toEqual(values.map(aLawFromLinear));
        },
      ),
    );
  });

  it('keep silence silent: 20 ms of zeros at 8 kHz', () => {
    const silence = new Int16Array(160);
    expect(encodeMuLaw(silence).every((code) => code === 0xff)).toBe(true);
    expect(encodeALaw(silence).every((code) => code === 0xd5)).toBe(true);
  });
});
