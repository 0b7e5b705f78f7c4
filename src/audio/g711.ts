/**
 * ITU-T G.711 µ-law and A-law, as in the ITU-T G.191 reference implementation
 * (`g711.c`): 16-bit linear samples in, 8-bit codes out (µ-law keeps the top 14 bits,
 * A-law the top 13). Decoding goes through 256-entry tables built once at load.
 */

/** µ-law bias (33 in 14-bit units) added before finding the segment. */
const MU_LAW_BIAS = 33;
const MU_LAW_MAX_MAGNITUDE = 0x1fff;
/** A-law codes travel with their even bits inverted. */
const A_LAW_EVEN_BITS = 0x55;

// Built once at load from the reference expansions below (function declarations are hoisted).
const MU_LAW_TABLE = buildTable(expandMuLaw);
const A_LAW_TABLE = buildTable(expandALaw);

/**
 * Encodes one 16-bit sample as a µ-law code (`ulaw_compress` of ITU-T G.191). Values
 * outside the Int16 range are clamped first.
 *
 * @example
 * ```ts
 * import { muLawFromLinear } from 'rx-realtime';
 * muLawFromLinear(0); // 0xff
 * muLawFromLinear(-32768); // 0x00
 * ```
 */
export function muLawFromLinear(sample: number): number {
  const linear = clampInt16(sample);
  // One's complement for negatives (~x = -x - 1) keeps -1 next to 0, as the reference does.
  let magnitude = ((linear < 0 ? ~linear : linear) >> 2) + MU_LAW_BIAS;
  if (magnitude > MU_LAW_MAX_MAGNITUDE) magnitude = MU_LAW_MAX_MAGNITUDE;
  let segment = 1;
  for (let rest = magnitude >> 6; rest !== 0; rest >>= 1) segment++;
  const code = ((8 - segment) << 4) | (0x0f - ((magnitude >> segment) & 0x0f));
  return linear >= 0 ? code | 0x80 : code;
}

/**
 * Decodes one µ-law code to a 16-bit sample (`ulaw_expand` of ITU-T G.191).
 *
 * @example
 * ```ts
 * import { muLawToLinear } from 'rx-realtime';
 * muLawToLinear(0xff); // 0
 * muLawToLinear(0x00); // -32124
 * ```
 */
export function muLawToLinear(code: number): number {
  return MU_LAW_TABLE[code & 0xff];
}

/**
 * Encodes one 16-bit sample as an A-law code (`alaw_compress` of ITU-T G.191). Values
 * outside the Int16 range are clamped first.
 *
 * @example
 * ```ts
 * import { aLawFromLinear } from 'rx-realtime';
 * aLawFromLinear(0); // 0xd5
 * aLawFromLinear(-1); // 0x55
 * ```
 */
export function aLawFromLinear(sample: number): number {
  const linear = clampInt16(sample);
  let magnitude = (linear < 0 ? ~linear : linear) >> 4;
  if (magnitude > 15) {
    let exponent = 1;
    while (magnitude > 16 + 15) {
      magnitude >>= 1;
      exponent++;
    }
    // Drop the implied leading 1 and put the exponent in bits 4-6.
    magnitude = magnitude - 16 + (exponent << 4);
  }
  return (linear >= 0 ? magnitude | 0x80 : magnitude) ^ A_LAW_EVEN_BITS;
}

/**
 * Decodes one A-law code to a 16-bit sample (`alaw_expand` of ITU-T G.191).
 *
 * @example
 * ```ts
 * import { aLawToLinear } from 'rx-realtime';
 * aLawToLinear(0xd5); // 8
 * aLawToLinear(0x55); // -8
 * ```
 */
export function aLawToLinear(code: number): number {
  return A_LAW_TABLE[code & 0xff];
}

/**
 * Encodes 16-bit samples as µ-law codes (`g711_ulaw`, one byte per sample).
 *
 * @example
 * ```ts
 * import { bytesToBase64, encodeMuLaw } from 'rx-realtime';
 * const audio = bytesToBase64(encodeMuLaw(new Int16Array(160))); // 20 ms at 8 kHz
 * ```
 */
export function encodeMuLaw(samples: Int16Array): Uint8Array {
  const codes = new Uint8Array(samples.length);
  for (let i = 0; i < samples.length; i++) codes[i] = muLawFromLinear(samples[i]);
  return codes;
}

/**
 * Decodes µ-law codes to 16-bit samples.
 *
 * @example
 * ```ts
 * import { base64ToBytes, decodeMuLaw } from 'rx-realtime';
 * decodeMuLaw(base64ToBytes('/wA=')); // Int16Array [0, -32124]
 * ```
 */
export function decodeMuLaw(codes: Uint8Array): Int16Array {
  const samples = new Int16Array(codes.length);
  for (let i = 0; i < codes.length; i++) samples[i] = MU_LAW_TABLE[codes[i]];
  return samples;
}

/**
 * Encodes 16-bit samples as A-law codes (`g711_alaw`, one byte per sample).
 *
 * @example
 * ```ts
 * import { bytesToBase64, encodeALaw } from 'rx-realtime';
 * const audio = bytesToBase64(encodeALaw(new Int16Array(160))); // 20 ms at 8 kHz
 * ```
 */
export function encodeALaw(samples: Int16Array): Uint8Array {
  const codes = new Uint8Array(samples.length);
  for (let i = 0; i < samples.length; i++) codes[i] = aLawFromLinear(samples[i]);
  return codes;
}

/**
 * Decodes A-law codes to 16-bit samples.
 *
 * @example
 * ```ts
 * import { decodeALaw } from 'rx-realtime';
 * decodeALaw(new Uint8Array([0xd5, 0x55])); // Int16Array [8, -8]
 * ```
 */
export function decodeALaw(codes: Uint8Array): Int16Array {
  const samples = new Int16Array(codes.length);
  for (let i = 0; i < codes.length; i++) samples[i] = A_LAW_TABLE[codes[i]];
  return samples;
}

function clampInt16(sample: number): number {
  // `| 0` truncates fractions; NaN becomes 0.
  return sample >= 32767 ? 32767 : sample <= -32768 ? -32768 : sample | 0;
}

/** `ulaw_expand`: the code is stored inverted; sign in bit 7, exponent in 4-6, mantissa in 0-3. */
function expandMuLaw(code: number): number {
  const inverted = ~code & 0xff;
  const exponent = (inverted >> 4) & 0x07;
  const step = 4 << (exponent + 1);
  const magnitude = (0x80 << exponent) + step * (inverted & 0x0f) + step / 2 - 4 * MU_LAW_BIAS;
  return code < 0x80 ? -magnitude : magnitude;
}

/** `alaw_expand`: undo the even-bit inversion, then rebuild the segment's midpoint value. */
function expandALaw(code: number): number {
  const plain = (code ^ A_LAW_EVEN_BITS) & 0x7f;
  const exponent = plain >> 4;
  let mantissa = plain & 0x0f;
  if (exponent > 0) mantissa += 16;
  mantissa = (mantissa << 4) + 0x08;
  if (exponent > 1) mantissa <<= exponent - 1;
  return code > 0x7f ? mantissa : -mantissa;
}

function buildTable(expand: (code: number) => number): Int16Array {
  const table = new Int16Array(256);
  for (let code = 0; code < 256; code++) table[code] = expand(code);
  return table;
}
