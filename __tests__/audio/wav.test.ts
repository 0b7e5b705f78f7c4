import fc from 'fast-check';
import { WaveFile } from 'wavefile';
import { decodeALaw, decodeMuLaw, encodeALaw, encodeMuLaw } from '../../src/audio/g711.js';
import { int16ToPcm16Bytes } from '../../src/audio/pcm.js';
import { decodeWav, encodeWav, WavFormatError } from '../../src/audio/wav.js';

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length));
const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** A WAV file written by wavefile itself, for encodings this package does not write. */
function wavefileWav(
  channels: number,
  rate: number,
  bitDepth: string,
  samples: ArrayLike<number> | ArrayLike<number>[],
  container = 'RIFF',
): Uint8Array {
  const wave = new WaveFile();
  wave.fromScratch(channels, rate, bitDepth, samples, { container });
  return wave.toBuffer();
}

function decodeError(bytes: Uint8Array): WavFormatError {
  try {
    decodeWav(bytes);
  } catch (error) {
    if (error instanceof WavFormatError) return error;
    throw error;
  }
  throw new Error('decodeWav did not throw');
}

describe('encodeWav', () => {
  it('writes a canonical 44-byte PCM16 header at 24 kHz mono', () => {
    const wav = encodeWav(Int16Array.from([1, -2, 32767]));
    const dv = view(wav);
    expect(wav).toHaveLength(44 + 6);
    expect(ascii(wav, 0, 4)).toBe('RIFF');
    expect(dv.getUint32(4, true)).toBe(wav.length - 8);
    expect(ascii(wav, 8, 8)).toBe('WAVEfmt ');
    expect(dv.getUint32(16, true)).toBe(16); // fmt chunk size
    expect(dv.getUint16(20, true)).toBe(1); // WAVE_FORMAT_PCM
    expect(dv.getUint16(22, true)).toBe(1); // channels
    expect(dv.getUint32(24, true)).toBe(24000);
    expect(dv.getUint32(28, true)).toBe(48000); // byte rate
    expect(dv.getUint16(32, true)).toBe(2); // block align
    expect(dv.getUint16(34, true)).toBe(16);
    expect(ascii(wav, 36, 4)).toBe('data');
    expect(dv.getUint32(40, true)).toBe(6);
    expect(Array.from(wav.subarray(44))).toEqual([1, 0, 0xfe, 0xff, 0xff, 0x7f]);
  });

  it('writes G.711 as WAVE_FORMAT_MULAW / WAVE_FORMAT_ALAW, 8-bit at 8 kHz', () => {
    const codes = Uint8Array.from([0xff, 0x00, 0x80, 0x7e]);
    for (const [format, code] of [
      ['g711_ulaw', 7],
      ['g711_alaw', 6],
    ] as const) {
      const wav = encodeWav(codes, { format });
      const dv = view(wav);
      expect(ascii(wav, 0, 4)).toBe('RIFF');
      expect(dv.getUint16(20, true)).toBe(code);
      expect(dv.getUint32(24, true)).toBe(8000);
      expect(dv.getUint32(28, true)).toBe(8000);
      expect(dv.getUint16(34, true)).toBe(8);
      expect(Array.from(wav.subarray(wav.length - 4))).toEqual(Array.from(codes));
    }
  });

  it('writes the same file from PCM16 bytes as from samples', () => {
    const samples = Int16Array.from([0, 1000, -1000, 32767, -32768]);
    expect(encodeWav(int16ToPcm16Bytes(samples))).toEqual(encodeWav(samples));
  });

  it('ignores an odd trailing PCM16 byte', () => {
    const wav = encodeWav(Uint8Array.from([1, 0, 2]));
    expect(Array.from(decodeWav(wav).samples)).toEqual([1]);
  });

  it('encodes samples to G.711 when given Int16 samples', () => {
    const samples = Int16Array.from([0, 1000, -1000, 32767, -32768]);
    expect(encodeWav(samples, { format: 'g711_ulaw' })).toEqual(
      encodeWav(encodeMuLaw(samples), { format: 'g711_ulaw' }),
    );
    expect(encodeWav(samples, { format: 'g711_alaw' })).toEqual(
      encodeWav(encodeALaw(samples), { format: 'g711_alaw' }),
    );
  });

  it('takes another sample rate', () => {
    const wav = encodeWav(new Int16Array(16), { sampleRate: 16000 });
    expect(view(wav).getUint32(24, true)).toBe(16000);
    expect(decodeWav(wav).sampleRate).toBe(16000);
  });

  it('refuses a bad sample rate or a channel count other than 1', () => {
    expect(() => encodeWav(new Int16Array(2), { sampleRate: 0 })).toThrow(RangeError);
    expect(() => encodeWav(new Int16Array(2), { sampleRate: 22050.5 })).toThrow(RangeError);
    const stereo = { channels: 2 } as unknown as { channels: 1 };
    expect(() => encodeWav(new Int16Array(2), stereo)).toThrow(RangeError);
  });
});

describe('decodeWav', () => {
  it('round-trips PCM16', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -32768, max: 32767 }), { maxLength: 300 }),
        (values) => {
          const samples = Int16Array.from(values);
          const wav = decodeWav(encodeWav(samples));
          expect(wav).toEqual({
            sampleRate: 24000,
            channels: 1,
            bitsPerSample: 16,
            format: 'pcm16',
            samples,
          });
        },
      ),
    );
  });

  it('round-trips empty audio', () => {
    expect(decodeWav(encodeWav(new Int16Array(0))).samples).toHaveLength(0);
    expect(decodeWav(encodeWav(new Uint8Array(0), { format: 'g711_alaw' })).samples).toHaveLength(
      0,
    );
  });

  it('decodes G.711 files to 16-bit samples with the reference codecs', () => {
    const codes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const ulaw = decodeWav(encodeWav(codes, { format: 'g711_ulaw' }));
    expect(ulaw).toMatchObject({
      sampleRate: 8000,
      channels: 1,
      bitsPerSample: 8,
      format: 'g711_ulaw',
    });
    expect(ulaw.samples).toEqual(decodeMuLaw(codes));
    const alaw = decodeWav(encodeWav(codes, { format: 'g711_alaw' }));
    expect(alaw).toMatchObject({ sampleRate: 8000, bitsPerSample: 8, format: 'g711_alaw' });
    expect(alaw.samples).toEqual(decodeALaw(codes));
  });

  it('reads a file held in a view at an odd offset', () => {
    const wav = encodeWav(Int16Array.from([5, -5]));
    const backing = new Uint8Array(wav.length + 3);
    backing.set(wav, 1);
    expect(Array.from(decodeWav(backing.subarray(1, 1 + wav.length)).samples)).toEqual([5, -5]);
  });

  it('reads big-endian RIFX files', () => {
    const samples = Int16Array.from([1, -2, 0x1234]);
    const wav = decodeWav(wavefileWav(1, 24000, '16', samples, 'RIFX'));
    expect(wav.samples).toEqual(samples);
  });

  it('interleaves multi-channel files, extensible ones included', () => {
    const stereo = decodeWav(
      wavefileWav(2, 44100, '16', [Int16Array.from([1, 2]), Int16Array.from([-1, -2])]),
    );
    expect(stereo).toMatchObject({ channels: 2, sampleRate: 44100, format: 'pcm16' });
    expect(Array.from(stereo.samples)).toEqual([1, -1, 2, -2]);
    const channels = [Int16Array.from([1]), Int16Array.from([2]), Int16Array.from([3])];
    const extensible = wavefileWav(3, 48000, '16', channels);
    // wavefile writes the extensible fmt chunk (sub-format PCM at byte 44) but tags it 1.
    expect(view(extensible).getUint16(16, true)).toBe(40);
    expect(view(extensible).getUint32(44, true)).toBe(1);
    view(extensible).setUint16(20, 0xfffe, true); // WAVE_FORMAT_EXTENSIBLE
    expect(decodeWav(extensible)).toMatchObject({ channels: 3, format: 'pcm16' });
    expect(Array.from(decodeWav(extensible).samples)).toEqual([1, 2, 3]);
  });

  it('converts other PCM depths and float to 16 bits, reporting the stored depth', () => {
    const float = decodeWav(wavefileWav(1, 48000, '32f', Float32Array.from([0.5, -1, 1, 0])));
    expect(float).toMatchObject({ bitsPerSample: 32, format: 'pcm16', sampleRate: 48000 });
    expect(Array.from(float.samples)).toEqual([16383, -32768, 32767, 0]);
    const deep = decodeWav(wavefileWav(1, 24000, '24', [0x123400, -0x800000, 0x7fffff]));
    expect(deep.bitsPerSample).toBe(24);
    // wavefile scales full scale to full scale, so 0x1234 << 8 lands within one step of 0x1234.
    expect(Math.abs(deep.samples[0] - 0x1234)).toBeLessThanOrEqual(1);
    expect(Array.from(deep.samples.subarray(1))).toEqual([-32768, 32767]);
    const shallow = decodeWav(wavefileWav(1, 8000, '8', [128, 0, 255]));
    expect(shallow.bitsPerSample).toBe(8);
    expect(shallow.samples[0]).toBe(0);
    expect(shallow.samples[1]).toBe(-32768);
    expect(shallow.samples[2]).toBeGreaterThan(32000);
  });

  it('throws a WavFormatError naming the problem for bytes that are not a WAV file', () => {
    for (const bytes of [
      new Uint8Array(0),
      new Uint8Array(7),
      Uint8Array.from('RIFF\0\0\0\0AVI LIST', (c) => c.charCodeAt(0)),
      encodeWav(new Int16Array(4)).subarray(0, 30),
    ]) {
      const error = decodeError(bytes);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe('WavFormatError');
      expect(error.message).toMatch(/^not a readable WAV file: /);
      expect(error.cause).toBeInstanceOf(Error);
    }
  });

  it('throws a WavFormatError for encodings it does not read', () => {
    const adpcm = encodeWav(new Int16Array(4));
    view(adpcm).setUint16(20, 2, true); // WAVE_FORMAT_ADPCM
    expect(decodeError(adpcm).message).toBe('unsupported WAV encoding: format code 2');
    const wideMuLaw = encodeWav(new Uint8Array(4), { format: 'g711_ulaw' });
    view(wideMuLaw).setUint16(34, 16, true);
    expect(decodeError(wideMuLaw).message).toMatch(/8 bits per sample, got 16/);
    const extensibleFloat = wavefileWav(3, 48000, '16', [[0], [0], [0]]);
    view(extensibleFloat).setUint16(20, 0xfffe, true);
    view(extensibleFloat).setUint32(44, 3, true); // sub-format IEEE float
    expect(decodeError(extensibleFloat).message).toBe(
      'unsupported WAV encoding: format code 3 (extensible)',
    );
    const noChannels = encodeWav(new Int16Array(4));
    view(noChannels).setUint16(22, 0, true);
    expect(decodeError(noChannels).message).toMatch(/no channels/);
  });
});
