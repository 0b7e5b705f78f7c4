import { either } from 'fp-ts';
import fc from 'fast-check';
import {
  Base64Error,
  base64ByteLength,
  base64ToBytes,
  bytesToBase64,
  decodeBase64,
  decodeBase64Into,
} from '../../src/audio/base64.js';
import {
  base64ToBytesWithAtob,
  base64ToBytesWithBuffer,
  bytesToBase64WithBtoa,
  bytesToBase64WithBuffer,
  platformBuffer,
  type NodeBufferLike,
} from '../../src/audio/base64-codecs.js';

const nodeBuffer = (): NodeBufferLike => {
  const buffer = platformBuffer();
  if (!buffer) throw new Error('these tests run under Node, where Buffer exists');
  return buffer;
};

const plain = (bytes: Uint8Array): number[] => Array.from(bytes);

/** Runs `body` as a browser would: without the Buffer global. */
function withoutBuffer<T>(body: () => T): T {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'Buffer');
  Reflect.deleteProperty(globalThis, 'Buffer');
  try {
    return body();
  } finally {
    Object.defineProperty(globalThis, 'Buffer', saved as PropertyDescriptor);
  }
}

describe('base64ToBytes / bytesToBase64', () => {
  it('decodes and encodes known values', () => {
    expect(plain(base64ToBytes('AAEC'))).toEqual([0, 1, 2]);
    expect(plain(base64ToBytes('/wA='))).toEqual([0xff, 0x00]);
    expect(plain(base64ToBytes('+w=='))).toEqual([0xfb]);
    expect(bytesToBase64(new Uint8Array([0, 1, 2]))).toBe('AAEC');
    expect(bytesToBase64(new Uint8Array([0xff, 0x00]))).toBe('/wA=');
    expect(bytesToBase64(new Uint8Array([0xfb]))).toBe('+w==');
  });

  it('handles empty input', () => {
    expect(base64ToBytes('')).toHaveLength(0);
    expect(bytesToBase64(new Uint8Array(0))).toBe('');
  });

  it('returns a plain Uint8Array that owns its whole buffer, even for small inputs', () => {
    const bytes = base64ToBytes('AAEC');
    expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(3);
  });

  it('encodes only the view of a subarray', () => {
    const whole = new Uint8Array([9, 0, 1, 2, 9]);
    expect(bytesToBase64(whole.subarray(1, 4))).toBe('AAEC');
  });

  it('round-trips arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        expect(plain(base64ToBytes(bytesToBase64(bytes)))).toEqual(plain(bytes));
      }),
    );
  });
});

describe('the browser path (atob/btoa) and the Buffer path', () => {
  it('encode identically, including inputs longer than one 32 KiB btoa slice', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        expect(bytesToBase64WithBtoa(bytes)).toBe(bytesToBase64WithBuffer(bytes, nodeBuffer()));
      }),
    );
    const large = Uint8Array.from({ length: 0x8000 * 2 + 7 }, (_, i) => (i * 31 + 7) & 0xff);
    expect(bytesToBase64WithBtoa(large)).toBe(bytesToBase64WithBuffer(large, nodeBuffer()));
  });

  it('decode identically', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        const b64 = bytesToBase64WithBuffer(bytes, nodeBuffer());
        expect(plain(base64ToBytesWithAtob(b64))).toEqual(
          plain(base64ToBytesWithBuffer(b64, nodeBuffer())),
        );
        expect(plain(base64ToBytesWithAtob(b64))).toEqual(plain(bytes));
      }),
    );
  });

  it('the Buffer path decodes any text, malformed or not, as Buffer.from does, in a buffer of its own', () => {
    const text = fc.string({
      unit: fc.constantFrom(...'ABCDab09+/-_= \n!'.split('')),
      maxLength: 40,
    });
    fc.assert(
      fc.property(text, (b64) => {
        const bytes = base64ToBytesWithBuffer(b64, nodeBuffer());
        expect(plain(bytes)).toEqual(plain(Buffer.from(b64, 'base64')));
        expect(bytes.byteLength).toBe(bytes.buffer.byteLength);
      }),
      { numRuns: 2000 },
    );
  });

  it('both encode subarrays at an odd offset as the view', () => {
    const whole = Uint8Array.from({ length: 101 }, (_, i) => i);
    const view = whole.subarray(3, 98);
    expect(bytesToBase64WithBtoa(view)).toBe(bytesToBase64WithBuffer(view, nodeBuffer()));
  });

  it('uses the browser path when no Buffer global exists', () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'Buffer');
    expect(saved).toBeDefined();
    Reflect.deleteProperty(globalThis, 'Buffer');
    try {
      expect(platformBuffer()).toBeUndefined();
      expect(bytesToBase64(new Uint8Array([0xff, 0x00]))).toBe('/wA=');
      expect(plain(base64ToBytes('/wA='))).toEqual([0xff, 0x00]);
    } finally {
      Object.defineProperty(globalThis, 'Buffer', saved as PropertyDescriptor);
    }
    expect(platformBuffer()).toBeDefined();
  });
});

describe('base64ByteLength', () => {
  it('counts bytes without decoding', () => {
    expect(base64ByteLength('A'.repeat(1280))).toBe(960); // one 20 ms pcm16 chunk
    expect(base64ByteLength('')).toBe(0);
    expect(base64ByteLength('AA==')).toBe(1);
    expect(base64ByteLength('AAE=')).toBe(2);
    expect(base64ByteLength('AAEC')).toBe(3);
  });

  it('also counts unpadded input', () => {
    expect(base64ByteLength('AA')).toBe(1);
    expect(base64ByteLength('AAE')).toBe(2);
  });

  it('agrees with the decoded length for arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), (bytes) => {
        const b64 = bytesToBase64(bytes);
        expect(base64ByteLength(b64)).toBe(bytes.length);
        expect(base64ByteLength(b64.replace(/=+$/, ''))).toBe(bytes.length);
      }),
    );
  });
});

describe('decodeBase64Into', () => {
  it('writes what decodeBase64 gives at the offset, and refuses what it refuses, on each path', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('base64')),
          fc.string({ maxLength: 40 }),
        ),
        fc.nat(16),
        (text, offset) => {
          // Each path as decodeBase64 on that path (only Node reads the URL-safe alphabet).
          for (const onPath of [<T>(run: () => T) => run(), withoutBuffer]) {
            const expected = onPath(() => decodeBase64(text));
            const target = new Uint8Array(offset + 200 + 3).fill(9);
            const written = onPath(() => decodeBase64Into(text, target, offset));
            if (expected._tag === 'Left') expect(written._tag).toBe('Left');
            else {
              expect(written).toEqual(either.right(expected.right.length));
              expect(Array.from(target.subarray(offset, offset + expected.right.length))).toEqual(
                Array.from(expected.right),
              );
              expect(Array.from(target.subarray(0, offset))).toEqual(new Array(offset).fill(9));
            }
          }
        },
      ),
    );
  });

  it('throws a RangeError when the target has no room, as a caller error', () => {
    expect(() => decodeBase64Into('AAEC', new Uint8Array(4), 2)).toThrow(RangeError);
  });
});

describe('decodeBase64 (checked decoding)', () => {
  const BAD = ['AAE!', 'A', 'AAAAA', 'AA==AAAA', '@@@@', 'AAAA\u00e9AAA', ' //', 'AA A'];

  it.each(BAD)('refuses %j on the Buffer path and on the atob path, never throwing', (b64) => {
    for (const decoded of [decodeBase64(b64), withoutBuffer(() => decodeBase64(b64))]) {
      expect(either.isLeft(decoded)).toBe(true);
      if (either.isLeft(decoded)) {
        expect(decoded.left).toBeInstanceOf(Base64Error);
        expect(decoded.left.message).toMatch(/not valid base64/);
      }
    }
  });

  it('refuses a value that is not a string', () => {
    expect(either.isLeft(decodeBase64(undefined as unknown as string))).toBe(true);
  });

  it('decodes valid base64 on both paths like base64ToBytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.boolean(), (bytes, padded) => {
        const b64 = padded ? bytesToBase64(bytes) : bytesToBase64(bytes).replace(/=+$/, '');
        for (const decoded of [decodeBase64(b64), withoutBuffer(() => decodeBase64(b64))]) {
          expect(decoded).toEqual(either.right(bytes));
        }
      }),
    );
  });
});
