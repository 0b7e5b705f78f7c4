/**
 * The audio layer: base64, formats and byte/ms arithmetic, PCM16 and G.711 conversions,
 * chunk lists and WAV files. Pure and browser-safe.
 *
 * @packageDocumentation
 */
export {
  Base64Error,
  base64ByteLength,
  base64ToBytes,
  bytesToBase64,
  decodeBase64,
  decodeBase64Into,
} from './base64.js';
export { AudioChunkError, checkAudioChunk } from './chunk-check.js';
export { AudioChunkList } from './chunk-list.js';
export type { AudioChunksSummary, AudioChunksView } from './chunk-list.js';
export {
  audioFormatFromGa,
  audioFormatToGa,
  bytesPerMs,
  bytesPerSample,
  bytesToMs,
  isAudioFormat,
  msToBytes,
  sampleRate,
} from './formats.js';
export type { AudioFormat, GaAudioFormat, GaAudioFormatLike } from './formats.js';
export {
  aLawFromLinear,
  aLawToLinear,
  decodeALaw,
  decodeMuLaw,
  encodeALaw,
  encodeMuLaw,
  muLawFromLinear,
  muLawToLinear,
} from './g711.js';
export {
  float32ToInt16,
  float32ToPcm16Bytes,
  int16ToFloat32,
  int16ToPcm16Bytes,
  pcm16BytesToFloat32,
  pcm16BytesToInt16,
  resampleLinear,
} from './pcm.js';
export { decodeWav, encodeWav, WavFormatError } from './wav.js';
export type { DecodedWav, EncodeWavOptions } from './wav.js';
