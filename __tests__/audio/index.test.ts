import * as audio from '../../src/audio/index.js';

describe('the audio entry point', () => {
  it('exports the public names and nothing internal', () => {
    expect(Object.keys(audio).sort()).toEqual(
      [
        'AudioChunkError',
        'AudioChunkList',
        'Base64Error',
        'checkAudioChunk',
        'decodeBase64',
        'decodeBase64Into',
        'WavFormatError',
        'aLawFromLinear',
        'aLawToLinear',
        'audioFormatFromGa',
        'audioFormatToGa',
        'base64ByteLength',
        'base64ToBytes',
        'bytesPerMs',
        'bytesPerSample',
        'bytesToBase64',
        'bytesToMs',
        'decodeALaw',
        'decodeMuLaw',
        'decodeWav',
        'encodeALaw',
        'encodeMuLaw',
        'encodeWav',
        'float32ToInt16',
        'float32ToPcm16Bytes',
        'int16ToFloat32',
        'int16ToPcm16Bytes',
        'isAudioFormat',
        'msToBytes',
        'muLawFromLinear',
        'muLawToLinear',
        'pcm16BytesToFloat32',
        'pcm16BytesToInt16',
        'resampleLinear',
        'sampleRate',
      ].sort(),
    );
  });

  it('works end to end: a delta decoded, listed, cut at an interruption and saved as WAV', () => {
    const delta = audio.bytesToBase64(
      audio.int16ToPcm16Bytes(Int16Array.from({ length: 480 }, (_, i) => i)),
    );
    expect(audio.base64ByteLength(delta)).toBe(960);
    const list = new audio.AudioChunkList('pcm16');
    list.append(audio.base64ToBytes(delta)).append(audio.base64ToBytes(delta));
    expect(list.durationMs()).toBe(40);
    const heard = list.bytesUpTo(30);
    expect(heard).toHaveLength(1440);
    const wav = audio.decodeWav(audio.encodeWav(heard));
    expect(wav.samples).toHaveLength(720);
    expect(wav.samples[480]).toBe(0);
    expect(wav.samples[719]).toBe(239);
  });
});
